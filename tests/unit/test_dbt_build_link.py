"""The constant path dbt builds through (orchestration/dbt_build_link.py)."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from orchestration.dbt_build_link import LINK_NAME, LOCK_NAME, build_link, keep_parse, seed_parse


def test_writes_through_the_link_land_in_the_work_file(tmp_path):
    work = tmp_path / "run-a.duckdb"
    duckdb.connect(str(work)).close()
    with build_link(tmp_path, work) as link:
        assert link == tmp_path / LINK_NAME and link.resolve() == work
        with duckdb.connect(str(link)) as con:
            con.execute("create table t as select range as x from range(1000)")
            assert not (tmp_path / f"{LINK_NAME}.wal").exists()   # the log is the work file's own
    assert not (tmp_path / LINK_NAME).exists()                     # gone when the build is over
    with duckdb.connect(str(work), read_only=True) as con:
        assert con.execute("select count(*) from t").fetchone()[0] == 1000


def test_each_run_points_the_link_at_its_own_file(tmp_path):
    for name in ("run-a.duckdb", "run-b.duckdb"):
        with build_link(tmp_path, tmp_path / name) as link, duckdb.connect(str(link)) as con:
            con.execute(f"create table t as select '{name}' as f")
    for name in ("run-a.duckdb", "run-b.duckdb"):
        with duckdb.connect(str(tmp_path / name), read_only=True) as con:
            assert con.execute("select f from t").fetchone()[0] == name


def _hold_lock_in_a_process(tmp_path):
    """A process that holds the link's lock until killed, as a run in its dbt build does."""
    code = textwrap.dedent(f"""
        import fcntl, os, sys, time
        fd = os.open({str(tmp_path / LOCK_NAME)!r}, os.O_CREAT | os.O_RDWR)
        fcntl.flock(fd, fcntl.LOCK_EX)
        print("held", flush=True)
        time.sleep(60)
    """)
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "held"
    return p


def test_a_second_run_waits_and_says_so_then_gives_up(tmp_path, monkeypatch):
    monkeypatch.setattr("orchestration.locks.NOTE_EVERY_S", 0.1)
    holder = _hold_lock_in_a_process(tmp_path)
    notes = []
    try:
        with pytest.raises(TimeoutError, match="another run"), build_link(tmp_path, tmp_path / "run-b.duckdb",
                                                                         wait_s=0.6, note=notes.append):
            pass
    finally:
        holder.kill()
        holder.wait()
    assert notes and "waiting for another run's dbt build" in notes[0]


def test_a_killed_holder_frees_the_link(tmp_path):
    holder = _hold_lock_in_a_process(tmp_path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    t = time.monotonic()
    with build_link(tmp_path, tmp_path / "run-b.duckdb", wait_s=5) as link:
        assert link.exists() or link.is_symlink()
    assert time.monotonic() - t < 5


def test_the_saved_parse_goes_to_the_next_build(tmp_path):
    first, second = tmp_path / "run-a-dbt", tmp_path / "run-b-dbt"
    assert not seed_parse(tmp_path, first)                   # nothing saved yet: dbt parses it all
    first.mkdir()
    (first / "partial_parse.msgpack").write_bytes(b"parse of run a")
    assert keep_parse(tmp_path, first)
    assert seed_parse(tmp_path, second)
    assert (second / "partial_parse.msgpack").read_bytes() == b"parse of run a"
    assert not keep_parse(tmp_path, tmp_path / "run-c-dbt")   # a build that saved none keeps the last
    assert seed_parse(tmp_path, tmp_path / "run-d-dbt")
