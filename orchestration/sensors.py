"""Start a run when a report in RAW_DIR is added, changed or removed."""

import hashlib
import json

import dagster as dg

from .landing import list_raw_files
from .resources import WarehouseResource
from .schedules import warehouse_job
from .settings import Settings


def raw_dir_fingerprint(settings: Settings) -> str:
    """Names, sizes and modification times of the files in RAW_DIR, hashed."""
    h = hashlib.sha256()
    if settings.raw_dir.is_dir():
        for p in list_raw_files(settings.raw_dir):
            st = p.lstat() if not p.exists() else p.stat()   # a broken link still counts
            h.update(f"{p.relative_to(settings.raw_dir)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:32]


@dg.sensor(job=warehouse_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Watches RAW_DIR; a new, changed or removed report starts build_warehouse.")
def raw_dir_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    """The cursor holds the last fingerprint seen and how many changes were seen so far. The run
    key is that change number, not the fingerprint: a state seen before (a file removed, restored,
    removed again) is a new change and gets its own run; a repeated evaluation of the same change
    (same cursor) gets the same key, so Dagster starts it once."""
    fp = raw_dir_fingerprint(warehouse.settings)
    last = json.loads(context.cursor) if context.cursor and context.cursor.startswith("{") else None
    if last is None:
        context.update_cursor(json.dumps({"fingerprint": fp, "changes": 0}))
        return dg.SkipReason("first look at RAW_DIR recorded; runs start on the next change")
    if fp == last["fingerprint"]:
        return dg.SkipReason("RAW_DIR unchanged")
    n = last["changes"] + 1
    context.update_cursor(json.dumps({"fingerprint": fp, "changes": n}))
    return dg.RunRequest(run_key=f"raw-dir-change-{n}", tags={"raw_dir_fingerprint": fp})
