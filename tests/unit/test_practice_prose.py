"""Regression floor: prose figures of the practice corpus (real reports in ../shared, not copied here).

Parses each practice file directly (no pipeline) and matches the labelled report-level headlines the
way the scorer does: same role, value (as written or standardised), growth flag, and evidence that
overlaps the labelled text. Prose completions (task_no null) must be found with their actuals.
Deterministic; fails below the floors so later work cannot quietly lose them."""
import json
from pathlib import Path

import pytest

from orchestration.parsing.report import parse_report
from orchestration.parsing.units import standardise

SHARED = Path(__file__).resolve().parents[3] / "shared"
DOCS = SHARED / "practice" / "docs"
GOLD = SHARED / "gold" / "practice.jsonl"

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="practice corpus not available")

HEADLINE_FLOOR = 0.85
ALIASES = {"亿": "亿元", "万": "万元", "％": "%"}


def _close(a, b):
    return a is not None and b is not None and abs(a - b) <= max(1e-6, 0.005 * max(abs(a), abs(b)))


def _same(gv, gu, pv, pu):
    gu, pu = ALIASES.get(gu, gu), ALIASES.get(pu, pu)
    if _close(gv, pv) and (gu is None or gu == pu):
        return True
    gs, gb = standardise(gv, gu)
    ps, pb = standardise(pv, pu)
    return _close(gs, ps) and gb == pb


def _spans(doc, s):
    out, i = [], doc.find(s) if s else -1
    while i >= 0:
        out.append((i, i + len(s)))
        i = doc.find(s, i + 1)
    return out


def _overlaps(doc, text, evidence):
    spans = lambda s: _spans(doc, s)  # noqa: E731
    want = spans(text)
    return not want or any(a < d and c < b for a, b in want for c, d in spans(evidence))


@pytest.fixture(scope="module")
def parsed():
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = {}
    for name in sorted({g["file"] for g in gold}):
        data = (DOCS / name).read_bytes()
        out[name] = (data.decode("utf-8-sig"), parse_report(data, name))
    return gold, out


def test_headline_recall_floor(parsed):
    gold, docs = parsed
    labels = [g for g in gold if g["kind"] == "headline" and g.get("value") is not None]
    matched = 0
    for name, (doc, p) in docs.items():
        used = set()
        for g in (g for g in labels if g["file"] == name):
            for i, m in enumerate(p.measures):
                if i not in used and m.role == g["role"] and bool(m.is_growth_rate) == bool(g.get("growth")) \
                        and any(_same(v, g.get("unit"), m.value, m.unit) for v in (g["value"], -g["value"])
                                if v == g["value"] or g.get("direction") == "down") \
                        and _overlaps(doc, g.get("text"), m.evidence):
                    used.add(i)
                    matched += 1
                    break
    assert matched / len(labels) >= HEADLINE_FLOOR, f"{matched}/{len(labels)}"


def test_prose_completions_found_with_their_actuals(parsed):
    gold, docs = parsed
    labels = [g for g in gold if g["kind"] == "completion" and g.get("task_no") is None
              and not g["text"].startswith("|")]          # rows of tables belong to the table readers
    for g in labels:
        doc, p = docs[g["file"]]
        found = [c for c in p.completions if _close(c.stated_pct, g["stated_pct"]) and
                 (g.get("actual_value") is None or _same(g["actual_value"], g.get("actual_unit"),
                                                         c.actual_value, c.actual_unit))]
        assert found, g["text"]
