"""Entry point: raw bytes of one report file -> ParsedReport."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from . import layout
from .progress import MeasureCollector, read_task_row, tasks_from_table
from .indicator_tables import read_pipe_indicator_tables
from .prose import read_prose
from .records import ParsedReport, ReportRecord
from .tables import find_cell_per_line_tables, find_pipe_tables
from .text import CleanText, clean_for_parsing, decode_bytes


def _parser_fingerprint() -> str:
    """Hash of the parsing code and the unit seed: any change to them invalidates cached parses."""
    from .units import CATALOGUE, SEED

    h = hashlib.sha256()
    for p in sorted(Path(__file__).parent.glob("*.py")) + [SEED, CATALOGUE]:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


PARSER_VERSION = _parser_fingerprint()


def report_id_for(sha256: str) -> str:
    return sha256[:16]


def parse_report(data: bytes, source_file: str) -> ParsedReport:
    """Parse one report. Raises text.UnreadableReport with a reason for files that are not reports."""
    sha = hashlib.sha256(data).hexdigest()
    decoded = decode_bytes(data)
    raw_text = decoded.text
    clean = clean_for_parsing(raw_text)     # pinyin out, width, script, wrapped numbers, boilerplate
    text = _tabs_to_pipes(clean.text)
    title = layout.find_title(text)
    tables = find_pipe_tables(text) or find_cell_per_line_tables(text)
    kind = layout.classify(text, title, has_task_table=bool(tables))
    year = layout.find_year(text, title, kind)
    region = layout.find_region(text, title)
    report = ReportRecord(report_id=report_id_for(sha), source_file=source_file, source_sha256=sha,
                          region=region, report_kind=kind, report_year=year, period_label=None,
                          title=title, encoding=decoded.encoding, raw_text=raw_text)
    parsed = ParsedReport(report=report)
    out = MeasureCollector()

    # task tables are read in every kind of report (a work report may append its 重点工作 table)
    rows = []
    for t in tables:
        rows += tasks_from_table(t, first_seq=len(rows) + 1)
        if t.truncated_rows:
            parsed.warnings.append(f"{t.truncated_rows} table row(s) cut off before the last column")
    if kind == "task_progress":
        report.period_label = (next((t.header_period for t in tables if t.header_period), None)
                               or layout.report_period([r["progress_text"] for r in rows]))
        if report.title is None and region:
            report.title = f"{region}{year or ''}年重点工作进展情况"
    for row in rows:
        task, depts = read_task_row(row, year, report.period_label, out)
        parsed.tasks.append(task)
        parsed.departments.extend(depts)
    if kind != "task_progress":
        read_prose(text, year, kind, out, body_start=_body_start(text, title))
        if kind in ("work_report", "plan_report"):
            report.period_label = "全年"    # they review the whole past year
        read_pipe_indicator_tables(text, year, out)
        if kind == "work_plan":
            from .indicators import read_indicator_attachments

            read_indicator_attachments(text, year, parsed, out)

    parsed.measures = out.measures
    parsed.completions = out.completions
    _anchor_evidence(parsed, text, raw_text, clean)
    return parsed


def _tabs_to_pipes(text: str) -> str:
    """Tab-separated rows (tables copied from a spreadsheet) read as pipe rows; '\t' -> '|' keeps offsets."""
    if "\t" not in text:
        return text
    return "\n".join(line.replace("\t", "|") if line.count("\t") >= 2 else line for line in text.split("\n"))


def _body_start(text: str, title: str | None) -> int:
    if not title:
        return 0
    i = text.find(title)
    return i + len(title) if i >= 0 else 0


def _anchor_evidence(parsed: ParsedReport, text: str, raw_text: str, clean: CleanText | None = None) -> None:
    """Make every evidence an exact substring of the raw text.

    Evidence is cut from the parsing text (simplified, half-width: same length as the raw text,
    so the same span of the raw text is taken). A cell joined from wrapped lines is found again
    with the line breaks it spans. A figure whose evidence cannot be found is dropped and said in
    a warning, so provenance holds for every number that reaches the warehouse."""
    same_length = len(text) == len(raw_text)

    def locate(ev: str) -> str | None:
        i = text.find(ev)
        if i < 0:
            m = re.search(r"\s*".join(re.escape(ch) for ch in ev if not ch.isspace()), text)
            if not m:
                return None
            i, ev = m.start(), m.group(0)
        if clean is not None:
            return clean.raw_of(i, i + len(ev))    # the raw span, pinyin annotations inside it included
        return raw_text[i:i + len(ev)] if same_length else (ev if ev in raw_text else None)

    for kind in ("measures", "completions"):
        kept = []
        for rec in getattr(parsed, kind):
            ev = locate(rec.evidence) if rec.evidence else None
            if ev:
                rec.evidence = ev
                kept.append(rec)
        if len(kept) < len(getattr(parsed, kind)):
            parsed.warnings.append(f"{len(getattr(parsed, kind)) - len(kept)} {kind} dropped: evidence not found in the text")
        setattr(parsed, kind, kept)
