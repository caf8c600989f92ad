"""Dagster definitions: collects what the modules define. `dagster dev -w workspace.yaml` loads this."""
from __future__ import annotations

import dagster as dg

from .assets.ingest import RAW_REPORTS, landing
from .assets.publish import published_warehouse
from .assets.report_card import report_card
from .assets.warehouse import warehouse_models
from .checks.gx_checks import gx_checks
from .resources import WarehouseResource, dbt_resource
from .schedules import nightly_schedule, warehouse_job
from .sensors import raw_dir_sensor

defs = dg.Definitions(
    assets=[RAW_REPORTS, landing, warehouse_models, published_warehouse, report_card],
    asset_checks=gx_checks,
    jobs=[warehouse_job],
    schedules=[nightly_schedule],
    sensors=[raw_dir_sensor],
    resources={"warehouse": WarehouseResource(), "dbt": dbt_resource()},
    # the UI's "Materialize all" (and any asset selection) runs like build_warehouse: in one process
    executor=dg.in_process_executor,
)
