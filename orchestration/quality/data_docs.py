"""One Data Docs site for every GX suite: the latest validation of each, readable offline.

GX's own site builder is not used: its index is drawn by CDN JavaScript (blank offline), it keeps
the pages of one context only, and two runs building it at once race on the same files (one
removes a page the other is listing). Here every validation writes its suite's record
(`suites/<suite>.json`: GX's validation result plus the failing rows with the columns that name
them) and then redraws the static HTML from all records, under an exclusive file lock, with
atomic renames, so concurrent runs never see or leave a half-written site. No page loads
anything from the network; each failed expectation lists the rows that failed by their
identifying columns (meta.show of the expectation), not by row index.
"""
from __future__ import annotations

import fcntl
import html
import json
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import write_text_atomic

if TYPE_CHECKING:
    from .runner import SuiteOutcome

STYLE = """
body{font-family:"Noto Sans CJK SC","Noto Sans",system-ui,sans-serif;margin:2rem;color:#222;max-width:80rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f3f3f3}
.pass{color:#1a7f37}.fail{color:#cf222e;font-weight:bold}.warn{color:#9a6700;font-weight:bold}
.muted{color:#666;font-size:.85rem}
"""


@contextmanager
def _locked(docs_dir: Path):
    docs_dir.mkdir(parents=True, exist_ok=True)
    with open(docs_dir / ".lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def suite_page(docs_dir: Path, suite: str) -> Path:
    return Path(docs_dir) / "suites" / f"{suite}.html"


def record_validation(docs_dir: Path, outcome: SuiteOutcome, gx_result: dict | None,
                      warehouse: Path, run_id: str | None = None) -> Path:
    """Store one suite's latest validation and redraw the site; returns the suite's page."""
    docs_dir = Path(docs_dir).resolve()
    record = {
        "suite": outcome.suite, "asset": outcome.asset, "description": outcome.description,
        "validated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "run_id": run_id, "warehouse": str(warehouse), "n_rows": outcome.n_rows, "gx_rows": outcome.gx_rows,
        "outcomes": [asdict(o) for o in outcome.outcomes], "gx_result": gx_result,
    }
    with _locked(docs_dir):
        write_text_atomic(docs_dir / "suites" / f"{outcome.suite}.json", json.dumps(record, ensure_ascii=False,
                                                                                  default=str, indent=1))
        build_site(docs_dir)
    return suite_page(docs_dir, outcome.suite)


def _records(docs_dir: Path) -> list[dict]:
    out = []
    for p in sorted((docs_dir / "suites").glob("*.json")):
        try:
            out.append(json.loads(p.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # a record damaged outside this code is left out, the next validation rewrites it
    return out


def _status(o: dict) -> tuple[str, str]:
    if o["success"]:
        return "pass", "pass"
    if o.get("error"):
        return "fail", "ERROR"
    return ("fail", "FAIL") if o["severity"] == "critical" else ("warn", "WARN")


def _page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{STYLE}</style></head><body>{body}</body></html>\n")


def _suite_summary(rec: dict) -> str:
    failed = [o for o in rec["outcomes"] if not o["success"]]
    crit = sum(o["severity"] == "critical" for o in failed)
    if not failed:
        return '<span class="pass">all passed</span>'
    cls = "fail" if crit else "warn"
    return f'<span class="{cls}">{len(failed)} failed ({crit} critical)</span>'


def build_site(docs_dir: Path) -> Path:
    """Redraw index.html and one page per suite from the stored records (call under the lock)."""
    docs_dir = Path(docs_dir)
    records = _records(docs_dir)
    rows = "".join(
        f'<tr><td><a href="suites/{html.escape(r["suite"])}.html">{html.escape(r["suite"])}</a></td>'
        f'<td>{html.escape(r["asset"])}</td><td>{_suite_summary(r)}</td><td>{r["n_rows"]}</td>'
        f'<td>{len(r["outcomes"])}</td><td>{html.escape(r["validated_at"])}</td>'
        f'<td class="muted">{html.escape(r.get("run_id") or "validate")}</td></tr>'
        for r in records)
    index = (f"<h1>Data Docs: Great Expectations suites</h1>"
             f'<p class="muted">The latest validation of each suite in expectations/. Critical failures '
             f"block publishing; warnings are published and listed in marts.fct_quality_issue.</p>"
             f"<table><tr><th>suite</th><th>asset</th><th>result</th><th>rows validated</th>"
             f"<th>expectations</th><th>validated at (UTC)</th><th>run</th></tr>{rows}</table>")
    write_text_atomic(docs_dir / "index.html", _page("Data Docs", index))
    for r in records:
        write_text_atomic(suite_page(docs_dir, r["suite"]), _page(f"{r['suite']} — Data Docs", _suite_body(r)))
    return docs_dir / "index.html"


def _gx_rows(r: dict) -> str:
    n = r.get("gx_rows")
    if n is None or n == r["n_rows"]:
        return ""
    return f" (GX read the {n} that DuckDB did not find meeting every expectation; the others meet them all)"


def _suite_body(r: dict) -> str:
    parts = [f'<p><a href="../index.html">← all suites</a></p><h1>{html.escape(r["suite"])}</h1>',
             f"<p>{html.escape(r['description'])}</p>",
             f'<p class="muted">asset {html.escape(r["asset"])} · {r["n_rows"]} rows validated{_gx_rows(r)} · '
             f'{html.escape(r["validated_at"])} UTC · run {html.escape(r.get("run_id") or "validate")} · '
             f'warehouse {html.escape(r["warehouse"])} · GX result: <a href="{html.escape(r["suite"])}.json">'
             f"{html.escape(r['suite'])}.json</a></p>",
             "<table><tr><th>rule</th><th>expectation</th><th>column</th><th>severity</th><th>result</th>"
             "<th>bad rows</th></tr>"]
    for o in r["outcomes"]:
        cls, word = _status(o)
        parts.append(f"<tr><td>{html.escape(o['rule'])}</td><td>{html.escape(o['expectation'])}</td>"
                     f"<td>{html.escape(o.get('column') or '')}</td><td>{html.escape(o['severity'])}</td>"
                     f'<td class="{cls}">{word}</td><td>{o["unexpected_count"]}</td></tr>')
    parts.append("</table>")
    for o in r["outcomes"]:
        if o["success"]:
            continue
        parts.append(f"<h2>{html.escape(o['rule'])}</h2>")
        if o.get("error"):
            parts.append(f"<p class=\"fail\">error: {html.escape(o['error'])}</p>")
        rows = o.get("failing_rows") or []
        if rows:
            cols = list(rows[0])
            parts.append(f"<p>{o['unexpected_count']} row(s) failed; the first {len(rows)}:</p><table><tr>"
                         + "".join(f"<th>{html.escape(c)}</th>" for c in cols) + "</tr>")
            parts.extend("<tr>" + "".join(f"<td>{html.escape('' if row.get(c) is None else str(row.get(c)))}</td>"
                                          for c in cols) + "</tr>" for row in rows)
            parts.append("</table>")
    return "".join(parts)
