"""Prose reports (政府工作报告, 计划执行情况与计划草案, 工作要点 body): headline targets and
actuals, section-level targets, completion statements and growth targets implied by a gap."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .completions import read_completions
from .numbers import find_quantities, metric_before
from .progress import MeasureCollector

_HEADING = re.compile(r"(?:^|(?<=[\s。]))([一二三四五六七八九十]{1,3})、\s*([^。\n]{2,40}?)(?=\s|。|$)")
_ACTUAL_WORDS = re.compile(r"(回顾|执行情况|完成情况|过去|主要成效|取得|成绩|进展)")
_PLAN_WORDS = re.compile(r"(目标|任务|安排|计划|草案|重点工作|思路|打算|建议|要点)")
_TARGET_SENTENCE = re.compile(r"(预期目标|主要目标|力争|确保|争取|目标为|目标是|计划|全年|将|要|突破|以上|左右|不低于|控制在)")
_GAP = re.compile(r"(?P<dir>低于|高于|超出|超过|快于|慢于|塌|落后)(?:年度|全年|年初)?(?:预期)?(?:目标|计划)(?:值)?(?P<gap>\d+(?:\.\d+)?)个?百分点")


@dataclass
class Section:
    start: int
    end: int
    title: str
    mode: str            # actual | target
    year: int | None


def sections(text: str, report_year: int | None, kind: str) -> list[Section]:
    """Top-level sections (一、… 二、…) with whether they review the past or plan ahead."""
    heads = []
    for m in _HEADING.finditer(text):
        title = m.group(2)
        if not (_ACTUAL_WORDS.search(title) or _PLAN_WORDS.search(title) or re.search(r"20\d\d年", title)):
            continue
        heads.append((m.start(), title))
    out = []
    for i, (pos, title) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        years = [int(y) for y in re.findall(r"(20\d\d)年", title)]
        mode = "actual" if _ACTUAL_WORDS.search(title) and not re.search(r"(主要目标|预期目标|安排)", title) else "target"
        year = years[0] if years else (report_year - 1 if mode == "actual" and report_year else report_year)
        out.append(Section(pos, end, title, mode, year))
    if not out:
        out.append(Section(0, len(text), "", "target", report_year))
    elif out[0].start > 0:
        out.insert(0, Section(0, out[0].start, "", "actual" if kind in ("work_report", "plan_report") else "target",
                              (report_year - 1) if report_year and kind == "work_report" else report_year))
    return out


def _sentences(text: str, start: int, end: int):
    pos = start
    for m in re.finditer(r"[^。！？\n]+[。！？]?", text[start:end]):
        yield start + m.start(), m.group()
    return pos


def read_prose(text: str, report_year: int | None, kind: str, out: MeasureCollector,
               body_start: int = 0) -> None:
    """Every number with a unit in the body, role by section (review -> actual, plan -> target)."""
    for sec in sections(text, report_year, kind):
        lo = max(sec.start, body_start)
        if lo >= sec.end:
            continue
        for s_start, sentence in _sentences(text, lo, sec.end):
            _read_sentence(sentence, sec, out)


def _read_sentence(sentence: str, sec: Section, out: MeasureCollector) -> None:
    quantities = find_quantities(sentence)
    if not quantities:
        return
    completions = read_completions(sentence)
    in_completion = set()
    for c in completions:
        out.add_completion(task_seq=None, stated_pct=c.stated_pct, evidence=c.evidence,
                           actual_value=c.actual.value if c.actual else None,
                           actual_unit=c.actual.unit if c.actual else None,
                           target_value=c.target.value if c.target else None,
                           target_unit=c.target.unit if c.target else None, target_source=c.target_source)
        idx = sentence.find(c.evidence)
        in_completion.add(idx)
    for q in quantities:
        if q.is_percent and any(abs(q.start - i) < len(c.evidence) + 1 and i <= q.start for i, c in
                                zip(sorted(in_completion), completions)):
            continue
        if q.unit in (None,) and q.comparator == "=":
            continue
        role = sec.mode
        clause = sentence[max(0, q.start - 30):q.start]
        if sec.mode == "actual" and re.search(r"(目标为|目标是|计划为|预期目标|年度目标|力争|确保)[^，,。；;]*$", clause) \
                and not re.search(r"(完成|实现|达到?)[^，,。；;]*$", clause):
            role = "target"
        out.add_quantity(q, sentence, role, None, reference_year=sec.year, section=sec.title or None,
                         period_label="全年" if role == "actual" else None)
    for m in _GAP.finditer(sentence):
        # 高于目标2.1个百分点 after an actual growth rate implies the target: actual -/+ gap
        before = [q for q in quantities if q.end <= m.start() and q.is_percent and q.is_growth]
        if not before:
            continue
        act = before[-1]
        gap = float(m.group("gap"))
        above = m.group("dir") in ("高于", "超出", "超过", "快于")
        value = round(act.value - gap if above else act.value + gap, 4)
        metric, _ = metric_before(sentence, act.start)
        out.add(task_seq=None, role="target", metric=metric, value=value, unit="%", is_growth_rate=True,
                comparator="=", evidence=sentence[act.start:m.end()], reference_year=sec.year,
                is_derived=True, section=sec.title or None)
