"""Parses of earlier runs, kept as rows: `CACHE_DIR/parses-v<parser version>.duckdb`. No Dagster here.

The cache holds the per-report landing tables (same columns, keyed by report_id, which is the
content hash) and `parses`, one row per report with what landing reports about it. A run looks up
the reports of RAW_DIR, parses only the others, and copies the rows of the cached ones into its
landing tables with one INSERT … SELECT per table: no Python per row, so a warm run's landing costs
the reading and hashing of the files, not their records. New parses are added the same way.

Safety: one process at a time uses the cache (an exclusive lock on `parses.lock`, waited for);
each write is one DuckDB transaction, so a run killed mid-write leaves the cache as it was. A cache
file that cannot be opened or read (damaged, truncated, not a database, a folder in its place) is
moved aside as `….damaged-<time>` and the run parses every report again. A cache that cannot be
written (a full disk) costs the next run a parse of the reports it lacks, never the run itself.
Caches of other parser versions are deleted: they are never read again.
"""
from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from .locks import held

log = logging.getLogger(__name__)
SUMMARY_COLUMNS = (("report_id", "VARCHAR"), ("encoding", "VARCHAR"), ("n_tasks", "INTEGER"),
                   ("n_measures", "INTEGER"), ("n_completions", "INTEGER"), ("warnings", "VARCHAR"))


class CacheUnavailable(Exception):
    """The cache could not be read; it has been moved aside and the caller parses everything."""


@dataclass(frozen=True)
class Summary:
    """What landing.report_files says of a cached report."""
    encoding: str | None
    n_tasks: int
    n_measures: int
    n_completions: int
    warnings: str | None


class ParseCache:
    def __init__(self, cache_dir: Path, version: str, tables: dict[str, list[tuple[str, str]]],
                 note: Callable[[str], None] | None = None):
        """`tables`: the per-report landing tables and their (column, type), report_id among them."""
        self.dir = Path(cache_dir)
        self.path = self.dir / f"parses-v{version}.duckdb"
        self.tables = tables
        self.note = note

    def _lock(self):
        return held(self.dir / "parses.lock", "parse cache update", note=self.note)

    def lookup(self, report_ids: list[str]) -> dict[str, Summary]:
        """The cached reports among `report_ids`. Raises CacheUnavailable (after moving the file
        aside) when the cache cannot be read."""
        self.dir.mkdir(parents=True, exist_ok=True)
        with self._lock():
            self._drop_other_versions()
            try:
                with duckdb.connect(str(self.path)) as con:
                    self._create(con, "main")
                    con.register("wanted", pd.DataFrame({"report_id": report_ids}, dtype=object))
                    rows = con.execute("select p.* from parses p join wanted using (report_id)").fetchall()
            except (duckdb.Error, OSError) as e:
                raise self._damaged(e) from e
        return {r[0]: Summary(*r[1:]) for r in rows}

    def copy_into(self, con: duckdb.DuckDBPyConnection, source_file_of: dict[str, str]) -> None:
        """Insert the cached rows of these reports into the landing tables of `con` (the work
        warehouse), each report's source_file set to this run's name of it."""
        if not source_file_of:
            return
        con.register("wanted", pd.DataFrame({"report_id": list(source_file_of),
                                             "run_source_file": list(source_file_of.values())}))
        try:
            with self._lock(), self._attached(con):
                for table, columns in self.tables.items():
                    cols = ", ".join(c for c, _ in columns)
                    picked = ", ".join("w.run_source_file" if c == "source_file" else f"c.{c}" for c, _ in columns)
                    con.execute(f"insert into landing.{table} ({cols}) select {picked} "
                                f"from parse_cache.{table} c join wanted w using (report_id)")
        except duckdb.Error as e:
            raise self._damaged(e) from e
        finally:
            con.unregister("wanted")

    def store(self, con: duckdb.DuckDBPyConnection, summaries: dict[str, Summary]) -> bool:
        """Add these reports (already in the landing tables of `con`) to the cache, in one
        transaction. False, with a warning, when the cache cannot be written."""
        if not summaries:
            return True
        frame = pd.DataFrame([(rid, s.encoding, s.n_tasks, s.n_measures, s.n_completions, s.warnings)
                              for rid, s in summaries.items()], columns=[c for c, _ in SUMMARY_COLUMNS])
        con.register("new_parses", frame)
        try:
            with self._lock(), self._attached(con):
                con.execute("begin")
                try:
                    con.execute("insert into parse_cache.parses select * from new_parses "
                                "where report_id not in (select report_id from parse_cache.parses)")
                    for table, columns in self.tables.items():
                        cols = ", ".join(c for c, _ in columns)
                        con.execute(f"insert into parse_cache.{table} ({cols}) select {cols} from landing.{table} "
                                    f"where report_id in (select report_id from new_parses) "
                                    f"and report_id not in (select report_id from parse_cache.{table})")
                    con.execute("commit")
                except BaseException:
                    con.execute("rollback")
                    raise
            return True
        except (duckdb.Error, OSError, CacheUnavailable) as e:   # a full disk, most likely: parsed again next time
            log.warning("parse cache %s not updated (%s): those reports will be parsed again", self.path,
                        str(e).splitlines()[0])
            return False
        finally:
            con.unregister("new_parses")

    # -- helpers

    @contextmanager
    def _attached(self, con: duckdb.DuckDBPyConnection) -> Iterator[None]:
        try:
            con.execute(f"attach '{_sql_str(self.path)}' as parse_cache")
            self._create(con, "parse_cache")
        except duckdb.Error as e:
            raise self._damaged(e) from e
        try:
            yield
        finally:
            con.execute("detach parse_cache")

    def _create(self, con: duckdb.DuckDBPyConnection, db: str) -> None:
        con.execute(f"create table if not exists {db}.parses ({_ddl(SUMMARY_COLUMNS)})")
        for table, columns in self.tables.items():
            con.execute(f"create table if not exists {db}.{table} ({_ddl(columns)})")

    def _drop_other_versions(self) -> None:
        for stale in [*self.dir.glob("parses-v*.duckdb"), *self.dir.glob("parses-v*.duckdb.wal"),
                      *self.dir.glob("*.json")]:        # *.json: the cache of before, one file per report
            if not stale.name.startswith(self.path.name):
                stale.unlink(missing_ok=True)

    def _damaged(self, error: Exception) -> CacheUnavailable:
        """Move the unreadable cache aside (kept for a look, never read again)."""
        aside = self.path.with_name(f"{self.path.name}.damaged-{time.strftime('%Y%m%dT%H%M%S')}")
        for p, q in ((self.path, aside), (Path(f"{self.path}.wal"), Path(f"{aside}.wal"))):
            if p.exists() or p.is_symlink():
                try:
                    shutil.move(str(p), str(q))
                except OSError:
                    shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        log.warning("parse cache %s unreadable (%s): moved aside to %s; every report is parsed again",
                    self.path, reason, aside.name)
        return CacheUnavailable(reason)


def _ddl(columns) -> str:
    return ", ".join(f"{c} {t}" for c, t in columns)


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")
