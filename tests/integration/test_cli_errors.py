"""Usage errors of the command line are one sentence with what to do, exit code 2, no traceback."""
import subprocess
import sys

import duckdb
import pytest

from tests.conftest import ROOT


def _cli(*args, env=None):
    import os

    return subprocess.run([sys.executable, "-m", "orchestration", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


@pytest.mark.parametrize("target", ["README.md", "orchestration", "no/such/file.duckdb", "EMPTY"])
def test_validate_refuses_what_is_not_a_warehouse(target, tmp_path):
    if target == "EMPTY":
        target = str(tmp_path / "empty.duckdb")
        duckdb.connect(target).close()
    r = _cli("validate", "--warehouse", target)
    assert r.returncode == 2
    assert r.stderr.startswith("error: ") and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stdout + r.stderr


def test_run_with_an_empty_raw_dir_says_so_in_one_line(tmp_path):
    (tmp_path / "raw").mkdir()
    r = _cli("run", env={"RAW_DIR": str(tmp_path / "raw"), "WAREHOUSE_PATH": str(tmp_path / "w.duckdb")})
    assert r.returncode == 2 and "holds no report files" in r.stderr and "Traceback" not in r.stdout + r.stderr
    assert not (tmp_path / "w.duckdb").exists()
