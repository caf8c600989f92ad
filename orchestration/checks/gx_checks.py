"""One Dagster asset check per Great Expectations suite in expectations/.

GX severity maps to Dagster severity: a failed critical expectation -> ERROR, and the check is
blocking, so the warehouse is not published and BI tools keep the last good one; a failed
warning expectation -> WARN, published anyway and listed in marts.fct_quality_issue.
"""

from pathlib import Path

import dagster as dg

from ..quality.runner import SuiteOutcome, load_suites
from ..resources import WarehouseResource


def _target_warehouse(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> Path:
    """This run's work warehouse; in a check-only run, the published one."""
    s = warehouse.settings
    work = s.work_path(context.run.run_id)
    return work if work.exists() else s.warehouse_path


def check_result(outcome: SuiteOutcome) -> dg.AssetCheckResult:
    critical, warnings = outcome.critical_failures, outcome.warning_failures
    failed = critical or warnings
    rows = []
    for o in failed:
        for r in o.failing_rows[:5]:
            rows.append(f"| {o.rule} | {o.severity} | " + "; ".join(f"{k}={v}" for k, v in r.items()) + " |")
    metadata = {
        "rows_validated": outcome.n_rows,
        "rows_read_by_gx": outcome.n_rows if outcome.gx_rows is None else outcome.gx_rows,
        "expectations": len(outcome.outcomes),
        "critical_failed": len(critical),
        "warnings_failed": len(warnings),
        "results": dg.MetadataValue.md("\n".join(
            ["| rule | severity | result | bad rows |", "|---|---|---|---|"]
            + [f"| {o.rule} | {o.severity} | {'pass' if o.success else 'FAIL'} | {o.unexpected_count} |"
               for o in outcome.outcomes])),
    }
    if rows:
        metadata["failing_rows"] = dg.MetadataValue.md("\n".join(["| rule | severity | row |", "|---|---|---|"] + rows))
    if outcome.docs_path:
        metadata["data_docs"] = dg.MetadataValue.path(outcome.docs_path)
    return dg.AssetCheckResult(
        passed=not failed,
        severity=dg.AssetCheckSeverity.ERROR if critical else dg.AssetCheckSeverity.WARN,
        metadata=metadata,
        description=outcome.description,
    )


def _make_check(suite: dict) -> dg.AssetChecksDefinition:
    name = suite["name"]
    asset_key = dg.AssetKey(suite["meta"]["asset"].split("/"))
    blocking = any(e.get("severity", "critical") == "critical" for e in suite["expectations"])

    @dg.asset_check(asset=asset_key, name=f"gx_{name}", blocking=blocking,
                    description=f"Great Expectations suite expectations/{name}.json: {suite['meta'].get('description', '')}")
    def _check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
        from ..quality.runner import run_suites

        s = warehouse.settings
        outcome = run_suites(_target_warehouse(context, warehouse), [suite], docs_dir=s.docs_dir,
                             run_id=context.run.run_id)[0]
        return check_result(outcome)

    return _check


gx_checks = [_make_check(s) for s in load_suites()]
