"""Start a run when a report in RAW_DIR is added, changed or removed."""

import hashlib

import dagster as dg

from .landing import list_raw_files
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
def raw_dir_sensor(context: dg.SensorEvaluationContext):
    fp = raw_dir_fingerprint(Settings.from_env())
    if fp == context.cursor:
        return dg.SkipReason("RAW_DIR unchanged")
    first = context.cursor is None
    context.update_cursor(fp)
    if first:
        return dg.SkipReason("first look at RAW_DIR recorded; runs start on the next change")
    return dg.RunRequest(run_key=fp)
