"""Print what the parser reads from one or more report files, without building a warehouse.

    .venv/bin/python scripts/explain.py ../shared/practice/docs/shayang_2022_yusuan_zhixing.txt
    .venv/bin/python scripts/explain.py --brief some/folder/*.txt     # one line per file

For each file: the report's metadata (kind, place, year, period), then every task with its departments,
measures and stated completions, then the measures and completions outside any task (prose), then the
parser's warnings. This is the quickest way to see why a figure is missed or misread.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from orchestration.parsing.errors import UnreadableReport
from orchestration.parsing.records import CompletionRecord, MeasureRecord, ParsedReport
from orchestration.parsing.report import parse_report


def _measure(m: MeasureRecord) -> str:
    value = m.value_text if m.value is None else f"{m.value:g}" + (f"–{m.value_high:g}" if m.value_high else "")
    growth = " growth" if m.is_growth_rate else ""
    extra = " derived" if m.is_derived else ""
    year = f" {m.reference_year}" if m.reference_year else ""
    return f"{m.role:8} {m.metric} {m.comparator} {value} {m.unit or ''}{growth}{year}{extra}  «{m.evidence}»"


def _completion(c: CompletionRecord) -> str:
    pair = ""
    if c.actual_value is not None or c.target_value is not None:
        pair = f" (actual {c.actual_value} {c.actual_unit or ''} / target {c.target_value} {c.target_unit or ''})"
    return f"completion {c.stated_pct:g}%{pair}  «{c.evidence}»"


def explain(parsed: ParsedReport) -> str:
    r = parsed.report
    out = [f"kind={r.report_kind} region={r.region} ({r.province}/{r.city}/{r.county}, {r.admin_level}) "
           f"year={r.report_year} period={r.period_label} title={r.title!r}"]
    depts, measures, completions = defaultdict(list), defaultdict(list), defaultdict(list)
    for d in parsed.departments:
        depts[d.task_seq].append(d.department_name + ("*" if d.is_lead else ""))
    for m in parsed.measures:
        measures[m.task_seq].append(m)
    for c in parsed.completions:
        completions[c.task_seq].append(c)
    for t in parsed.tasks:
        out.append(f"task {t.task_key} [{t.status}] {t.task_text[:70]}")
        if depts[t.task_seq]:
            out.append("    departments: " + "、".join(depts[t.task_seq]))
        out += ["    " + _measure(m) for m in measures[t.task_seq]]
        out += ["    " + _completion(c) for c in completions[t.task_seq]]
    if measures[None] or completions[None]:
        out.append("prose:")
        out += ["    " + _measure(m) for m in measures[None]]
        out += ["    " + _completion(c) for c in completions[None]]
    out += [f"warning: {w}" for w in parsed.warnings]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--brief", action="store_true", help="one line per file: metadata and counts")
    args = ap.parse_args(argv)
    for path in args.files:
        try:
            parsed = parse_report(path.read_bytes(), path.name)
        except (UnreadableReport, OSError) as exc:
            print(f"{path.name}: not read: {exc}")
            continue
        if args.brief:
            r = parsed.report
            print(f"{path.name}: {r.report_kind} {r.region} {r.report_year} {r.period_label} | "
                  f"tasks {len(parsed.tasks)} measures {len(parsed.measures)} completions {len(parsed.completions)}")
        else:
            print(f"== {path}\n{explain(parsed)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
