"""Raw report files -> landing tables in this run's work warehouse."""

import dagster as dg

from .. import workfiles
from ..landing import LANDING_TABLES, parse_raw_dir, run_history, write_landing
from ..resources import WarehouseResource

RAW_REPORTS = dg.AssetSpec(
    key=dg.AssetKey(["raw", "report_files"]),
    group_name="raw",
    description="Report files in RAW_DIR (text as published: UTF-8, GBK/GB18030, with or without BOM). "
                "The pipeline only reads them.",
    kinds={"file"},
)

_DESCRIPTIONS = {
    "report_files": "Every file in RAW_DIR: loaded, duplicate or rejected, with the reason.",
    "reports": "One row per distinct report content with metadata and raw text.",
    "tasks": "Rows of key-task tables.",
    "task_departments": "Responsible units per task.",
    "measures": "Numbers read from the reports (targets, actuals, baselines) with evidence.",
    "completions": "Stated completion rates with actual and target when stated.",
    "runs": "Published runs so far and this one (run id, time, files, parser version): the \"as of\".",
}


@dg.multi_asset(
    name="landing",
    specs=[dg.AssetSpec(key=dg.AssetKey(["landing", t]), deps=[RAW_REPORTS.key], group_name="landing",
                        description=_DESCRIPTIONS[t], kinds={"duckdb", "python"}) for t in LANDING_TABLES],
    check_specs=[dg.AssetCheckSpec("all_files_loaded", asset=dg.AssetKey(["landing", "report_files"]),
                                   description="Every file in RAW_DIR loaded (WARN lists rejected files and why).")],
    pool="warehouse_writer",
)
def landing(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Parse every file of RAW_DIR (cached by content hash) into this run's work warehouse."""
    s = warehouse.settings
    if not s.raw_dir.is_dir():
        raise dg.Failure(description=f"RAW_DIR {s.raw_dir} is not a directory: set RAW_DIR to the folder of reports")
    # this run's work files are in use while its process lives; finished and dead runs' go now
    workfiles.claim(s.work_dir, context.run.run_id)
    workfiles.sweep(s.work_dir)
    result = parse_raw_dir(s.raw_dir, s.cache_dir, progress=context.log.info)
    if not result.files:
        # an empty or wrongly mounted RAW_DIR must not publish an empty warehouse over a good one
        raise dg.Failure(description=f"RAW_DIR {s.raw_dir} holds no report files: nothing is built or published")
    work = s.work_path(context.run.run_id)
    counts = write_landing(work, result, run_history(s.warehouse_path, context.run.run_id, len(result.files)))
    per_file = "\n".join(
        ["| file | status | reason / content |", "|---|---|---|"]
        + [f"| {f.source_file} | {f.status} | "
           f"{f.reason or f'{f.n_tasks} tasks, {f.n_measures} measures, {f.n_completions} completions'} |"
           for f in result.files])
    for t in LANDING_TABLES:
        meta = {"rows": counts[t], "work_warehouse": dg.MetadataValue.path(str(work))}
        if t == "report_files":
            meta.update({"per_report": dg.MetadataValue.md(per_file),
                         "loaded": result.count("loaded"), "duplicates": result.count("duplicate"),
                         "rejected": result.count("rejected")})
        yield dg.MaterializeResult(asset_key=dg.AssetKey(["landing", t]), metadata=meta)
    rejected = [f for f in result.files if f.status == "rejected"]
    yield dg.AssetCheckResult(
        check_name="all_files_loaded", asset_key=dg.AssetKey(["landing", "report_files"]),
        passed=not rejected, severity=dg.AssetCheckSeverity.WARN,
        metadata={"rejected": len(rejected),
                  "rejected_files": dg.MetadataValue.md("\n".join(
                      ["| file | reason |", "|---|---|"] + [f"| {f.source_file} | {f.reason} |" for f in rejected]))})
