"""Publish a validated work warehouse as WAREHOUSE_PATH by an atomic rename.

A BI tool that has the old file open keeps reading the old file (same inode); new
connections see the new file; nobody ever sees a half-written warehouse.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path


def publish(work_path: Path, warehouse_path: Path) -> Path:
    work_path, warehouse_path = Path(work_path), Path(warehouse_path)
    if not work_path.exists():
        raise FileNotFoundError(f"work warehouse {work_path} does not exist: nothing to publish")
    warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    # copy next to the target first (same filesystem), then rename over it atomically
    fd, tmp = tempfile.mkstemp(prefix=".publish-", suffix=".duckdb", dir=warehouse_path.parent)
    os.close(fd)
    try:
        shutil.copyfile(work_path, tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, warehouse_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return warehouse_path


def sweep_work_dir(work_dir: Path, keep_seconds: float = 7 * 24 * 3600) -> int:
    """Remove work files and dbt target folders of runs older than a week (failed runs keep
    theirs for that long, for debugging). Returns how many entries were removed."""
    removed = 0
    if not Path(work_dir).exists():
        return 0
    cutoff = time.time() - keep_seconds
    for p in Path(work_dir).iterdir():
        if p.name.startswith("run-") and p.stat().st_mtime < cutoff:
            shutil.rmtree(p) if p.is_dir() else p.unlink(missing_ok=True)
            removed += 1
    return removed
