"""Raw directory -> parsed records -> landing tables in a DuckDB file. No Dagster here.

Every file in the raw directory ends up in `landing.report_files` as loaded, duplicate
(same bytes as another file) or rejected (with the reason); the rest load regardless.
Parses are cached by content hash and parser version, so unchanged reports are not parsed again.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from .parse_pool import Limits, parse_all
from .parsing.records import CompletionRecord, DepartmentRecord, MeasureRecord, ParsedReport, ReportRecord, TaskRecord
from .parsing.report import PARSER_VERSION

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
    reports: list[ParsedReport] = field(default_factory=list)

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


def _cache_path(cache_dir: Path | None, sha: str) -> Path | None:
    return cache_dir / f"{sha}-v{PARSER_VERSION}.json" if cache_dir else None


def _load_cached(path: Path | None, source_file: str) -> ParsedReport | None:
    """A cached parse, if present and intact: an entry whose checksum does not match its content
    (edited, truncated, written by something else) is ignored and the report parsed again."""
    if path is None or not path.exists():
        return None
    try:
        envelope = json.loads(path.read_text(encoding="utf-8"))
        payload = envelope["parsed"]
        if envelope.get("sha256") != _checksum(payload):
            raise ValueError("checksum mismatch")
        d = json.loads(payload)
        report = ReportRecord(**{**d["report"], "source_file": source_file})
        return ParsedReport(report=report,
                            tasks=[TaskRecord(**x) for x in d["tasks"]],
                            departments=[DepartmentRecord(**x) for x in d["departments"]],
                            measures=[MeasureRecord(**x) for x in d["measures"]],
                            completions=[CompletionRecord(**x) for x in d["completions"]],
                            warnings=d.get("warnings", []))
    except (ValueError, KeyError, TypeError, AttributeError, OSError):
        log.warning("ignoring a damaged parse cache entry %s: the report is parsed again", path)
        return None


def _checksum(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _cache_entry(parsed: ParsedReport) -> str:
    payload = json.dumps(asdict(parsed), ensure_ascii=False)
    return json.dumps({"sha256": _checksum(payload), "parsed": payload}, ensure_ascii=False)


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


def _write_atomic(path: Path, content: str) -> None:
    """Write then rename, so a concurrent run never reads a half-written cache file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(content, encoding="utf-8")
    os.replace(tmp, path)


def parse_raw_dir(raw_dir: Path, cache_dir: Path | None = None,
                  progress: Callable[[str], None] | None = None, limits: Limits | None = None) -> IngestResult:
    """Parse every file of `raw_dir`; never raises for one bad file.

    Files are read and hashed here; the reports not in the parse cache are parsed in worker
    processes under time and memory limits (parse_pool), so no single file can stall the run."""
    limits = limits or Limits.from_env()
    result = IngestResult()
    seen: dict[str, FileResult] = {}
    unreadable: list[tuple[str, str]] = []
    files = list_raw_files(Path(raw_dir), unreadable)
    result.files += [FileResult(source_file=name, source_sha256=None, n_bytes=0, status="rejected", reason=reason)
                     for name, reason in unreadable]
    if cache_dir:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        for stale in Path(cache_dir).glob("*.json"):
            if not stale.name.endswith(f"-v{PARSER_VERSION}.json"):
                stale.unlink(missing_ok=True)    # parses by an older parser are never read again
    parsed_of: dict[str, ParsedReport] = {}      # sha -> parse (cached or new)
    jobs = []
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
        cached = _load_cached(_cache_path(Path(cache_dir) if cache_dir else None, sha), name)
        if cached is not None:
            fr.from_cache = True
            parsed_of[sha] = cached
        else:
            jobs.append((sha, data, name))

    n_done = 0

    def done(sha: str, outcome) -> None:
        nonlocal n_done
        n_done += 1
        fr = seen[sha]
        if outcome.parsed is None:
            fr.status, fr.reason = "rejected", outcome.reason
        else:
            parsed_of[sha] = outcome.parsed
            cpath = _cache_path(Path(cache_dir) if cache_dir else None, sha)
            if cpath is not None:
                try:
                    _write_atomic(cpath, _cache_entry(outcome.parsed))
                except OSError as e:    # a full disk, or something else in the entry's place: parse again next time
                    log.warning("parse cache entry %s not written (%s): the report will be parsed again", cpath, e)
        if progress:
            progress(f"[{n_done}/{len(jobs)} parsed] {fr.source_file}: {fr.status}"
                     + (f" ({fr.reason})" if fr.reason else ""))

    parse_all(jobs, limits, done)

    for fr in result.files:
        if fr.status == "duplicate":
            first = seen[fr.source_sha256]
            fr.report_id = first.report_id if first.status != "rejected" else None
            fr.reason = f"same content as {first.source_file}" if first.status != "rejected" else first.reason
            if first.status == "rejected":
                fr.status = "rejected"
            continue
        parsed = parsed_of.get(fr.source_sha256) if fr.status == "loaded" else None
        if parsed is None:
            continue
        parsed.report.source_file = fr.source_file
        fr.report_id = parsed.report.report_id
        fr.encoding = parsed.report.encoding
        fr.n_tasks, fr.n_measures, fr.n_completions = len(parsed.tasks), len(parsed.measures), len(parsed.completions)
        fr.warnings = "; ".join(parsed.warnings) or None
        result.reports.append(parsed)
    if progress:
        progress(f"{len(files)} files: {result.count('loaded')} loaded, {result.count('duplicate')} duplicate, "
                 f"{result.count('rejected')} rejected ({len(jobs)} parsed, {len(files) - len(jobs)} from cache or skipped)")
    return result


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
    """(Re)create the landing schema in `db_path` from the parse result; returns row counts."""
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
    counts = {}
    with duckdb.connect(str(db_path)) as con:
        con.execute("create schema if not exists landing")
        for table, df in frames.items():
            con.execute(f"create or replace table landing.{table} ({landing_ddl(table)})")
            if len(df):
                con.register("df", df)
                con.execute(f"insert into landing.{table} select * from df")
                con.unregister("df")
            counts[table] = len(df)
    return counts
