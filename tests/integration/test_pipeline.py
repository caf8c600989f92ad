"""End to end: raw seeds -> Dagster job -> landing -> dbt -> GX checks -> published warehouse."""
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from tests.conftest import ROOT, SEEDS
from tests.integration.conftest import run_pipeline, sha

pytestmark = pytest.mark.slow

EXPECTED = {  # seed -> (region, kind, year, tasks)
    "000_0b31169d8f16ae2d.txt": ("龙湾区", "task_progress", 2023, 151),
    "001_6943a8643e280105.txt": ("洞头区", "task_progress", 2021, 184),
    "002_2cfc610a66b24e44.txt": ("洞头区", "work_report", 2023, None),
    "003_f855646ea6645c30.txt": ("龙港市", "plan_report", 2024, None),
    "004_5dfb79844aef722a.txt": ("洞头区", "work_plan", 2023, None),
}


def test_raw_holds_the_seeds_byte_for_byte():
    raw = {sha(p) for p in (ROOT / "raw").iterdir()}
    assert {sha(p) for p in SEEDS.iterdir()} <= raw


def test_run_publishes_all_seeds(built):
    result = built["result"]
    assert result.success
    checks = [e.asset_check_evaluation_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    assert checks and all(c.passed or c.severity == dg.AssetCheckSeverity.WARN for c in checks)
    assert {c.check_name for c in checks} >= {"gx_completion_consistency", "gx_measures", "gx_provenance", "gx_task_numbering"}
    assert not list(built["env"]["WORK_DIR"].glob("run-*.duckdb")), "work file should be gone after publish"
    with duckdb.connect(str(built["warehouse"]), read_only=True) as con:
        rows = con.execute("""select r.source_sha256, r.region, r.report_kind, r.report_year, count(t.task_id)
                              from marts.dim_report r left join marts.fct_task t using (report_id)
                              group by all""").fetchall()
    by_sha = {r[0]: r[1:] for r in rows}
    assert len(by_sha) == 5
    for name, (region, kind, year, n_tasks) in EXPECTED.items():
        got = by_sha[sha(SEEDS / name)]
        assert got[:3] == (region, kind, year), name
        if n_tasks:
            assert got[3] == n_tasks, name


def test_scorer_runs_on_the_published_warehouse(built):
    out = subprocess.run([sys.executable, str(ROOT.parent / "shared" / "tools" / "score_extraction.py"),
                          "--warehouse", str(built["warehouse"]), "--gold", str(ROOT.parent / "shared" / "gold" / "dev.jsonl"),
                          "--docs", str(SEEDS)], capture_output=True, text=True, check=True)
    assert "SCORE overall=" in out.stdout and "not found" not in out.stdout


def test_failed_blocking_check_keeps_last_good_warehouse(tmp_path, built_copy, monkeypatch):
    env = built_copy
    published = env["WAREHOUSE_PATH"]
    before = sha(published)

    # a parser bug that invents evidence: the provenance suite (critical) must block publishing
    import orchestration.parsing.report as report
    real = report.parse_report

    def corrupt(data, name):
        parsed = real(data, name)
        if parsed.measures:
            parsed.measures[0].evidence = "这段文字不在原文里"
        return parsed

    monkeypatch.setattr(report, "parse_report", corrupt)
    env["CACHE_DIR"] = tmp_path / "cache2"
    env["PARSE_WORKERS"] = 0          # parse in this process, where the bug is planted
    result = run_pipeline(env)
    assert not result.success or not any(
        e.event_type_value == "ASSET_MATERIALIZATION" and e.asset_key == dg.AssetKey(["published", "warehouse"])
        for e in result.all_events)
    failed = [e.asset_check_evaluation_data for e in result.all_events
              if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.asset_check_evaluation_data.passed]
    assert any(c.check_name == "gx_provenance" and c.severity == dg.AssetCheckSeverity.ERROR for c in failed)
    assert sha(published) == before, "the published warehouse must stay the last good one"


def test_meta_run_keeps_the_history_of_published_runs_and_departments_are_per_region(built, built_copy):
    env = built_copy
    first, second = built["result"], run_pipeline(env)
    assert first.success and second.success
    with duckdb.connect(str(env["WAREHOUSE_PATH"]), read_only=True) as con:
        runs = con.execute("select run_id, n_source_files, parser_version from marts.meta_run order by published_at").fetchall()
        types = dict(con.execute("select column_name, data_type from duckdb_columns() where table_name = 'meta_run'").fetchall())
        per_region = con.execute("""select count(*) from (select department_name from marts.dim_department
                                    group by department_name having count(distinct region) > 1)""").fetchone()[0]
    assert [r[0] for r in runs] == [first.run_id, second.run_id]
    assert all(n == 5 and v for _, n, v in runs)
    assert types == {"run_id": "VARCHAR", "published_at": "TIMESTAMP", "n_source_files": "INTEGER",
                     "parser_version": "VARCHAR"}
    assert per_region > 0, "a unit name of two regions (区财政局 of 龙湾区 and 洞头区) is two departments"


def test_a_run_reuses_the_dbt_parse_of_the_run_before(built, built_copy):
    """dbt parses the project once per WORK_DIR: later runs build through the same path
    (dbt_build_link), so the parse the run before saved still fits and `dbt build` skips parsing.
    This run shares `built`'s WORK_DIR (its run is the run before)."""
    work = Path(built["env"]["WORK_DIR"])
    assert (work / "dbt-partial_parse.msgpack").exists()
    result = run_pipeline({**built_copy, "WORK_DIR": work})
    assert result.success
    log = (work / f"run-{result.run_id}-dbt" / "dbt.log").read_text(encoding="utf-8")
    assert "Nothing changed, skipping partial parsing" in log
    assert "Unable to do partial parsing" not in log
    assert not (work / "dbt-build.duckdb").is_symlink()      # let go after the build


def test_facts_carry_the_place_and_year_of_their_report(built):
    """Analysts filter facts by place and year without a join: the columns repeat dim_report's."""
    with duckdb.connect(str(built["warehouse"]), read_only=True) as con:
        for fact in ("fct_task", "fct_measure", "fct_completion", "fct_target_progress", "fct_quality_issue"):
            n, differ = con.execute(f"""
                select count(*), count(*) filter (where f.region is distinct from r.region
                    or f.report_year is distinct from r.report_year or f.report_period is distinct from r.period_label)
                from marts.{fact} f join marts.dim_report r using (report_id)""").fetchone()
            assert n > 0 and differ == 0, fact
        by_place = con.execute("select region, report_year, count(*) from marts.fct_task group by all").fetchall()
    assert any(region == "洞头区" for region, _, _ in by_place)
