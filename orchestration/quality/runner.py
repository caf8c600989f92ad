"""Run the GX suites of expectations/ against a DuckDB warehouse, read-only.

Each suite file is a GX Core 1.x ExpectationSuite JSON whose `meta.query` selects the rows to
validate and `meta.asset` names the mart it guards. Rows are read with DuckDB read-only into
pandas and validated by GX's pandas engine (GX's SQL route through duckdb-engine errors on every
expectation, see ../shared/GUIDE.md). GX severity critical -> blocking error, warning -> warning.
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


def read_frames(warehouse_path: Path, suites: list[dict]):
    """All suite queries, one read-only connection, closed before GX runs."""
    if not Path(warehouse_path).exists():
        raise FileNotFoundError(f"warehouse {warehouse_path} does not exist")
    frames = {}
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        for s in suites:
            frames[s["name"]] = con.sql(s["meta"]["query"]).df()
    return frames


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
    frames = read_frames(warehouse_path, suites)
    gx, ctx = _gx_context()
    from great_expectations.core.expectation_suite import ExpectationSuite

    ds = ctx.data_sources.add_pandas("warehouse")
    results = []
    for s in suites:
        name = s["name"]
        df = frames[name]
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
            err = None
            if r.exception_info and r.exception_info.get("raised_exception"):
                err = r.exception_info.get("exception_message")
            outcomes.append(ExpectationOutcome(
                suite=name, expectation=cfg.type, column=cfg.kwargs.get("column"),
                rule=meta.get("rule", cfg.type), severity=str(getattr(cfg.severity, "value", cfg.severity)),
                success=bool(r.success), unexpected_count=int(r.result.get("unexpected_count") or len(idx)),
                failing_rows=rows, error=err))
        outcome = SuiteOutcome(suite=name, asset=s["meta"]["asset"], description=s["meta"].get("description", ""),
                               n_rows=len(df), outcomes=outcomes)
        if docs_dir is not None:
            outcome.docs_path = str(record_validation(docs_dir, outcome, _summary(vres), warehouse_path, run_id))
        results.append(outcome)
    return results


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
