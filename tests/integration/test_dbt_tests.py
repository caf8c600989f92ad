"""The dbt tests (asset checks in Dagster) fail on bad rows and stop the pipeline from publishing."""
import json
import os
import shutil
import subprocess

import dagster as dg
import duckdb
import pytest

from orchestration.resources import dbt_executable
from orchestration.settings import DBT_PROJECT_DIR
from tests.integration.conftest import run_pipeline, sha

pytestmark = pytest.mark.slow

# two groups, because a failing staging test makes dbt skip the models (and tests) below it
BAD_LANDING_LEAVES = {
    "in_vocabulary_fct_measure_role": "update landing.measures set role = 'guess' where measure_seq = 1",
    "in_vocabulary_fct_measure_comparator": "update landing.measures set comparator = '≈' where measure_seq = 2",
    "relationships_bridge_task_department_task_id": "insert into landing.task_departments "
        "select report_id, 9999, 1, '不存在的单位', true from landing.reports limit 1",
    "in_vocabulary_fct_task_status": "update landing.tasks set status = 'maybe' where task_seq = 1",
    "not_null_fct_measure_evidence": "update landing.measures set evidence = null where measure_seq = 3",
}
BAD_LANDING_STAGING = {
    "unique_stg_landing__tasks_task_id": "insert into landing.tasks select * from landing.tasks limit 1",
    "unique_stg_landing__report_files_source_file": "insert into landing.report_files select * from landing.report_files limit 1",
}


@pytest.mark.parametrize("bad", [BAD_LANDING_LEAVES, BAD_LANDING_STAGING], ids=["marts", "staging"])
def test_dbt_tests_fail_on_bad_landing_rows(built, tmp_path, bad):
    wh = tmp_path / "bad.duckdb"
    shutil.copy(built["warehouse"], wh)
    with duckdb.connect(str(wh)) as con:
        for sql in bad.values():
            con.execute(sql)
    target = tmp_path / "target"
    proc = subprocess.run([dbt_executable(), "build", "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", str(target)],
                          cwd=DBT_PROJECT_DIR, env={**os.environ, "DBT_DUCKDB_PATH": str(wh)},
                          capture_output=True, text=True)
    assert proc.returncode != 0
    results = json.loads((target / "run_results.json").read_text())["results"]
    failed = {r["unique_id"].split(".")[2] for r in results if r["status"] in ("fail", "error")}
    for test in bad:
        assert any(f.startswith(test) for f in failed), (test, sorted(failed))


def test_failing_dbt_test_keeps_the_last_good_warehouse(tmp_path, built_copy, monkeypatch):
    env = built_copy
    before = sha(env["WAREHOUSE_PATH"])
    import orchestration.parsing.report as report
    real = report.parse_report

    def bad_status(data, name):
        parsed = real(data, name)
        for t in parsed.tasks[:1]:
            t.status = "maybe"
        return parsed

    monkeypatch.setattr(report, "parse_report", bad_status)
    env["CACHE_DIR"] = tmp_path / "cache2"
    env["PARSE_WORKERS"] = 0          # parse in this process, where the bug is planted
    result = run_pipeline(env)
    assert not result.success
    assert not any(e.event_type_value == "ASSET_MATERIALIZATION" and e.asset_key == dg.AssetKey(["published", "warehouse"])
                   for e in result.all_events)
    assert sha(env["WAREHOUSE_PATH"]) == before


def test_every_dbt_test_fails_on_a_bad_row(built, tmp_path):
    """Generic: for each dbt test in the manifest, plant one row that breaks it (a duplicate for unique,
    a null for not_null, an unknown value for accepted_values, a dangling key for relationships) in a
    copy of the warehouse, then `dbt test`: every test must fail."""
    manifest = json.loads((DBT_PROJECT_DIR / "target" / "manifest.json").read_text())
    nodes = manifest["nodes"]
    tests = [n for n in nodes.values() if n["resource_type"] == "test"]
    wh = tmp_path / "bad.duckdb"
    shutil.copy(built["warehouse"], wh)
    with duckdb.connect(str(wh)) as con:
        materialised = set()
        for t in tests:
            model = nodes[t["attached_node"]]
            rel = f'{model["schema"]}.{model["alias"]}'
            if rel not in materialised:
                # a plain table copy: views get a table to plant rows in, and the marts lose their
                # primary keys (DuckDB would refuse the bad row, but the dbt test must catch it too)
                kind = "view" if model["config"]["materialized"] == "view" else "table"
                con.execute(f"create table {rel}__t as select * from {rel}")
                con.execute(f"drop {kind} {rel}")
                con.execute(f"alter table {rel}__t rename to {model['alias']}")
            materialised.add(rel)
            if con.execute(f"select count(*) from {rel}").fetchone()[0] == 0:
                con.execute(f"insert into {rel} default values")                # an empty table gets a row
            con.execute(f"insert into {rel} select * from {rel} limit 1")     # a duplicate row: breaks unique
            last = f"rowid = (select max(rowid) from {rel})"
            kind, col = t["test_metadata"]["name"], t.get("column_name")
            if kind == "not_null":
                con.execute(f"update {rel} set {col} = null where {last}")
            elif kind == "not_all_null":
                for c in t["test_metadata"]["kwargs"]["columns"]:
                    con.execute(f"update {rel} set {c} = null where {last}")
            elif kind in ("accepted_values", "in_vocabulary", "relationships"):
                con.execute(f"update {rel} set {col} = '__not_a_known_value__' where {last}")
    target = tmp_path / "target"
    subprocess.run([dbt_executable(), "test", "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", str(target)],
                   cwd=DBT_PROJECT_DIR, env={**os.environ, "DBT_DUCKDB_PATH": str(wh)}, capture_output=True, text=True)
    results = {r["unique_id"]: r["status"] for r in json.loads((target / "run_results.json").read_text())["results"]}
    not_failed = [t["name"] for t in tests if results.get(t["unique_id"]) not in ("fail", "error")]
    assert len(results) == len(tests) and not not_failed, not_failed
