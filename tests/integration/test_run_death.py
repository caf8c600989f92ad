"""A run killed with SIGKILL mid-way never blocks the next one (issue: runs survive their own death)."""
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT
from tests.integration.conftest import make_env

pytestmark = pytest.mark.slow


def _start(env: dict) -> subprocess.Popen:
    e = {**os.environ, **{k: str(v) for k, v in env.items()}}
    return subprocess.Popen([sys.executable, "-m", "orchestration", "run"], cwd=ROOT, env=e, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)


def test_a_run_killed_while_holding_the_writer_pool_does_not_block_the_next(tmp_path, raw_copy):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "orchestration" / "dagster.yaml", home / "dagster.yaml")   # pools enforced, as in make run
    env = {**make_env(tmp_path, raw_copy), "DAGSTER_HOME": home, "LOG_LEVEL": "INFO"}

    first = _start(env)
    seen = []
    deadline = time.time() + 240
    for line in first.stdout:                 # wait until it holds the pool slot (landing is parsing)
        seen.append(line)
        if "parsed]" in line or time.time() > deadline:
            break
    assert any("parsed]" in x for x in seen), "".join(seen[-30:])
    os.killpg(first.pid, signal.SIGKILL)      # the run, its parse workers, everything it started
    first.wait(timeout=30)
    leftover = tmp_path / "published" / ".publish-999999-x.duckdb"      # as if killed while publishing
    leftover.parent.mkdir(parents=True, exist_ok=True)
    leftover.write_bytes(b"half")

    second = _start(env)
    try:
        out, _ = second.communicate(timeout=600)
    finally:
        if second.poll() is None:
            os.killpg(second.pid, signal.SIGKILL)
    assert second.returncode == 0, out[-3000:]
    assert "marked failed" in out and "published:" in out, out[-3000:]
    assert not leftover.exists()
    assert (tmp_path / "published" / "warehouse.duckdb").stat().st_mode & 0o044, "readable by others, as umask allows"
