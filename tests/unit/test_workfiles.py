"""Work files of finished or dead runs go at the next run; a live run's never do."""
import subprocess
import sys
import time

from orchestration import workfiles


def _files(work, rid):
    (work / f"run-{rid}.duckdb").write_bytes(b"x" * 10)
    (work / f"run-{rid}-dbt").mkdir()
    (work / f"run-{rid}-dbt" / "manifest.json").write_text("{}")


def test_sweep_keeps_live_runs_and_the_newest_dead_one(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    for _i, rid in enumerate(["old1", "old2", "newest_dead"]):
        _files(work, rid)
        time.sleep(0.01)
    # a run in another process that is alive, and one that died holding its claim (kill -9)
    code = "import sys, time; from orchestration import workfiles; workfiles.claim(sys.argv[1], sys.argv[2]); "
    live = subprocess.Popen([sys.executable, "-c", code + "print('ok', flush=True); time.sleep(60)", str(work), "live"],
                            stdout=subprocess.PIPE, text=True)
    assert live.stdout.readline().strip() == "ok"
    _files(work, "live")
    subprocess.run([sys.executable, "-c", code + "import os; os._exit(9)", str(work), "killed"], check=False)
    _files(work, "killed")                      # the newest of the dead: kept for debugging
    workfiles.claim(work, "mine")
    _files(work, "mine")
    try:
        workfiles.sweep(work)
        left = {p.name for p in work.iterdir()}
        assert {"run-live.duckdb", "run-mine.duckdb", "run-killed.duckdb"} <= left
        assert not any(n.startswith(("run-old1", "run-old2", "run-newest_dead")) for n in left), left
        workfiles.release(work, "mine")
        (work / "run-mine.duckdb").unlink()
        workfiles.sweep(work)
        assert "run-live.duckdb" in {p.name for p in work.iterdir()}
    finally:
        live.kill()
    live.wait()
    workfiles.sweep(work, keep_newest=0)
    assert not list(work.iterdir())


def shutil_usage(free: int):
    import shutil

    return shutil._ntuple_diskusage(100 * 2**30, 100 * 2**30 - free, free)


def test_on_a_full_disk_the_newest_dead_runs_files_go_too(tmp_path, monkeypatch):
    """The run that died of a full disk is usually the one whose work files filled it: keeping them
    "for debugging" would make the next run fail the same way. Short of space, nothing idle is kept."""
    work = tmp_path / "work"
    work.mkdir()
    for rid in ("older", "died_of_full_disk"):
        _files(work, rid)
        time.sleep(0.01)
    workfiles.claim(work, "next")
    try:
        monkeypatch.setattr(workfiles.shutil, "disk_usage", lambda _d: shutil_usage(10 * 2**20))   # 10 MB left
        workfiles.sweep(work)
        assert {p.name for p in work.iterdir()} == {"run-next.lock"}
        _files(work, "died_again")
        monkeypatch.setattr(workfiles.shutil, "disk_usage", lambda _d: shutil_usage(50 * 2**30))   # room again
        workfiles.sweep(work)
        assert "run-died_again.duckdb" in {p.name for p in work.iterdir()}
    finally:
        workfiles.release(work, "next")
