"""Every GX rule passes on the seeds and fails on a crafted bad row."""
import re
import shutil

import duckdb
import pytest

from orchestration.__main__ import main as cli
from orchestration.quality import runner
from orchestration.quality.runner import load_suites, read_rows, run_suites

pytestmark = pytest.mark.slow

SUITES = {s["name"]: s for s in load_suites()}

# (suite, rule, SQL that plants one bad row)
BAD_ROWS = [
    ("completion_consistency", "stated completion rate agrees with actual/target within the tolerance",
     "update marts.fct_completion set stated_pct = computed_pct + 5, pct_gap = -5, is_consistent = false "
     "where completion_id = (select min(completion_id) from marts.fct_completion where computed_pct is not null)"),
    ("completion_consistency", "stated completion rate in a sane range (0-1000%)",
     "update marts.fct_completion set stated_pct = -3 where completion_id = (select min(completion_id) from marts.fct_completion)"),
    ("completion_consistency", "is_consistent flag follows the gap and tolerance",
     "update marts.fct_completion set is_consistent = not is_consistent "
     "where completion_id = (select min(completion_id) from marts.fct_completion where computed_pct is not null)"),
    ("measures", "value_std = value x factor(unit)",
     "update marts.fct_measure set value_std = value_std * 10 where measure_id = "
     "(select min(measure_id) from marts.fct_measure where unit = '亿元')"),
    ("measures", "growth rates within -100% .. +500%",
     "update marts.fct_measure set value = 900, value_std = 900 where measure_id = "
     "(select min(measure_id) from marts.fct_measure where unit = '%' and is_growth_rate)"),
    ("measures", "percent levels/shares within 0 .. 1000%",
     "update marts.fct_measure set value = -5, value_std = -5 where measure_id = "
     "(select min(measure_id) from marts.fct_measure where unit = '%' and not is_growth_rate)"),
    ("provenance", "evidence is an exact substring of the raw text",
     "update marts.fct_measure set evidence = evidence || '（编造）' where measure_id = (select min(measure_id) from marts.fct_measure)"),
    ("task_numbering", "task numbers contiguous within a report",
     "delete from marts.fct_task where task_id = (select task_id from marts.fct_task where task_no = 5 limit 1)"),
    ("cross_report", "one value per indicator, region, year and role across reports",
     "insert into marts.fct_quality_issue (issue_id, rule, severity, report_id, fact_id, stated_value, computed_value, "
     "  unit, evidence, detail) "
     "select 'x', 'indicator_value_conflict', 'warning', report_id, 'no-such-measure', 7.0, 6.5, '%', 'e', 'd' "
     "from marts.dim_report limit 1"),
]


def _failed_rules(warehouse, suite):
    (res,) = run_suites(warehouse, [SUITES[suite]])
    return {o.rule: o for o in res.outcomes if not o.success}


def _gx_over_every_row(warehouse, suite, monkeypatch):
    """The suite validated the slow way, GX reading every row: what the SQL filter must agree with."""
    with monkeypatch.context() as m:
        m.setattr(runner, "may_fail", lambda expectation, types: None)
        (res,) = run_suites(warehouse, [SUITES[suite]])
    assert res.gx_rows == res.n_rows
    return res


def test_every_rule_is_covered():
    rules = {(s, e["meta"]["rule"]) for s, d in SUITES.items() for e in d["expectations"]}
    assert rules == {(s, r) for s, r, _ in BAD_ROWS}


def test_seeds_pass_every_critical_rule(built):
    results = run_suites(built["warehouse"])
    assert not [o.rule for r in results for o in r.critical_failures]
    assert not [o.error for r in results for o in r.outcomes if o.error]


def test_every_suite_leaves_the_rows_that_pass_in_duckdb(built):
    """No suite falls back to shipping every row to GX: each expectation is put in SQL."""
    rows = read_rows(built["warehouse"], list(SUITES.values()))
    assert not [name for name, r in rows.items() if r.complete]
    assert len(rows["provenance"].frame) == 0 < rows["provenance"].n_rows


@pytest.mark.parametrize("suite,rule,sql", BAD_ROWS, ids=[r for _, r, _ in BAD_ROWS])
def test_rule_fails_on_bad_row(built, tmp_path, monkeypatch, suite, rule, sql):
    wh = tmp_path / "bad.duckdb"
    shutil.copy(built["warehouse"], wh)
    before = _failed_rules(wh, suite)
    # warning rules may already find real inconsistencies in the seeds: the bad row must add one
    n_before = before[rule].unexpected_count if rule in before else 0
    assert rule not in before or before[rule].severity == "warning"
    with duckdb.connect(str(wh)) as con:
        # the marts have primary keys, so DuckDB itself refuses a duplicate key: plant the bad row in
        # constraint-free copies of the tables it touches (the rule still guards any warehouse `validate` reads)
        for table in sorted(set(re.findall(r"marts\.(\w+)", sql))):
            con.execute(f"create table marts.{table}__t as select * from marts.{table}")
            con.execute(f"drop table marts.{table}")
            con.execute(f"alter table marts.{table}__t rename to {table}")
        con.execute(sql)
    failed = _failed_rules(wh, suite)
    assert rule in failed and failed[rule].unexpected_count > n_before
    assert failed[rule].failing_rows, "the failing rows are reported"
    # GX reading only the rows the SQL filter lets through finds what GX over every row finds
    every = _gx_over_every_row(wh, suite, monkeypatch)
    (res,) = run_suites(wh, [SUITES[suite]])
    assert res.n_rows == every.n_rows and res.gx_rows <= res.n_rows
    assert [(o.rule, o.success, o.unexpected_count, o.failing_rows, o.error) for o in res.outcomes] == \
           [(o.rule, o.success, o.unexpected_count, o.failing_rows, o.error) for o in every.outcomes]


def test_validate_cli(built, tmp_path, capsys):
    assert cli(["validate", "--warehouse", str(built["warehouse"]), "--docs", str(tmp_path / "docs")]) == 0
    out = capsys.readouterr().out
    assert "critical" in out and (tmp_path / "docs" / "index.html").exists()
    bad = tmp_path / "bad.duckdb"
    shutil.copy(built["warehouse"], bad)
    with duckdb.connect(str(bad)) as con:
        con.execute("update marts.fct_measure set value_std = value_std * 10 where unit = '亿元'")
    assert cli(["validate", "--warehouse", str(bad), "--docs", str(tmp_path / "docs2")]) == 1
    page = (tmp_path / "docs2" / "suites" / "measures.html").read_text(encoding="utf-8")
    assert "FAIL" in page and "<td>亿元</td>" in page, "Data Docs name the failing rows by their values"
    assert cli(["validate", "--warehouse", str(tmp_path / "missing.duckdb")]) == 2
