"""Stated completion rates (完成率X%, 完成全年任务的X%, 完成年计划Y的X% ...) and what they were
computed from, when the sentence says so.

A completion rate is the share of a task, plan or budget done. Physical progress of works
(完成总工程量的95%, 形象进度30%) and outcome rates (化解率, 覆盖率, 开工率) are not completion rates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import Quantity, find_quantities, metric_before, metric_overlap
from .units import comparable

_NUM = r"(\d+(?:\.\d+)?)\s*[%％]"
_PLAN = r"(?:全年|年度|年初|年|本年度|当年|全年度)?(?:目标)?(?:任务|计划|预算|目标)(?:数|量|额|投资)?"
_PATTERNS = [
    # 完成年计划710亿元的89.4%: the denominator is inside the statement
    re.compile(rf"完成(?:了)?(?:全年|年度|年)?(?:计划|任务|目标|预算)(?P<tv>\d+(?:\.\d+)?)(?P<tu>万亿元|亿元|万元|元|万人|人|个|家|项|万吨|吨)的{_NUM}"),
    re.compile(rf"(?:任务|投资|计划|目标)?完成率(?:达到|达|为|是|约)?\s*{_NUM}"),
    re.compile(rf"完成(?:了)?{_PLAN}的?\s*{_NUM}"),
    re.compile(rf"(?:达到?|占)(?:全年|年度|年初)(?:任务|计划|目标|预算)(?:数)?的\s*{_NUM}"),
    re.compile(rf"(?:数|额|量)完成\s*{_NUM}(?P<more>(?:[、和]\s*\d+(?:\.\d+)?\s*[%％])*)"),
]
_NOT_COMPLETION = re.compile(r"(工程量|形象进度|工程进度|总体进度|化解率|覆盖率|开工率|通过率|序时进度)")


@dataclass
class StatedCompletion:
    stated_pct: float
    start: int
    end: int
    target: Quantity | None = None      # stated inside the statement (完成年计划710亿元的89.4%)
    enum_index: int | None = None       # k-th rate of 硕士和博士招引数完成64.40%、88.64%
    enum_start: int = 0                 # where the statement (or the enumeration it is part of) starts


def find_completion_statements(text: str) -> list[StatedCompletion]:
    found: list[StatedCompletion] = []
    taken: list[tuple[int, int]] = []
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if _NOT_COMPLETION.search(text[max(0, m.start() - 6):m.end()]):
                continue
            pct_group = [g for g in range(1, (m.lastindex or 0) + 1)
                         if pat.groupindex.get("tv") != g and pat.groupindex.get("more") != g and m.group(g)]
            pct = float(m.group(pct_group[-1])) if "tu" not in pat.groupindex else float(m.group(3))
            target = None
            if "tv" in pat.groupindex:
                target = Quantity(value=float(m.group("tv")), unit=m.group("tu"), comparator="=",
                                  is_growth=False, start=m.start("tv"), end=m.end("tu"))
            enumerated = "more" in pat.groupindex and bool(m.group("more"))
            found.append(StatedCompletion(pct, m.start(), m.end(), target,
                                          enum_index=0 if enumerated else None, enum_start=m.start()))
            if enumerated:
                base = m.start("more")
                for k, mm in enumerate(re.finditer(r"(\d+(?:\.\d+)?)\s*[%％]", m.group("more")), 1):
                    found.append(StatedCompletion(float(mm.group(1)), base + mm.start(), base + mm.end(),
                                                  enum_index=k, enum_start=m.start()))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda c: c.start)
    return found


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    lo = max(text.rfind(ch, 0, pos) for ch in "。；;\n|") + 1
    his = [i for i in (text.find(ch, pos) for ch in "。；;\n|") if i >= 0]
    return lo, (min(his) if his else len(text))


@dataclass
class CompletionReading:
    stated_pct: float
    evidence: str
    actual: Quantity | None
    target: Quantity | None
    target_source: str | None


def read_completions(text: str, task_targets: list[tuple[Quantity, str]] | None = None
                     ) -> list[CompletionReading]:
    """Completion statements in `text` with the actual (same sentence) and the target
    (same statement/sentence, else the task's targets of a comparable unit)."""
    out = []
    quantities = find_quantities(text)
    for c in find_completion_statements(text):
        lo, _hi = _sentence_bounds(text, c.start)
        subject, _ = metric_before(text, c.enum_start)
        candidates = [q for q in quantities
                      if lo <= q.start and q.end <= c.enum_start and not q.is_percent
                      and (_ends_clause(text, q.end) or _object_of_achievement(text, q))]
        if c.enum_index is not None:
            # 硕士和博士招引数完成64.40%、88.64%: the k-th rate belongs to the k-th named subject
            parts = [p for p in re.split(r"[和、及与]", subject) if p]
            subject = parts[c.enum_index] if c.enum_index < len(parts) else ""
            candidates = [q for q in candidates if metric_overlap(subject, metric_before(text, q.start)[0]) > 0]
        actual = None
        if candidates:
            actual = max(candidates, key=lambda q: (metric_overlap(subject, metric_before(text, q.start)[0]), q.start))
        target, source = c.target, ("sentence" if c.target else None)
        if target is None and actual is not None:
            # a plan figure earlier in the same sentence: 年度计划投资41.7亿元,完成年度投资77.72亿元,完成率186.38%
            for q in candidates:
                if q is not actual and comparable(q.unit, actual.unit) and \
                        re.search(r"(计划|任务|目标|预算)", metric_before(text, q.start)[0] + text[max(lo, q.start - 8):q.start]):
                    target, source = q, "sentence"
        if target is None and actual is not None and task_targets and c.enum_index is None:
            act_metric = metric_before(text, actual.start)[0] + subject
            # the task's target only when it measures the same thing (two or more characters shared)
            fits = [(q, m) for q, m in task_targets if comparable(q.unit, actual.unit) and not q.is_percent
                    and metric_overlap(m, act_metric) >= 2]
            if fits:
                target = max(fits, key=lambda qm: metric_overlap(qm[1], act_metric))[0]
                source = "task"
        if target is None and actual is not None:
            # a projection for the whole year earlier in the text: 2023年预计一般公共预算收入52.4亿元
            act_metric = metric_before(text, actual.start)[0]
            for q in quantities:
                if q.start < actual.start and comparable(q.unit, actual.unit) and q.value > actual.value:
                    m, cs = metric_before(text, q.start)
                    if re.search(r"(预计|全年|年度|计划|目标)", text[max(0, cs - 8):q.start]) and metric_overlap(m, act_metric) >= 3:
                        target, source = q, "progress"
        out.append(CompletionReading(c.stated_pct, text[c.start:c.end], actual, target, source))
    return out


def _object_of_achievement(text: str, q: Quantity) -> bool:
    """完成10项政策处理事项 / 完成3604万元投资额: a quantity right after an achievement verb."""
    return bool(re.search(r"((完成|实现|新增|累计|招引|引进|培育|发放|兑现)(了)?|已为(全区|全市|全县)?)$", text[max(0, q.start - 6):q.start]))


def _ends_clause(text: str, end: int) -> bool:
    """An achieved quantity closes its clause (…9016户,完成全年任务的69.4%); a quantity followed
    by more words is a subject or modifier (11个省“千项万亿”已完成…)."""
    nxt = text[end:end + 1]
    return nxt == "" or nxt in "，,。；;、)）"
