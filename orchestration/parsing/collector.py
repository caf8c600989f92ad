"""The collector every reader writes its figures into: measures and completions of one report,
numbered in reading order (so ids stay stable across re-runs), with evidence cut from the text."""
from __future__ import annotations

import re

from .numbers import Quantity, metric_before
from .records import CompletionRecord, MeasureRecord

_AMOUNT_METRIC = re.compile(r"(总额|总值|增加值|收入|投资|产值|营业额|销售额|零售额|出口额|进口额|进出口额|GDP|生产总值)$")


_COMPARATOR_AFTER = re.compile(r"\s*(以上|左右|以内|以下)")
_COUNTED_THING = re.compile(r"(?!\s*(?:同比|比上年|较上年|比去年|增长|下降|增速|(?:提高|增加|提升|上升|减少|降低)(?:到|至)))(?:(?!和|及|以及|与)[^，,。；;、：:（(|\n\d]){2,16}")


class MeasureCollector:
    """Numbers a report states, numbered in reading order so ids stay stable."""

    def __init__(self):
        self.measures: list[MeasureRecord] = []
        self.completions: list[CompletionRecord] = []

    def add(self, **kw) -> MeasureRecord:
        m = MeasureRecord(measure_seq=len(self.measures) + 1, **kw)
        self.measures.append(m)
        return m

    def add_quantity(self, q: Quantity, text: str, role: str, task_seq: int | None, **kw) -> MeasureRecord:
        metric, clause_start = metric_before(text, q.start)
        end = q.end
        if len(metric) <= 4 and q.unit and not q.is_percent and not _COMPARATOR_AFTER.match(text, q.end) \
                and not _AMOUNT_METRIC.search(metric):
            # 稳步推进97个重点建设项目: the thing counted follows the number
            after = _COUNTED_THING.match(text, q.end)
            if after:
                metric, end = (metric + after.group()).strip(), q.end + len(after.group())
        evidence = text[clause_start:end].strip(" ，,。；;、")
        if q.raw.strip() not in evidence:
            evidence = q.raw
        growth = q.is_growth or (q.is_percent and bool(_AMOUNT_METRIC.search(metric or "")))
        return self.add(task_seq=task_seq, role=role, metric=metric or "", value=q.value, unit=q.unit,
                        is_growth_rate=growth, comparator=q.comparator, evidence=evidence,
                        value_high=q.value_high, **kw)

    def add_completion(self, **kw) -> CompletionRecord:
        c = CompletionRecord(completion_seq=len(self.completions) + 1, **kw)
        self.completions.append(c)
        return c
