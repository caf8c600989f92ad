"""Run the GX suites of expectations/ against a DuckDB warehouse, read-only.

Each suite file is a GX Core 1.x ExpectationSuite JSON whose `meta.query` selects the rows to
validate and `meta.asset` names the mart it guards. GX validates them with its pandas engine (GX's
SQL route through duckdb-engine errors on every expectation, see ../shared/GUIDE.md). GX severity
critical -> blocking error, warning -> warning.

The per-row work stays in DuckDB: the suite's query runs once, read-only, into a temporary table;
its row count is the suite's `n_rows` (rows validated); and only the rows that DuckDB does not find
meeting every expectation's condition (`may_fail`: the expectation in SQL, with GX's rules for
missing values) go to pandas and GX. GX judges each of those rows itself, so `unexpected_count` is
GX's count of all the rows that fail and the failing rows shown are GX's; a row left in DuckDB
meets every expectation. What GX gets, and so its time, grows with the rows that fail, not with the
warehouse. An expectation `may_fail` cannot put in SQL (another type, `mostly`, a row condition,
a column missing or of another type) sends every row of its suite to GX, as before.
"""
from __future__ import annotations

import json
import logging
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..settings import EXPECTATIONS_DIR
from .data_docs import record_validation

log = logging.getLogger(__name__)


@dataclass
class ExpectationOutcome:
    suite: str
    expectation: str
    column: str | None
    rule: str
    severity: str                 # critical | warning | info
    success: bool
    unexpected_count: int = 0
    failing_rows: list[dict] = field(default_factory=list)
    error: str | None = None


@dataclass
class SuiteOutcome:
    suite: str
    asset: str
    description: str
    n_rows: int
    outcomes: list[ExpectationOutcome]
    docs_path: str | None = None
    gx_rows: int | None = None    # rows GX validated one by one: those DuckDB did not find meeting every expectation

    @property
    def critical_failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity == "critical"]

    @property
    def warning_failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity != "critical"]


def load_suites(directory: Path = EXPECTATIONS_DIR) -> list[dict]:
    suites = []
    for p in sorted(Path(directory).glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        d.setdefault("meta", {})
        if "query" not in d["meta"] or "asset" not in d["meta"]:
            raise ValueError(f"{p}: suite meta needs 'query' and 'asset'")
        suites.append(d)
    return suites


@dataclass
class SuiteRows:
    """What GX gets of one suite: `frame` holds the rows that may fail (all rows when `complete`);
    `n_rows` counts every row of the suite's query."""
    n_rows: int
    frame: object                 # pandas.DataFrame
    complete: bool


_INTEGERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
             "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"}
_FLOATS = {"FLOAT", "DOUBLE"}
_PAIRABLE = {"VARCHAR", "BOOLEAN", "DATE"}     # besides numbers: compared alike by DuckDB and pandas
_HARMLESS_KWARGS = {"result_format", "catch_exceptions", "include_config"}


def _numeric(sql_type: str) -> bool:
    return sql_type in _INTEGERS or sql_type in _FLOATS or sql_type.startswith("DECIMAL")


def _column(name: str, types: dict[str, str]) -> str | None:
    """The column as GX's pandas engine sees it: NaN is missing there, so it is NULL here."""
    if not isinstance(name, str) or name not in types:
        return None
    q = '"' + name.replace('"', '""') + '"'
    return f"(case when isnan({q}) then null else {q} end)" if types[name] in _FLOATS else q


def _literal(v, sql_type: str) -> str | None:
    if isinstance(v, bool):
        return ("true" if v else "false") if sql_type == "BOOLEAN" else None
    if isinstance(v, int):
        return str(v) if _numeric(sql_type) else None
    if isinstance(v, float):
        return f"cast('{v!r}' as double)" if _numeric(sql_type) and math.isfinite(v) else None
    if isinstance(v, str):
        return "'" + v.replace("'", "''") + "'" if sql_type == "VARCHAR" else None
    return None


def may_fail(expectation: dict, types: dict[str, str]) -> str | None:
    """A SQL condition on the suite query's columns (`types`: name -> DuckDB type) that holds for
    every row GX could count as unexpected for `expectation`: not(its condition holds), on the rows
    GX does not skip as missing. None when the expectation is not one this function can put in SQL
    exactly that way; then GX must see every row."""
    kw = expectation.get("kwargs") or {}
    kind = expectation.get("type")
    known = {
        "expect_column_values_to_be_between": {"column", "min_value", "max_value", "strict_min", "strict_max"},
        "expect_column_values_to_be_in_set": {"column", "value_set"},
        "expect_column_pair_values_to_be_equal": {"column_A", "column_B", "ignore_row_if"},
        "expect_column_pair_values_a_to_be_greater_than_b": {"column_A", "column_B", "or_equal", "ignore_row_if"},
    }.get(kind)
    if known is None or set(kw) - known - _HARMLESS_KWARGS:
        return None                       # another expectation, or `mostly` / row_condition / ...
    flags = [kw.get(k) for k in ("strict_min", "strict_max", "or_equal")]
    if any(f is not None and not isinstance(f, bool) for f in flags) or not isinstance(kw.get("ignore_row_if", ""), str):
        return None                       # a suite parameter ({"$PARAMETER": ...}) is GX's to resolve
    if "column" in known:                 # a column map expectation: GX skips missing values
        c = _column(kw.get("column"), types)
        if c is None:
            return None
        sql_type = types[kw["column"]]
        if kind == "expect_column_values_to_be_between":
            lo, hi = kw.get("min_value"), kw.get("max_value")
            if (lo is None and hi is None) or not _numeric(sql_type):
                return None
            parts = []
            for v, op in ((lo, ">" if kw.get("strict_min") else ">="), (hi, "<" if kw.get("strict_max") else "<=")):
                if v is not None:
                    lit = _literal(v, sql_type)
                    if lit is None:
                        return None
                    parts.append(f"{c} {op} {lit}")
            holds = " and ".join(parts)
        else:
            values = kw.get("value_set")
            lits = [_literal(v, sql_type) for v in values] if isinstance(values, list) and values else [None]
            if None in lits:
                return None
            holds = f"{c} in ({', '.join(lits)})"
        return f"{c} is not null and not coalesce({holds}, false)"
    a, b = _column(kw.get("column_A"), types), _column(kw.get("column_B"), types)
    if a is None or b is None:
        return None
    ta, tb = types[kw["column_A"]], types[kw["column_B"]]
    if not ((_numeric(ta) and _numeric(tb)) or (ta == tb and ta in _PAIRABLE)):
        return None
    if kind == "expect_column_pair_values_to_be_equal":
        holds = f"{a} = {b}"
    else:
        holds = f"{a} {'>=' if kw.get('or_equal') else '>'} {b}"
    skip = {"both_values_are_missing": f"{a} is null and {b} is null",
            "either_value_is_missing": f"{a} is null or {b} is null",
            "neither": "false"}.get(kw.get("ignore_row_if", "both_values_are_missing"))
    if skip is None:
        return None
    return f"not coalesce({holds}, false) and not ({skip})"


def read_rows(warehouse_path: Path, suites: list[dict]) -> dict[str, SuiteRows]:
    """Each suite's query run once in DuckDB, one read-only connection (closed before GX runs):
    its row count, and the rows that may fail one of its expectations (every row if one of them
    cannot be put in SQL)."""
    if not Path(warehouse_path).exists():
        raise FileNotFoundError(f"warehouse {warehouse_path} does not exist")
    out = {}
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        con.execute("set enable_progress_bar = false")
        for s in suites:
            con.execute("create or replace temp table gx_suite_rows as " + s["meta"]["query"].strip().rstrip(";"))
            n_rows = con.execute("select count(*) from gx_suite_rows").fetchone()[0]
            types = dict(con.execute("select column_name, column_type from (describe gx_suite_rows)").fetchall())
            conditions = [may_fail(e, types) for e in s["expectations"]]
            frame = None
            if conditions and None not in conditions:
                where = " or ".join(f"({c})" for c in conditions)
                try:
                    frame = con.sql(f"select * from gx_suite_rows where {where}").df()
                except duckdb.Error as e:   # a type may_fail did not foresee: let GX see every row
                    log.warning("suite %s: rows not filtered in SQL (%s)", s["name"], str(e).splitlines()[0])
            complete = frame is None
            if complete:
                frame = con.sql("select * from gx_suite_rows").df()
            con.execute("drop table gx_suite_rows")
            out[s["name"]] = SuiteRows(n_rows=n_rows, frame=frame, complete=complete)
    return out


def _gx_context():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = {"globally": False, "metric_calculations": False, "profilers": False}
    return gx, ctx


def run_suites(warehouse_path: Path, suites: list[dict] | None = None,
               docs_dir: Path | None = None, run_id: str | None = None) -> list[SuiteOutcome]:
    """Validate `warehouse_path` with the given suites (default: all of expectations/); with
    `docs_dir`, record each suite's validation in the Data Docs site there (quality/data_docs.py)."""
    suites = suites if suites is not None else load_suites()
    suite_rows = read_rows(warehouse_path, suites)
    gx, ctx = _gx_context()
    from great_expectations.core.expectation_suite import ExpectationSuite

    ds = ctx.data_sources.add_pandas("warehouse")
    results = []
    for s in suites:
        name = s["name"]
        df = suite_rows[name].frame
        suite = ctx.suites.add(ExpectationSuite(name=name, expectations=s["expectations"], meta=s.get("meta")))
        bd = ds.add_dataframe_asset(name).add_batch_definition_whole_dataframe(f"{name}-all")
        vd = ctx.validation_definitions.add(gx.ValidationDefinition(name=f"{name}-validation", data=bd, suite=suite))
        vres = vd.run(batch_parameters={"dataframe": df}, result_format={"result_format": "COMPLETE"})
        outcomes = []
        for r in vres.results:
            cfg = r.expectation_config
            meta = cfg.meta or {}
            idx = r.result.get("unexpected_index_list") or []
            rows = _rows(df, idx, meta.get("show"))
            err = _error(r.exception_info)
            outcomes.append(ExpectationOutcome(
                suite=name, expectation=cfg.type, column=cfg.kwargs.get("column"),
                rule=meta.get("rule", cfg.type), severity=str(getattr(cfg.severity, "value", cfg.severity)),
                success=bool(r.success), unexpected_count=int(r.result.get("unexpected_count") or len(idx)),
                failing_rows=rows, error=err))
        outcome = SuiteOutcome(suite=name, asset=s["meta"]["asset"], description=s["meta"].get("description", ""),
                               n_rows=suite_rows[name].n_rows, outcomes=outcomes, gx_rows=len(df))
        if docs_dir is not None:
            outcome.docs_path = str(record_validation(docs_dir, outcome, _summary(vres), warehouse_path, run_id))
        results.append(outcome)
    return results


def _error(exception_info: dict | None) -> str | None:
    """The first error message in GX's exception info, which is flat or keyed by metric."""
    if not exception_info:
        return None
    infos = [exception_info] if "raised_exception" in exception_info else list(exception_info.values())
    return next((i.get("exception_message") or "error" for i in infos if isinstance(i, dict) and i.get("raised_exception")),
                None)


def _summary(vres) -> dict:
    """GX's validation result without the full unexpected lists (they can hold every row)."""
    d = vres.describe_dict()
    for r in d.get("expectations", []):
        for k in ("unexpected_index_list", "partial_unexpected_list", "unexpected_list",
                  "partial_unexpected_index_list", "partial_unexpected_counts"):
            (r.get("result") or {}).pop(k, None)
    return d


def _rows(df, index_list, columns, limit: int = 20) -> list[dict]:
    cols = [c for c in (columns or list(df.columns)[:6]) if c in df.columns]
    out = []
    for i in list(index_list)[:limit]:
        if isinstance(i, dict):  # GX returns dicts when unexpected_index_column_names is set
            i = next(iter(i.values()))
        try:
            row = df.loc[i, cols].to_dict()
        except KeyError:
            continue
        out.append({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()})
    return out


def format_table(results: list[SuiteOutcome]) -> str:
    """A short plain-text table of results for the terminal."""
    lines = [f"{'suite':24} {'rule':58} {'severity':9} {'result':7} {'bad rows':>8}"]
    for s in results:
        for o in s.outcomes:
            res = "pass" if o.success else ("ERROR" if o.error else "FAIL")
            lines.append(f"{s.suite:24} {o.rule[:58]:58} {o.severity:9} {res:7} {o.unexpected_count:>8}")
    return "\n".join(lines)
