"""Raw directory -> parsed records -> landing tables in a DuckDB file. No Dagster here.

Every file in the raw directory ends up in `landing.report_files` as loaded, duplicate
(same bytes as another file) or rejected (with the reason); the rest load regardless.
Parses are cached by content hash and parser version (parse_cache.py): unchanged reports are not
parsed again, and their rows go from the cache to the landing tables in SQL.
"""
from __future__ import annotations

import hashlib
import logging
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from .parse_cache import CacheUnavailable, ParseCache, Summary
from .parse_pool import Limits, parse_all
from .parsing.records import CompletionRecord, DepartmentRecord, MeasureRecord, ParsedReport, ReportRecord, TaskRecord
from .parsing.report import PARSER_VERSION, report_id_for
from .settings import READER_STORAGE_VERSION

log = logging.getLogger(__name__)



@dataclass
class FileResult:
    source_file: str
    source_sha256: str | None
    n_bytes: int = field(metadata={"sql": "BIGINT"})
    status: str                  # loaded | duplicate | rejected
    reason: str | None = None
    report_id: str | None = None
    encoding: str | None = None
    n_tasks: int = 0
    n_measures: int = 0
    n_completions: int = 0
    warnings: str | None = None
    from_cache: bool = False


@dataclass
class RunRecord:
    """A published run (landing.runs -> marts.meta_run): the "as of" of every dashboard."""
    run_id: str
    published_at: datetime
    n_source_files: int
    parser_version: str


# The landing schema, declared once: each table is a record dataclass (parsing/records.py and the
# two above), the per-report tables led by the report_id landing adds. The DDL and the row frames
# are derived from it; tests/unit/test_landing_schema.py checks the dbt source columns against it.
LANDING = {
    "report_files": (FileResult, ()),
    "reports": (ReportRecord, ()),
    "tasks": (TaskRecord, ("report_id",)),
    "task_departments": (DepartmentRecord, ("report_id",)),
    "measures": (MeasureRecord, ("report_id",)),
    "completions": (CompletionRecord, ("report_id",)),
    "runs": (RunRecord, ()),
}
LANDING_TABLES = tuple(LANDING)
_SQL_TYPES = {"str": "VARCHAR", "int": "INTEGER", "float": "DOUBLE", "bool": "BOOLEAN", "datetime": "TIMESTAMP"}


def landing_columns(table: str) -> list[tuple[str, str]]:
    """(column, DuckDB type) of a landing table, in order."""
    record, added = LANDING[table]
    cols = [(name, "VARCHAR") for name in added]
    for f in fields(record):
        base = str(f.type).split("|")[0].strip()
        cols.append((f.name, f.metadata.get("sql") or _SQL_TYPES[base]))
    return cols


def landing_ddl(table: str) -> str:
    return ", ".join(f"{name} {sql}" for name, sql in landing_columns(table))


@dataclass
class IngestResult:
    files: list[FileResult] = field(default_factory=list)
    reports: list[ParsedReport] = field(default_factory=list)     # parsed by this run
    cached: dict[str, str] = field(default_factory=dict)          # report_id -> source file, rows in the cache
    cache: ParseCache | None = None
    raw_dir: Path | None = None
    limits: Limits | None = None
    progress: Callable[[str], None] | None = None

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)


def list_raw_files(raw_dir: Path, unreadable: list[tuple[str, str]] | None = None) -> list[Path]:
    """Report files in the raw directory (hidden files and folders skipped), sorted by name.
    Folders that cannot be listed are added to `unreadable` as (relative path, reason)."""
    raw_dir = Path(raw_dir)
    found = []

    def on_error(e: OSError) -> None:
        if unreadable is not None:
            name = Path(e.filename).relative_to(raw_dir).as_posix() if e.filename else str(raw_dir)
            unreadable.append((name + "/", f"cannot read the folder: {e.strerror or e}"))

    for folder, dirs, names in os.walk(raw_dir, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder) / n for n in names if not n.startswith(".")]
    return sorted(found)


def _read_stable(path: Path, max_mb: int) -> bytes:
    """The file's bytes, read again if it changed while being read; OSError if it keeps changing,
    is not a regular file (a FIFO or a device, also behind a link: never read, so never a hang) or is
    larger than `max_mb` (then it is not read at all; one that grows past it while read is cut off
    at the limit and rejected too, so memory stays bounded)."""
    limit = max_mb * 2**20
    for _ in range(3):
        # O_NONBLOCK: opening a FIFO (or a link to one) returns at once instead of waiting for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        try:
            before = os.fstat(fd)
            if not stat.S_ISREG(before.st_mode):
                raise OSError("not a regular file")
            if before.st_size > limit:
                raise OSError(f"file of {before.st_size / 2**20:.0f} MiB is over the limit (PARSE_MAX_FILE_MB = {max_mb})")
            with open(fd, "rb", closefd=False) as f:
                data = f.read(limit + 1)
            if len(data) > limit:
                raise OSError(f"file grew over the limit while being read (PARSE_MAX_FILE_MB = {max_mb})")
            after = os.fstat(fd)
        finally:
            os.close(fd)
        if (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns) and len(data) == after.st_size:
            return data
    raise OSError("the file changed while being read (it is still being written?)")


def parse_cache(cache_dir: Path | None, note: Callable[[str], None] | None = None) -> ParseCache | None:
    if not cache_dir:
        return None
    tables = {t: landing_columns(t) for t, (_, added) in LANDING.items() if t == "reports" or added}
    return ParseCache(Path(cache_dir), PARSER_VERSION, tables, note=note)


def parse_raw_dir(raw_dir: Path, cache_dir: Path | None = None,
                  progress: Callable[[str], None] | None = None, limits: Limits | None = None) -> IngestResult:
    """Parse every file of `raw_dir` not in the parse cache; never raises for one bad file.

    Files are read and hashed here; the reports not in the parse cache are parsed in worker
    processes under time and memory limits (parse_pool), so no single file can stall the run.
    Cached reports stay in the cache (`result.cached`) until write_landing copies their rows."""
    limits = limits or Limits.from_env()
    result = IngestResult(cache=parse_cache(cache_dir, progress), raw_dir=Path(raw_dir), limits=limits,
                          progress=progress)
    seen: dict[str, FileResult] = {}
    unreadable: list[tuple[str, str]] = []
    files = list_raw_files(Path(raw_dir), unreadable)
    result.files += [FileResult(source_file=name, source_sha256=None, n_bytes=0, status="rejected", reason=reason)
                     for name, reason in unreadable]
    data_of: dict[str, tuple[bytes, str]] = {}
    for path in files:
        name = path.relative_to(raw_dir).as_posix()
        try:
            data = _read_stable(path, limits.max_file_mb)
        except OSError as e:
            result.files.append(FileResult(source_file=name, source_sha256=None, n_bytes=0, status="rejected",
                                           reason=f"cannot read the file: {e.strerror or e}"))
            continue
        sha = hashlib.sha256(data).hexdigest()
        fr = FileResult(source_file=name, source_sha256=sha, n_bytes=len(data), status="loaded")
        result.files.append(fr)
        if sha in seen:
            fr.status = "duplicate"
            continue
        seen[sha] = fr
        data_of[sha] = (data, name)
    cached: dict[str, Summary] = {}
    if result.cache is not None and seen:
        try:
            cached = result.cache.lookup([report_id_for(sha) for sha in seen])
        except CacheUnavailable:
            cached = {}
    for sha, fr in seen.items():
        summary = cached.get(report_id_for(sha))
        if summary is not None:
            _use_cached(result, fr, summary)
            del data_of[sha]
    n_parsed = _parse(result, seen, data_of)
    _settle_duplicates(result)
    if progress:
        progress(f"{len(files)} files: {result.count('loaded')} loaded, {result.count('duplicate')} duplicate, "
                 f"{result.count('rejected')} rejected ({n_parsed} parsed, {len(files) - n_parsed} from cache or skipped)")
    return result


def _use_cached(result: IngestResult, fr: FileResult, summary: Summary) -> None:
    fr.from_cache = True
    fr.report_id = report_id_for(fr.source_sha256)
    fr.encoding, fr.warnings = summary.encoding, summary.warnings
    fr.n_tasks, fr.n_measures, fr.n_completions = summary.n_tasks, summary.n_measures, summary.n_completions
    result.cached[fr.report_id] = fr.source_file


def _parse(result: IngestResult, seen: dict[str, FileResult], data_of: dict[str, tuple[bytes, str]]) -> int:
    """Parse the files of `data_of` (sha -> (bytes, name)) into `result`; returns how many."""
    n_done = 0
    jobs = [(sha, data, name) for sha, (data, name) in data_of.items()]

    def done(sha: str, outcome) -> None:
        nonlocal n_done
        n_done += 1
        fr = seen[sha]
        if outcome.parsed is None:
            fr.status, fr.reason = "rejected", outcome.reason
        else:
            parsed = outcome.parsed
            parsed.report.source_file = fr.source_file
            fr.report_id = parsed.report.report_id
            fr.encoding = parsed.report.encoding
            fr.n_tasks, fr.n_measures, fr.n_completions = len(parsed.tasks), len(parsed.measures), len(parsed.completions)
            fr.warnings = "; ".join(parsed.warnings) or None
            result.reports.append(parsed)
        if result.progress:
            result.progress(f"[{n_done}/{len(jobs)} parsed] {fr.source_file}: {fr.status}"
                            + (f" ({fr.reason})" if fr.reason else ""))

    parse_all(jobs, result.limits or Limits.from_env(), done)
    return len(jobs)


def _settle_duplicates(result: IngestResult) -> None:
    """A duplicate file points at the report of the first file of its content (or its rejection)."""
    first_of: dict[str, FileResult] = {}
    for fr in result.files:
        if fr.source_sha256:
            first = first_of.setdefault(fr.source_sha256, fr)
            if first is not fr:
                fr.report_id = first.report_id if first.status != "rejected" else None
                fr.reason = f"same content as {first.source_file}" if first.status != "rejected" else first.reason
                fr.status = "rejected" if first.status == "rejected" else "duplicate"


def _parse_cached_again(result: IngestResult) -> None:
    """The cache became unreadable after the lookup: parse the reports taken from it after all."""
    if result.progress:
        result.progress("parse cache unreadable: the reports taken from it are parsed again")
    seen, data_of = {}, {}
    for fr in result.files:
        if fr.from_cache:
            fr.from_cache = False
            try:
                data = _read_stable(result.raw_dir / fr.source_file, (result.limits or Limits.from_env()).max_file_mb)
                if hashlib.sha256(data).hexdigest() != fr.source_sha256:
                    raise OSError("the file changed during the run")
            except OSError as e:      # gone or rewritten since it was hashed: this file only
                fr.status, fr.report_id = "rejected", None
                fr.reason = f"cannot read the file: {e.strerror or e}"
                continue
            seen[fr.source_sha256] = fr
            data_of[fr.source_sha256] = (data, fr.source_file)
    result.cached.clear()      # the cache file was moved aside: a new one keeps this run's parses
    _parse(result, seen, data_of)
    _settle_duplicates(result)


def _frame(rows: list, table: str, extra: dict | None = None) -> pd.DataFrame:
    """Rows of one landing table: records, or (record, extra columns) pairs. A record lacking a
    column of the schema is an error (KeyError), not a null. Records hold scalars only, so their
    fields are read directly (dataclasses.asdict deep-copies and was most of landing's time)."""
    cols = _column_names(table)
    data = []
    for r in rows:
        rec, more = r if isinstance(r, tuple) else (r, extra)
        d = {**vars(rec), **more} if more else vars(rec)
        data.append([d[c] for c in cols])
    return pd.DataFrame(data, columns=cols)


@cache
def _column_names(table: str) -> list[str]:
    return [c for c, _ in landing_columns(table)]


def run_history(warehouse_path: Path, run_id: str, n_source_files: int) -> list[RunRecord]:
    """The published runs so far (marts.meta_run of the published warehouse, read-only) and this one:
    what every dashboard shows as "as of". A published file that cannot be read starts a new history."""
    history = []
    if Path(warehouse_path).is_file():
        try:
            with duckdb.connect(str(warehouse_path), read_only=True) as con:
                cols = ", ".join(f.name for f in fields(RunRecord))
                history = [RunRecord(*r) for r in con.execute(f"select {cols} from marts.meta_run").fetchall()]
        except duckdb.Error as e:
            log.warning("run history not read from %s (%s): meta_run starts again", warehouse_path, str(e).splitlines()[0])
    now = datetime.now(UTC).replace(tzinfo=None)
    return [*history, RunRecord(run_id=run_id, published_at=now, n_source_files=n_source_files,
                                parser_version=PARSER_VERSION)]


def write_landing(db_path: Path, result: IngestResult, runs: list[RunRecord] | None = None) -> dict[str, int]:
    """(Re)create the landing schema in `db_path`: this run's parses from their records, the cached
    reports' rows copied from the parse cache in SQL; then add this run's parses to the cache.
    Returns row counts."""
    try:
        return _write_landing(db_path, result, runs)
    except CacheUnavailable:
        _parse_cached_again(result)
        return _write_landing(db_path, result, runs)


def _write_landing(db_path: Path, result: IngestResult, runs: list[RunRecord] | None) -> dict[str, int]:
    def children(attr: str) -> list[tuple[object, dict]]:
        return [(rec, {"report_id": p.report.report_id}) for p in result.reports for rec in getattr(p, attr)]

    frames = {
        "runs": _frame(runs or [], "runs"),
        "report_files": _frame(result.files, "report_files"),
        "reports": _frame([p.report for p in result.reports], "reports"),
        "tasks": _frame(children("tasks"), "tasks"),
        "task_departments": _frame(children("departments"), "task_departments"),
        "measures": _frame(children("measures"), "measures"),
        "completions": _frame(children("completions"), "completions"),
    }
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    # a new work file is made in the storage version BI tools read, so publishing is a rename
    with duckdb.connect(str(db_path), config={"storage_compatibility_version": READER_STORAGE_VERSION}) as con:
        con.execute("create schema if not exists landing")
        for table, df in frames.items():
            con.execute(f"create or replace table landing.{table} ({landing_ddl(table)})")
            if len(df):
                con.register("df", df)
                con.execute(f"insert into landing.{table} select * from df")
                con.unregister("df")
        if result.cache is not None:
            result.cache.copy_into(con, result.cached)
            by_id = {f.report_id: f for f in result.files if f.status == "loaded" and not f.from_cache}
            result.cache.store(con, {p.report.report_id: _summary(by_id[p.report.report_id]) for p in result.reports})
        return {t: con.execute(f"select count(*) from landing.{t}").fetchone()[0] for t in frames}


def _summary(fr: FileResult) -> Summary:
    return Summary(encoding=fr.encoding, n_tasks=fr.n_tasks, n_measures=fr.n_measures,
                   n_completions=fr.n_completions, warnings=fr.warnings)
