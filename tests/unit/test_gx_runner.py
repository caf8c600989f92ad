"""The GX runner hands GX only the rows DuckDB does not find meeting every expectation, and the
outcome is the one GX gives over every row: the same bad-row counts, the same failing rows, the
same pass/fail, the total row count from SQL; Dagster's check metadata and the Data Docs show them."""
import duckdb
import pytest

from orchestration.checks.gx_checks import check_result
from orchestration.quality import runner
from orchestration.quality.runner import read_rows, run_suites

N = 5000
BAD_VALUE = {17: 250.0, 2024: -3.0, 4999: 1e9}        # outside 0..100
BAD_FLAG = {5, 3000, 4321}                              # flag false
BAD_PAIR = {40: (7, None), 41: (8, 9), 42: ("'nan'", 1)}  # a differs from b (one missing counts: GX's rule)


def _show(*cols):
    return {"rule": "r", "show": list(cols)}


SUITE = {
    "name": "synthetic",
    "meta": {"asset": "marts/t", "description": "invented", "query": "select * from marts.t order by id"},
    "expectations": [
        {"type": "expect_column_values_to_be_between", "kwargs": {"column": "value", "min_value": 0, "max_value": 100},
         "severity": "critical", "meta": {**_show("id", "region", "value"), "rule": "value in 0..100"}},
        {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "flag", "value_set": [True]},
         "severity": "critical", "meta": {**_show("id", "region", "txt"), "rule": "flag set"}},
        {"type": "expect_column_pair_values_to_be_equal", "kwargs": {"column_A": "a", "column_B": "b"},
         "severity": "warning", "meta": {**_show("id", "a", "b"), "rule": "a equals b"}},
        {"type": "expect_column_pair_values_a_to_be_greater_than_b",
         "kwargs": {"column_A": "hi", "column_B": "lo", "or_equal": True, "ignore_row_if": "either_value_is_missing"},
         "severity": "warning", "meta": {**_show("id", "hi", "lo"), "rule": "hi at least lo"}},
        # the same pair where only two missing values are skipped: a NaN on one side fails in GX
        # (while DuckDB orders NaN above every number, so SQL must read it as missing, as pandas does)
        {"type": "expect_column_pair_values_a_to_be_greater_than_b", "kwargs": {"column_A": "hi", "column_B": "lo"},
         "severity": "warning", "meta": {**_show("id", "hi", "lo"), "rule": "hi above lo"}},
    ],
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """N rows, 3 bad for each of the first two rules, 3 for the third; and rows GX skips as
    missing (NULL and NaN values, both sides of a pair missing, one side missing where ignored)."""
    path = tmp_path_factory.mktemp("gx") / "w.duckdb"
    value = "case " + " ".join(f"when i = {i} then {v}" for i, v in BAD_VALUE.items()) + \
            " when i = 100 then null when i = 101 then 'nan'::double else (i % 100)::double end"
    flag = f"case when i in ({', '.join(map(str, BAD_FLAG))}) then false when i = 102 then null else true end"
    a = "case " + " ".join(f"when i = {i} then {'null' if x is None else x}::double" for i, (x, _) in BAD_PAIR.items()) + \
        " when i = 103 then null else i % 7 end::double"
    b = "case " + " ".join(f"when i = {i} then {'null' if y is None else y}::double" for i, (_, y) in BAD_PAIR.items()) + \
        " when i = 103 then null else i % 7 end::double"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(f"""create table marts.t as
            select i as id, 'region-' || (i % 13) as region, {value} as value, {flag} as flag, 'text ' || i as txt,
                   {a} as a, {b} as b,
                   case when i = 104 then null when i = 106 then 'nan'::double else 10.0 end as hi,
                   case when i = 105 then 'nan'::double else 1.0 end as lo
            from range({N}) r(i)""")
    return path


def _by_rule(outcome):
    return {o.rule: o for o in outcome.outcomes}


def test_gx_reads_only_the_failing_rows_and_counts_every_one(warehouse):
    rows = read_rows(warehouse, [SUITE])["synthetic"]
    assert rows.n_rows == N and not rows.complete
    assert len(rows.frame) < 20, "the rows that meet every expectation stay in DuckDB"
    (out,) = run_suites(warehouse, [SUITE])
    assert out.n_rows == N and out.gx_rows == len(rows.frame)
    r = _by_rule(out)
    assert (r["value in 0..100"].success, r["value in 0..100"].unexpected_count) == (False, 3)
    assert r["value in 0..100"].failing_rows == [{"id": i, "region": f"region-{i % 13}", "value": v}
                                                for i, v in sorted(BAD_VALUE.items())]
    assert r["flag set"].unexpected_count == 3
    assert [x["id"] for x in r["flag set"].failing_rows] == sorted(BAD_FLAG)
    assert r["flag set"].failing_rows[0] == {"id": 5, "region": "region-5", "txt": "text 5"}
    assert r["a equals b"].unexpected_count == 3
    assert [x["id"] for x in r["a equals b"].failing_rows] == sorted(BAD_PAIR)
    assert r["hi at least lo"].success and r["hi at least lo"].unexpected_count == 0
    assert r["hi above lo"].unexpected_count == 3
    assert [x["id"] for x in r["hi above lo"].failing_rows] == [104, 105, 106]
    assert not [o.error for o in out.outcomes if o.error]


def test_same_outcome_as_gx_over_every_row(warehouse, monkeypatch):
    (filtered,) = run_suites(warehouse, [SUITE])
    monkeypatch.setattr(runner, "may_fail", lambda expectation, types: None)
    (every_row,) = run_suites(warehouse, [SUITE])
    assert every_row.gx_rows == N
    for a, b in zip(filtered.outcomes, every_row.outcomes):
        assert (a.rule, a.success, a.unexpected_count, a.failing_rows) == (b.rule, b.success, b.unexpected_count, b.failing_rows)


def test_a_rule_sql_cannot_express_sends_every_row_to_gx(warehouse):
    suite = {**SUITE, "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "flag"}, "severity": "warning",
         "meta": _show("id")},
        {"type": "expect_column_values_to_be_between", "kwargs": {"column": "value", "min_value": 0, "max_value": 100,
                                                                   "mostly": 0.5}, "severity": "warning", "meta": _show("id")},
    ]}
    assert read_rows(warehouse, [suite])["synthetic"].complete
    (out,) = run_suites(warehouse, [suite])
    assert out.gx_rows == N
    not_null, mostly = out.outcomes
    assert (not_null.success, not_null.unexpected_count, not_null.failing_rows) == (False, 1, [{"id": 102}])
    assert mostly.success and mostly.unexpected_count == 3


def test_check_metadata_and_data_docs_show_the_failing_rows(warehouse, tmp_path):
    (out,) = run_suites(warehouse, [SUITE], docs_dir=tmp_path / "docs")
    res = check_result(out)
    md = {k: getattr(v, "value", v) for k, v in res.metadata.items()}
    assert not res.passed and res.severity.value == "ERROR"
    assert md["rows_validated"] == N and md["rows_read_by_gx"] == out.gx_rows
    assert "| value in 0..100 | critical | FAIL | 3 |" in md["results"]
    assert "id=2024; region=region-9; value=-3.0" in md["failing_rows"]
    page = (tmp_path / "docs" / "suites" / "synthetic.html").read_text(encoding="utf-8")
    assert f"{N} rows validated (GX read the {out.gx_rows} " in page
    assert "3 row(s) failed" in page and "<td>2024</td><td>region-9</td><td>-3.0</td>" in page


def test_an_expectation_gx_cannot_evaluate_is_an_error_not_a_silent_fail(warehouse):
    """GX 1.x files a metric's exception under the metric's id; the outcome still carries it (here:
    pandas' nullable integers with one side of a pair missing, 'boolean value of NA is ambiguous')."""
    suite = {**SUITE, "meta": {**SUITE["meta"], "query": "select id, case when id = 1 then null else id end as x, id as y "
                                                         "from marts.t order by id"},
             "expectations": [{"type": "expect_column_pair_values_to_be_equal", "kwargs": {"column_A": "x", "column_B": "y"},
                               "severity": "critical", "meta": _show("id")}]}
    (out,) = run_suites(warehouse, [suite])
    (o,) = out.outcomes
    assert not o.success and o.error


TYPES = {"v": "DOUBLE", "n": "INTEGER", "s": "VARCHAR", "b": "BOOLEAN"}


@pytest.mark.parametrize("expectation", [
    {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "v"}},
    {"type": "expect_column_values_to_be_between", "kwargs": {"column": "v", "min_value": 0, "mostly": 0.9}},
    {"type": "expect_column_values_to_be_between", "kwargs": {"column": "v", "min_value": {"$PARAMETER": "lo"}}},
    {"type": "expect_column_values_to_be_between", "kwargs": {"column": "s", "min_value": 0}},
    {"type": "expect_column_values_to_be_between", "kwargs": {"column": "missing", "min_value": 0}},
    {"type": "expect_column_values_to_be_between", "kwargs": {"column": "v"}},
    {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "b", "value_set": [1]}},
    {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "b", "value_set": {"$PARAMETER": "set"}}},
    {"type": "expect_column_pair_values_to_be_equal", "kwargs": {"column_A": "s", "column_B": "n"}},
    {"type": "expect_column_pair_values_to_be_equal", "kwargs": {"column_A": "v", "column_B": "n", "row_condition": "v>0"}},
    {"type": "expect_column_pair_values_a_to_be_greater_than_b",
     "kwargs": {"column_A": "v", "column_B": "n", "or_equal": {"$PARAMETER": "eq"}}},
], ids=lambda e: e["type"].removeprefix("expect_") + ":" + ",".join(map(str, e["kwargs"].values())))
def test_what_sql_cannot_say_exactly_is_left_to_gx(expectation):
    assert runner.may_fail(expectation, TYPES) is None


def test_sql_conditions_follow_gx_bounds_and_missing_values():
    between = runner.may_fail({"type": "expect_column_values_to_be_between",
                               "kwargs": {"column": "v", "min_value": -1e-09, "max_value": 5, "strict_max": True}}, TYPES)
    assert ">= cast('-1e-09' as double)" in between and "< 5" in between and "isnan" in between
    pair = runner.may_fail({"type": "expect_column_pair_values_to_be_equal", "kwargs": {"column_A": "v", "column_B": "n",
                                                                                     "ignore_row_if": "neither"}}, TYPES)
    with duckdb.connect() as con:
        rows = con.execute(f"""select v, n from (values (1.0, 1), (2.0, 3), (null, 1), (null, null), ('nan'::double, 1))
                               t(v, n) where {pair}""").fetchall()
    assert len(rows) == 4, "with ignore_row_if neither, GX counts every row that is not equal, missing or not"
