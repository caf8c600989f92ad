"""The main job and its nightly schedule (02:00 Asia/Shanghai, RUNNING by default)."""
from __future__ import annotations

import dagster as dg

warehouse_job = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all(),
    description="Parse RAW_DIR, build the dbt marts, run the GX checks and publish WAREHOUSE_PATH.",
    executor_def=dg.in_process_executor,   # one process: fixed import costs dominate this pipeline
    tags={"warehouse/writer": "true"},     # the run queue runs one such run at a time (dagster.yaml)
)

nightly_schedule = dg.ScheduleDefinition(
    name="nightly_warehouse",
    job=warehouse_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
