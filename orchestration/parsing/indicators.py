"""Indicator tables of 工作要点 attachments (flattened to one cell per line): one indicator per
row with its unit, 2022 actual (baseline), 2023 target, responsible units and attribute."""
from __future__ import annotations

from .progress import MeasureCollector
from .records import ParsedReport


def read_indicator_attachments(text: str, year: int | None, parsed: ParsedReport, out: MeasureCollector) -> None:
    return None
