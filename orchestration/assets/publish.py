"""The validated work warehouse becomes WAREHOUSE_PATH by an atomic rename."""

import dagster as dg
import duckdb

from .. import workfiles
from ..publish import publish
from ..resources import WarehouseResource
from .warehouse import warehouse_models

MART_KEYS = [k for k in warehouse_models.keys if k.path[0] == "marts"]
SUMMARY_TABLES = ("dim_report", "fct_task", "fct_measure", "fct_completion", "fct_ingest_issue")


@dg.asset(key=dg.AssetKey(["published", "warehouse"]), deps=MART_KEYS, group_name="publish",
          kinds={"duckdb"}, pool="warehouse_writer")
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Publish this run's work file as WAREHOUSE_PATH (the file BI tools open read-only).

    Runs only after the marts are built and their blocking checks passed."""
    s = warehouse.settings
    work = s.work_path(context.run.run_id)
    with duckdb.connect(str(work), read_only=True) as con:   # counted on the work file: nobody else holds it
        counts = {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0] for t in SUMMARY_TABLES}
    path = publish(work, s.warehouse_path)
    work.unlink(missing_ok=True)
    workfiles.release(s.work_dir, context.run.run_id)
    workfiles.sweep(s.work_dir)
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path)), **counts})
