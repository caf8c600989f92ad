"""Publish a validated work warehouse as WAREHOUSE_PATH by an atomic rename.

The work file is renamed itself: landing creates it in the storage version BI tools read
(READER_STORAGE_VERSION), and everything after writes into it, so there is nothing to convert and
publishing costs no copy. A work file of another storage version, or on another filesystem than
WAREHOUSE_PATH, is copied next to the target first (the same rename follows).

A BI tool that has the old file open read-only keeps reading the old file (same inode); new
connections see the new file; nobody ever sees a half-written warehouse.

A program holding the published file open for *writing* is different: DuckDB keeps its
write-ahead log beside the file by name (`warehouse.duckdb.wal`), so replacing the file under it
would leave a log that does not match the new file, and the next reader fails ("WAL does not
match"). So publishing first checks that nobody holds the write lock; if someone does, it does
not publish, keeps the validated warehouse in WORK_DIR and says so (PublishBlocked). A log left
by a writer that died (no lock held) is moved aside as `*.wal.orphaned-<time>`, not replayed into
a file it does not belong to.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from .recovery import pid_alive
from .settings import READER_STORAGE_VERSION


class PublishBlocked(RuntimeError):
    """The published file is held open for writing by another program: not replaced."""


def writer_holding(warehouse_path: Path) -> str | None:
    """The DuckDB lock conflict message if another program holds the file open for writing."""
    import duckdb

    if not Path(warehouse_path).exists():
        return None
    try:
        duckdb.connect(str(warehouse_path), read_only=True).close()
    except duckdb.Error as e:
        msg = str(e)
        if "lock" in msg.lower():
            return msg.splitlines()[0]
        # a damaged or truncated file (or a mismatched log): replacing it is the cure
    return None


def publish(work_path: Path, warehouse_path: Path) -> Path:
    work_path, warehouse_path = Path(work_path), Path(warehouse_path)
    if not work_path.exists():
        raise FileNotFoundError(f"work warehouse {work_path} does not exist: nothing to publish")
    warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    holder = writer_holding(warehouse_path)
    if holder:
        raise PublishBlocked(
            f"not published: {warehouse_path} is open for writing by another program ({holder}). BI tools "
            f"must connect read-only. The last good warehouse stays; this run's validated warehouse is kept "
            f"at {work_path}. Close that connection and run again.")
    _settle(work_path)
    if _storage_version(work_path) == READER_STORAGE_VERSION and _same_filesystem(work_path, warehouse_path.parent):
        _make_readable(work_path)
        _move_orphaned_wal(warehouse_path)
        os.replace(work_path, warehouse_path)       # atomic; readers of the old file keep reading it
        return warehouse_path
    # copy next to the target first (same filesystem), then rename over it atomically
    fd, tmp = tempfile.mkstemp(prefix=f".publish-{os.getpid()}-", suffix=".duckdb", dir=warehouse_path.parent)
    os.close(fd)
    try:
        _copy_for_readers(work_path, Path(tmp))
        _make_readable(Path(tmp))
        _move_orphaned_wal(warehouse_path)
        os.replace(tmp, warehouse_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return warehouse_path


def _settle(work_path: Path) -> None:
    """Fold the work file's write-ahead log into it (a rename moves the file, not its log)."""
    import duckdb

    if Path(f"{work_path}.wal").exists():
        with duckdb.connect(str(work_path)) as con:
            con.execute("checkpoint")


def _storage_version(path: Path) -> str | None:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        tags = con.execute("select tags from duckdb_databases() where database_name = current_database()").fetchone()[0]
    return (tags or {}).get("storage_version", "").rstrip("+") or None


def _same_filesystem(a: Path, b: Path) -> bool:
    return os.stat(a).st_dev == os.stat(b).st_dev


def _make_readable(path: Path) -> None:
    """Readable by BI services of other accounts, as umask allows, and on disk before it is published."""
    os.chmod(path, 0o666 & ~_umask())
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _copy_for_readers(work_path: Path, target: Path) -> None:
    import duckdb

    target.unlink(missing_ok=True)           # mkstemp made it empty; ATTACH creates the database
    with duckdb.connect() as con:
        con.execute(f"attach '{_sql_path(target)}' as published (storage_version '{READER_STORAGE_VERSION}')")
        con.execute(f"attach '{_sql_path(work_path)}' as work (read_only)")
        # copies schemas, tables with their primary keys and the table/column comments (persist_docs):
        # tests/integration/test_docs.py checks the published file keeps them
        con.execute("copy from database work to published")
        con.execute("detach published")


def _move_orphaned_wal(warehouse_path: Path) -> None:
    wal = Path(f"{warehouse_path}.wal")
    if wal.exists():
        wal.rename(wal.with_name(f"{wal.name}.orphaned-{time.strftime('%Y%m%dT%H%M%S')}"))


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def sweep_publish_leftovers(warehouse_path: Path) -> int:
    """Remove half-copied `.publish-<pid>-*.duckdb` files whose publishing process is gone (a run
    killed while publishing). A live process's file is left alone: it may be publishing now."""
    removed = 0
    parent = Path(warehouse_path).parent
    if not parent.is_dir():
        return 0
    for p in parent.glob(".publish-*.duckdb"):
        pid = p.name.split("-")[1]
        if not pid.isdigit() or not pid_alive(int(pid)):
            p.unlink(missing_ok=True)
            removed += 1
    return removed
