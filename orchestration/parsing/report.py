"""Entry point: raw bytes of one report file -> ParsedReport."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from . import layout
from .collector import MeasureCollector
from .decode import decode_bytes
from .errors import UnreadableReport
from .indicator_tables import read_pipe_indicator_tables
from .indicators import indicator_attachment_spans, read_indicator_attachments
from .lists import find_task_lists, rows_from_list
from .numbers import forget_quantities
from .progress import read_row_measures, read_task_row, table_totals, tasks_from_table
from .prose import forget_cues, read_prose
from .records import ParsedReport, ReportRecord
from .tables import find_cell_per_line_tables, find_pipe_tables, find_run_together_tables, find_space_tables
from .text import CleanText, clean_for_parsing
from .units import CATALOGUE, SEED


def _parser_fingerprint() -> str:
    """Hash of the parsing code and the unit seed: any change to them invalidates cached parses."""

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
    forget_quantities()     # memos hold one report's sentences: no report is read faster for another
    forget_cues()
    sha = hashlib.sha256(data).hexdigest()
    decoded = decode_bytes(data)
    raw_text = decoded.text
    clean = clean_for_parsing(raw_text)     # pinyin out, width, script, wrapped numbers, boilerplate
    text = _tabs_to_pipes(clean.text)
    title = layout.find_title(text)
    tables = find_pipe_tables(text) + find_cell_per_line_tables(text) + find_run_together_tables(text) \
        + find_space_tables(text)
    claimed = [t.span for t in tables] + indicator_attachment_spans(text)
    lists = find_task_lists(_blank(text, claimed), title)
    kind = layout.classify(text, title, has_task_table=bool(tables or lists))
    year = layout.find_year(text, title, kind)
    place = layout.find_place(text, title, year)
    region = place.region
    report = ReportRecord(report_id=report_id_for(sha), source_file=source_file, source_sha256=sha,
                          region=region, province=place.province, city=place.city, county=place.county,
                          admin_level=place.admin_level, report_kind=kind, report_year=year, period_label=None,
                          title=title, encoding=decoded.encoding, raw_text=raw_text)
    parsed = ParsedReport(report=report, warnings=list(decoded.warnings))
    out = MeasureCollector()

    # every reader runs on every document: the kind is a label, not a gate
    rows = []
    for t in tables:
        rows += tasks_from_table(t, first_seq=len(rows) + 1)
        if t.truncated_rows:
            parsed.warnings.append(f"{t.truncated_rows} table row(s) cut off before the last column")
    for task_list in lists:
        rows += rows_from_list(task_list, first_seq=len(rows) + 1)
    report.period_label = layout.find_period(text, title, kind, [t.header_period for t in tables],
                                             [r["progress_text"] for r in rows])
    if kind == "task_progress" and tables and report.title is None and region:
        report.title = f"{region}{year or ''}年重点工作进展情况"
    for row in rows:
        task, depts = read_task_row(row, year, report.period_label, out)
        parsed.tasks.append(task)
        parsed.departments.extend(depts)
    for t in tables:
        for total in table_totals(t):
            read_row_measures(total, None, year, t.header_period or report.period_label, total["units"], out)
    prose_text = _blank(text, [t.span for t in tables] + [(x.start, x.end) for x in lists])
    read_prose(prose_text, year, kind, out, body_start=_body_start(text, title))
    read_pipe_indicator_tables(text, year, out, parsed)
    read_indicator_attachments(text, year, parsed, out)

    if kind == "other" and not (parsed.tasks or out.measures or out.completions or re.search(r"\d", text)):
        # the kind is a label, not a gate: only a text of no known kind with no figure at all is not a report
        raise UnreadableReport("unknown kind of document: no task table, no report title, no figures")
    parsed.measures = out.measures
    parsed.completions = out.completions
    _anchor_evidence(parsed, text, raw_text, clean)
    return parsed


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the given spans replaced by spaces (line breaks kept): offsets stay valid."""
    out, pos = [], 0
    for a, b in sorted(spans):
        a = max(a, pos)
        if b <= a:
            continue
        out += [text[pos:a], "\n".join(" " * len(line) for line in text[a:b].split("\n"))]
        pos = b
    return "".join(out) + text[pos:]


def _tabs_to_pipes(text: str) -> str:
    """Tab-separated rows (tables copied from a spreadsheet) read as pipe rows; '\t' -> '|' keeps offsets."""
    if "\t" not in text:
        return text
    return "\n".join(line.replace("\t", "|") if line.count("\t") >= 2 else line for line in text.split("\n"))


def _body_start(text: str, title: str | None) -> int:
    """Where the body starts: after the title when only headers stand before it; a title found
    below sentences (a news item's headline after its lead) skips nothing."""
    if not title:
        return 0
    i = text.find(title)
    if i < 0 or re.search(r"[。！？]", text[:i]):
        return 0
    return i + len(title)


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
