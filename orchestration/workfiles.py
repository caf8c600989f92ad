"""The work files of runs (`WORK_DIR/run-<run id>.duckdb`, `run-<run id>-dbt/`): who owns them and
when they go.

A run claims its files by holding an exclusive lock on `run-<run id>.lock` for as long as its
process lives; the kernel drops the lock when the process dies, however it dies (kill -9 too).
Each run, when it starts and when it publishes, sweeps the files of every run whose lock is free
(a finished or dead run), keeping only the newest such run's files for debugging, and not even
those when the disk is short of space (less free than `KEEP_MIN_FREE_MB`, or than those files take):
a run that died of a full disk is usually the one whose files filled it. So a failed or killed run
never leaves more than one set behind, and a disk filled by work files is freed by the next run,
not after a week. `python -m orchestration run` sweeps before it starts the job as well.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

_held: dict[str, int] = {}     # run id -> fd of its lock file, held by this process
KEEP_MIN_FREE_MB = 1024        # below this much free space, no dead run's files are kept for debugging


def _lock_path(work_dir: Path, run_id: str) -> Path:
    return Path(work_dir) / f"run-{run_id}.lock"


def claim(work_dir: Path, run_id: str) -> None:
    """Mark this run's work files as in use by this process (idempotent)."""
    if run_id in _held:
        return
    Path(work_dir).mkdir(parents=True, exist_ok=True)
    fd = os.open(_lock_path(work_dir, run_id), os.O_CREAT | os.O_RDWR, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    _held[run_id] = fd


def release(work_dir: Path, run_id: str) -> None:
    """This run is done with its work files (they may be swept)."""
    fd = _held.pop(run_id, None)
    if fd is not None:
        os.close(fd)
    _lock_path(work_dir, run_id).unlink(missing_ok=True)


def _run_id_of(p: Path) -> str | None:
    if not p.name.startswith("run-"):
        return None
    rest = p.name[len("run-"):]
    for suffix in ("-dbt", ".duckdb.wal", ".duckdb", ".lock"):
        if rest.endswith(suffix):
            return rest[: -len(suffix)]
    return None


def _in_use(work_dir: Path, run_id: str) -> bool:
    if run_id in _held:
        return True
    lock = _lock_path(work_dir, run_id)
    if not lock.exists():
        return False
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False           # nobody holds it: the run is over
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def sweep(work_dir: Path, keep_newest: int = 1) -> int:
    """Remove the work files of runs not in use, except the newest `keep_newest` such runs'.
    Returns how many files and folders were removed."""
    work_dir = Path(work_dir)
    if not work_dir.is_dir():
        return 0
    groups: dict[str, list[Path]] = {}
    for p in work_dir.iterdir():
        rid = _run_id_of(p)
        if rid is not None:
            groups.setdefault(rid, []).append(p)
    idle = [rid for rid in groups if not _in_use(work_dir, rid)]

    def newest(rid: str) -> float:
        return max((p.lstat().st_mtime for p in groups[rid] if p.exists()), default=0)

    idle.sort(key=newest, reverse=True)
    removed = _remove(groups, idle[keep_newest:])
    kept = idle[:keep_newest]
    if kept and _free_bytes(work_dir) < max(KEEP_MIN_FREE_MB * 2**20, sum(_disk_size(p) for rid in kept for p in groups[rid])):
        removed += _remove(groups, kept)      # short of space: the files kept for debugging go too
    return removed


def _remove(groups: dict[str, list[Path]], run_ids: list[str]) -> int:
    removed = 0
    for rid in run_ids:
        for p in groups[rid]:
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() and not p.is_symlink() else p.unlink(missing_ok=True)
            removed += 1
    return removed


def _disk_size(p: Path) -> int:
    """Bytes `p` (a file, or a folder's files) takes on disk (blocks: a sparse file counts what it uses)."""
    try:
        if p.is_dir() and not p.is_symlink():
            return sum(f.lstat().st_blocks * 512 for f in p.rglob("*") if not f.is_dir())
        return p.lstat().st_blocks * 512
    except OSError:
        return 0


def _free_bytes(work_dir: Path) -> int:
    try:
        return shutil.disk_usage(work_dir).free
    except OSError:
        return 0
