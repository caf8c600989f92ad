"""Indicator tables in pipe form: `指标 | 单位 | 2023年目标 | 2023年完成 | 完成率 |` and the like.

Plan reports and work reports print their main indicators this way: one indicator per row, value
columns named by what they hold (目标/计划/预期 -> target, 完成/实际/执行 -> actual, an actual of
an earlier year than the targets -> baseline, 增长/增速 -> actual growth, 完成率 -> completion).
Rows become report-level measures; a completion column becomes completion facts with the row's
actual and target of the same year.
"""
from __future__ import annotations

import re

from .collector import MeasureCollector
from .numbers import find_quantities, normalise_period, parse_number
from .records import ParsedReport, TaskRecord
from .tables import column_role, pipe_grids

_NAME = re.compile(r"^(主要)?([一二三]级)?(指标|指标名称|项目|名称|指标项目)$")
# 1.地区生产总值增长率: an indicator numbered in its name cell (the table's 序号)
_NUMBERED_NAME = re.compile(r"^\s*(\d{1,3})\s*[.、．](?!\d)\s*(?=\S)")
# a percentage of a level (率, 比重, 占比, 比) is a level; of an amount (能源消耗) it is its change
_LEVEL_NAME = re.compile(r"(?<!增长)(?<!增)率|比重|占比|比例|[^对]比$|比[（(]")
_UNIT = re.compile(r"^(计量)?单位$")
# (完成年度目标% / 完成目标(%) / 占年计划%: the share of the target done, a completion column)
_RATE = re.compile(r"完成率|完成比例|为计划的|占计划|完成计划|完成(?:年度|全年|年)?(?:目标|计划)(?:%|％|[(（]%|的|进度)|占(?:年度|全年|年)?(?:目标|计划)")
_GROWTH = re.compile(r"增长|增幅|增速|同比|比上年")
_TARGET = re.compile(r"目标|计划|预期|预计")
_ACTUAL = re.compile(r"完成|实际|执行|实绩|数值")
_CELL = re.compile(r"^\s*(?P<pre>[≥≤><]=?)?\s*(?P<num>-?\d+(?:\.\d+)?)\s*(?P<unit>%|％)?\s*(?P<post>左右|以上|以下|以内)?\s*$")
_COMP = {"≥": ">=", "≤": "<=", ">": ">", "<": "<", ">=": ">=", "<=": "<=", "左右": "~", "以上": ">=", "以下": "<=", "以内": "<="}


def value_column(header: str) -> tuple[str, int | None] | None:
    h = re.sub(r"\s+", "", header)
    year = re.search(r"(20\d\d)", h)
    y = int(year.group(1)) if year else None
    if _RATE.search(h):
        return "rate", y
    if _GROWTH.search(h):
        return "growth", y
    if _TARGET.search(h):
        return "target", y
    if _ACTUAL.search(h) or (y and re.fullmatch(r"20\d\d年?(度)?", h)):
        return "actual", y
    if re.fullmatch(r"(20\d\d年?)?(\d{1,2}[-—~至]\d{1,2}月|[一二三四]季度|上半年|前三季度)(份)?", h):
        return "actual", y       # a period as the column (1-3月): what was achieved in it
    return None


def _cell_value(cell: str):
    """(value, comparator, unit) of a table cell, or None."""
    m = _CELL.match(cell)
    if m:
        comp = _COMP.get(m.group("pre") or m.group("post") or "", "=")
        return parse_number(m.group("num")), comp, ("%" if m.group("unit") else None)
    qs = find_quantities(cell)
    if len(qs) == 1:
        return qs[0].value, qs[0].comparator, qs[0].unit
    return None


def read_pipe_indicator_tables(text: str, year: int | None, out: MeasureCollector,
                               parsed: ParsedReport | None = None) -> int:
    """Read every pipe table that is an indicator table; returns how many were read. Rows whose
    indicator is numbered (1.地区生产总值…) become tasks of `parsed`, so the 序号 is kept."""

    n = 0
    for header, rows, _offset in pipe_grids(text):
        if any(column_role(h) == "progress" for h in header):
            continue   # a task progress table: read by the task reader
        names = [i for i, h in enumerate(header) if _NAME.match(re.sub(r"\s+", "", h))]
        name_col = names[-1] if names else None    # 一级指标 | 二级指标: the finer level names the row
        cols = {i: value_column(h) for i, h in enumerate(header)}
        cols = {i: c for i, c in cols.items() if c is not None and i != name_col}
        if name_col is None or not any(r in ("target", "actual") for r, _ in cols.values()):
            continue
        unit_col = next((i for i, h in enumerate(header) if _UNIT.match(re.sub(r"\s+", "", h))), None)
        target_years = [y for r, y in cols.values() if r == "target" and y]
        periods = {i: normalise_period(header[i]) for i in cols}
        # the growth of a table of part of the year (1-6月完成 | 增长%) is this year's, not the last
        part_of_year = any(p not in (None, "全年") for p in periods.values())
        n += 1
        for row in rows:
            if name_col > 0 and row and _NUMBERED_NAME.match(row[0]):
                row = [""] * name_col + row      # the group cell is printed on the group's first row only
            if name_col >= len(row) or not row[name_col]:
                continue
            if unit_col is not None and unit_col < len(row) and _CELL.match(row[unit_col]) and \
                    not any(row[i].strip() for i in cols if i < len(row)):
                row = row[:unit_col] + [""] + row[unit_col:]     # a row printed without its unit cell
            task_seq = None
            numbered = _NUMBERED_NAME.match(row[name_col])
            if numbered and parsed is not None:
                task_seq = len(parsed.tasks) + 1
                parsed.tasks.append(TaskRecord(task_seq=task_seq, task_no=int(numbered.group(1)),
                                               task_key=numbered.group(1), task_text=row[name_col][numbered.end():],
                                               progress_text=None, status="unknown",
                                               section=" ".join(row[:name_col]).strip() or None))
                row = row[:name_col] + [row[name_col][numbered.end():]] + row[name_col + 1:]
            _read_row(row, name_col, unit_col, cols, target_years, year, out, task_seq, periods, part_of_year)
    return n


def _read_row(row, name_col, unit_col, cols, target_years, year, out: MeasureCollector,
              task_seq: int | None = None, periods: dict | None = None, part_of_year: bool = False) -> None:
    raw_name = row[name_col]
    name_unit = re.search(r"[（(]([^()（）]{1,8})[)）]?\s*$", raw_name)
    name = raw_name[: name_unit.start()].strip() if name_unit else raw_name.strip()
    unit = (row[unit_col].strip() if unit_col is not None and unit_col < len(row) and row[unit_col].strip() else None) \
        or (name_unit.group(1) if name_unit else None)
    growth_name = bool(re.search(r"(增长|增速|增幅|涨幅|降幅)", name)) or (unit in ("%", "％") and not _LEVEL_NAME.search(name))
    found: dict[tuple[str, int | None], float] = {}
    for i, (role, y) in cols.items():
        if i >= len(row) or not row[i].strip():
            continue
        v = _cell_value(row[i])
        if v is None or v[0] is None:
            continue
        value, comp, cell_unit = v
        evidence = row[i].strip()
        if role == "rate":
            actual = found.get(("actual", y)) or next((val for (r, _), val in found.items() if r == "actual"), None)
            target = found.get(("target", y)) or next((val for (r, _), val in found.items() if r == "target"), None)
            out.add_completion(task_seq=task_seq, stated_pct=value, evidence=evidence,
                               actual_value=actual, actual_unit=unit if actual is not None else None,
                               target_value=target, target_unit=unit if target is not None else None,
                               target_source="sentence" if target is not None else None)
            continue
        if role == "growth":
            out.add(task_seq=task_seq, role="actual", metric=name, value=value, unit="%", is_growth_rate=True,
                    comparator=comp, evidence=evidence,
                    reference_year=y or (year if part_of_year else (year - 1 if year else None)))
            continue
        if role == "actual" and y and target_years and y < max(target_years):
            role = "baseline"
        out.add(task_seq=task_seq, role=role, metric=name, value=value, unit=cell_unit or unit,
                is_growth_rate=growth_name, comparator=comp, evidence=evidence,
                reference_year=y or year, section="指标表",
                period_label=(periods or {}).get(i) if role == "actual" else None)
        found[(role, y)] = value
