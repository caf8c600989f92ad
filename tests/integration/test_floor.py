"""The same-shape floor (scripts/floor) still runs: three tiny files in, a published warehouse out."""
import os
import subprocess
import sys

import duckdb
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow   # one run of the floor: ~30 s on 2 cores, most of it imports and dbt


def test_floor_publishes_a_warehouse_of_its_files(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("关于2023年工作的报告\n一、主要目标\n", encoding="utf-8")
    (raw / "b.txt").write_bytes("设区市报告".encode("gbk"))   # not UTF-8: decoded with replacement characters
    (raw / "c.md").write_text("# 序\n", encoding="utf-8")
    warehouse = tmp_path / "published" / "warehouse.duckdb"
    env = {**os.environ, "RAW_DIR": str(raw), "WORK_DIR": str(tmp_path / "work"), "WAREHOUSE_PATH": str(warehouse),
           "LOG_LEVEL": "ERROR"}
    env.pop("DAGSTER_HOME", None)
    r = subprocess.run([sys.executable, "-m", "scripts.floor"], cwd=ROOT, env=env, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert warehouse.exists() and not (tmp_path / "work" / "floor-work.duckdb").exists()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        assert q("select count(*) from landing.files") == [(3,)]
        assert q("select count(*) from main.fct_file") == [(3,)]
        assert q("select n_files, n_distinct_contents from main.file_totals") == [(3, 3)]
        assert q("select extension, n_files from main.files_by_extension order by extension") == [("md", 1), ("txt", 2)]
        assert q("select file_name from main.replacement_chars where has_undecodable_bytes") == [("b.txt",)]
        assert q("select count(*) from information_schema.tables where table_schema = 'main'") == [(10,)]
