"""Indicator tables of 工作要点 attachments, flattened to one cell per line.

Columns come from the header words (类别, 序号, 标志性成果/重点工作, 指标名称, 2022实际, 2023目标,
重点任务, 责任单位, 指标属性); rows are rebuilt by reading what each cell *is*:

- a 序号 is the next expected integer followed by text (not a value or a unit);
- a value is a number with an optional comparator (≥90, >20000, 80.0左右) or a short text target
  (稳步提升, 完成上级下达目标); 暂无 / 暂未发布 mean no figure;
- an indicator name is text followed, within a few cells, by a value; names split over several
  cells (企业减负 | 降本金额 | (亿元)) are joined, and a name after a complete row starts a sub-row
  (merged 序号 cells);
- a text cell right before the next 序号 is a category; numbered or long text is a key-task text;
  anything else after the values is a responsible unit or the attribute (省评价 ...).

Items of attachments with an item column (标志性成果, 重点工作, 重大改革) become tasks and their
indicators measures of those tasks; rows of plain indicator tables become one task each, so their
responsible units can be recorded. Value columns: the earlier year is the baseline, the later the target.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .collector import MeasureCollector
from .numbers import comparator_at, parse_number
from .progress import split_departments
from .records import DepartmentRecord, ParsedReport, TaskRecord
from .units import is_known_unit

_ATTACHMENT = re.compile(r"^\s*附件\s*(\d{1,2})\s*$")
_NUMERIC = re.compile(r"^\s*(?P<pre>[≥≤><＞＜]=?)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|％)?\s*(?P<post>左右|以上|以下|以内)?\s*$")
_NO_DATA = re.compile(r"^(暂无|暂未发布|暂未公布|无|—+|-+|/|／)$")
# text targets are whole short phrases: 稳步提升, 保持稳定, 完成上级下达目标, 高于本年度全省平均数 ...
_TEXT_VALUE = re.compile(r"^((稳步|逐步|持续|进一步)(提升|提高|下降|降低|增长|增加)|保持稳定|稳定|(维持|保持)在?合理区间|降幅趋缓|"
                         r"完成(上级|省市|省|市)?下达的?(指标)?(目标)?(任务)?|(高于|不低于|低于|优于)[^，。]{0,14}|通过|创成)$")
_ATTR = re.compile(r"^(省|市|区|县)?(新增)?(评价|观察|监测|考核)$")
_DEPT_END = re.compile(r"(局|办|办公室|部|委|中心|公司|法院|检察院|工商联|妇联|总会|团区委|机关|大队|街道|政府|集团|卫生健康|生态环境|"
                       r"自然资源和规划|文广旅|社建委|共富办)$")
_LONG = re.compile(r"^\d{1,2}\s*[.、．]\s*\S")
_UNIT_CHARS = re.compile(r"^[%‰元万亿千百个人户家项件岁年分吨米平方公里亩标箱辆次天小时座所张床套/微克立升度]+$")
_ITEM_HEADER = re.compile(r"^(标志性成果|重点工作|重大改革|重点项目|工作任务)$")
_HEADER_WORDS = re.compile(r"^(类别|序号|指标名称|单位|计量单位|实际|目标|实际值|目标值|责任单位|指标属性|重点任务|重点打造的成果|备注|"
                           r"\d{4}年?|\d{4}年?(实际|目标)值?|标志性成果|重点工作|重大改革|重点项目|工作任务)$")


@dataclass
class Cell:
    text: str
    start: int       # offset of the cell text in the report text
    end: int


@dataclass
class Row:
    seq: int | None
    item: str | None = None
    name_cells: list[Cell] = field(default_factory=list)
    values: list[Cell] = field(default_factory=list)
    depts: list[str] = field(default_factory=list)
    attr: str | None = None
    category: str | None = None
    unit: str | None = None     # from a 单位 column
    parent: str | None = None   # the shared first name cell of a merged row (庭可支配收入 | 10-50万元 / 20-60万元)
    sub: int = 0
    phase: str = "start"    # start -> item -> name -> values -> after


@dataclass
class Layout:
    has_item: bool
    baseline_year: int | None
    target_year: int | None
    has_unit: bool = False     # a 单位 column: the cell after the name is the unit


def _cells(text: str, start: int, end: int) -> list[Cell]:
    out = []
    pos = start
    for line in text[start:end].split("\n"):
        s = line.strip()
        if s:
            lo = pos + line.index(s)
            out.append(Cell(s, lo, lo + len(s)))
        pos += len(line) + 1
    return out


def _is_value(s: str) -> bool:
    return bool(_NUMERIC.match(s)) or bool(_NO_DATA.match(s)) or (
        len(s) <= 16 and bool(_TEXT_VALUE.match(s)))


def _unit_like(s: str) -> bool:
    return is_known_unit(s) or s in ("%", "％", "‰") or bool(re.fullmatch(r"[^\d\s]{1,3}/[^\d\s]{1,3}", s))


_DEPT_SEPARATOR = re.compile(r"[、,，;；]")
_TRAILING_BRACKET = re.compile(r"[（(][^)）]*[)）]?$")


def _is_dept(s: str) -> bool:
    """A responsible-unit cell: every part (split on 、,) ends like a unit name, or is marked *."""
    if len(s) > 80 or _NUMERIC.match(s) or _LONG.match(s):
        return False
    parts = [p for p in _DEPT_SEPARATOR.split(s) if p.strip()]
    if not parts:
        return False
    def unit_like(p):
        p = _TRAILING_BRACKET.sub("", p.strip().lstrip("*＊")).rstrip(")）等")
        return bool(_DEPT_END.search(p))
    return s.lstrip().startswith(("*", "＊")) or all(unit_like(p) for p in parts)


def _layout(header: list[str]) -> Layout:
    joined = "".join(header)
    base = re.search(r"(20\d\d)年?(实际|完成)", joined)
    tgt = re.search(r"(20\d\d)年?目标", joined)
    years = [int(y) for y in re.findall(r"20\d\d", joined)]
    b = int(base.group(1)) if base else (min(years) if years else None)
    t = int(tgt.group(1)) if tgt else (max(years) if years else None)
    return Layout(has_item=any(_ITEM_HEADER.match(h) for h in header), baseline_year=b, target_year=t,
                  has_unit=any(h in ("单位", "计量单位") for h in header))


_SPACES = re.compile(r"\s+")
_UNIT_IN_BRACKETS = re.compile(r"[（(]([^()（）]*)[)）]?$")


def _split_name(cells: list[Cell]) -> tuple[str, str | None]:
    """Name cells -> (name, unit from the parentheses): '村集体经济经营性收入(万元' -> ('村集体经济经营性收入', '万元'),
    '营业收入' | '(亿元)' -> ('营业收入', '亿元'), '人口出生率 ()' -> ('人口出生率', None). A unit closing any
    cell is taken off that cell, so '满意度(%' | '食品(%' reads as '满意度食品' in %."""
    unit, parts = None, []
    for c in cells:
        text = _SPACES.sub("", c.text)
        m = _UNIT_IN_BRACKETS.search(text)
        if m and (m.group(1) == "" or _UNIT_CHARS.match(m.group(1)) or is_known_unit(m.group(1))):
            unit = m.group(1) or unit
            text = text[: m.start()]
        parts.append(text)
    name = "".join(parts).strip("|｜ ")
    return name, unit.replace("％", "%") if unit else None


def _find_attachments(text: str) -> list[tuple[int, int, int]]:
    """(attachment number, start, end) for every standalone 附件N heading."""
    if "附件" not in text:
        return []
    heads = []
    pos = 0
    for line in text.split("\n"):
        m = _ATTACHMENT.match(line)
        if m:
            heads.append((int(m.group(1)), pos))
        pos += len(line) + 1
    return [(n, s, heads[i + 1][1] if i + 1 < len(heads) else len(text)) for i, (n, s) in enumerate(heads)]


def _indicator_attachments(text: str) -> list[tuple[int, int, int, list[Cell]]]:
    """(number, start, end, cells) of the attachments that are indicator tables (序号 and 指标名称).
    Asked twice for one report's text (spans, then reading): the last answer is kept."""
    last_text, last_found = _last_attachments[0]     # one read of one tuple: safe if threads share it
    if last_text is text:
        return last_found
    found = []
    for number, start, end in _find_attachments(text):
        cells = _cells(text, start, end)
        names = [c.text for c in cells]
        if "指标名称" in names and "序号" in names:
            found.append((number, start, end, cells))
    _last_attachments[0] = (text, found)
    return found


_last_attachments: list[tuple] = [(None, [])]


def indicator_attachment_spans(text: str) -> list[tuple[int, int]]:
    """Where the indicator attachments are: the other readers leave them to this one."""
    return [(start, end) for _, start, end, _ in _indicator_attachments(text)]


def read_indicator_attachments(text: str, year: int | None, parsed: ParsedReport, out: MeasureCollector) -> None:
    for number, _start, _end, cells in _indicator_attachments(text):
        names = [c.text for c in cells]
        first = names.index("序号")
        # header: the header words around 序号 (类别 may come first)
        h0 = first
        while h0 > 0 and _HEADER_WORDS.match(names[h0 - 1]):
            h0 -= 1
        h1 = first
        while h1 < len(names) and _HEADER_WORDS.match(names[h1]):
            h1 += 1
        layout = _layout(names[h0:h1])
        rows = _read_rows(cells[h1:], layout)
        _emit(rows, number, layout, year, parsed, out, text)


def _read_rows(cells: list[Cell], layout: Layout) -> list[Row]:
    rows: list[Row] = []
    cur: Row | None = None
    expected = 1
    category = None
    cells = [c for c in cells if not c.text.startswith(("注:", "注：", "备注"))]

    def nxt(i, k=1):
        return cells[i + k].text if i + k < len(cells) else ""

    def close():
        if cur is not None:
            rows.append(cur)

    i = 0
    while i < len(cells):
        c = cells[i]
        s = c.text
        is_num_seq = s.isdigit() and int(s) == expected
        mid_values = cur is not None and cur.phase in ("name", "values") and len(cur.values) < 2
        if is_num_seq and not _is_value(nxt(i)) and not (mid_values and _is_dept(nxt(i))):
            close()
            cur = Row(seq=int(s), category=category)
            expected = int(s) + 1
        elif cur is None:
            if not (s.isdigit() and int(s) == expected):
                category = s if len(s) <= 30 else category   # a 序号 followed by a value opens no row
        elif _ATTR.match(s):
            cur.attr = s
            cur.phase = "after" if cur.phase == "values" else cur.phase
        elif layout.has_unit and cur.phase == "name" and not cur.values and cur.unit is None and _unit_like(s):
            cur.unit = s.replace("％", "%")
        elif _is_value(s) and cur.phase in ("name", "values") and len(cur.values) < 2:
            cur.values.append(c)
            cur.phase = "values"
        elif _LONG.match(s) or len(s) > 40:
            cur.phase = "after" if cur.phase == "values" else cur.phase
        elif cur.phase in ("values", "after"):
            j = _name_until_value(cells, i, expected)
            if j is not None and _is_dept(s) and _name_until_value(cells, i + 1, expected) is not None:
                j = None   # a unit cell, and the indicator name starts at the next cell
            if j is not None and not s.startswith(("*", "＊")):
                close()
                parent = cur.parent or (_split_name(cur.name_cells[:1])[0] if len(cur.name_cells) > 1 else None)
                cur = Row(seq=cur.seq, item=cur.item, category=cur.category,
                          sub=cur.sub + 1, phase="name", name_cells=cells[i:j], parent=parent)
                i = j
                continue
            if nxt(i).isdigit() and int(nxt(i)) == expected and not _is_dept(s):
                category = s
            else:
                cur.depts.append(s)
                cur.phase = "after"
        elif cur.phase == "start" and layout.has_item:
            cur.item, cur.phase = s, "item"
        elif _is_dept(s) and cur.phase == "name" and not cur.values and _name_until_value(cells, i, expected) is None:
            cur.depts.append(s)
        else:
            cur.name_cells.append(c)
            cur.phase = "name"
        i += 1
    close()
    return rows


def _name_until_value(cells: list[Cell], i: int, expected: int, limit: int = 4) -> int | None:
    """Index of the first value cell if cells[i:] are name parts followed by a value.

    A number equal to the next expected 序号 and followed by text is a 序号, not a value."""
    if i >= len(cells) or _is_value(cells[i].text):
        return None
    for j in range(i + 1, min(len(cells), i + limit + 1)):
        s = cells[j].text
        after = cells[j + 1].text if j + 1 < len(cells) else ""
        if s.isdigit() and int(s) == expected and not _is_value(after):
            return None
        if _is_value(s):
            return j
        if _ATTR.match(s) or _LONG.match(s) or s.isdigit() or (_is_dept(s) and "(" not in s):
            return None
    return None


def _emit(rows: list[Row], number: int, layout: Layout, year: int | None, parsed: ParsedReport,
          out: MeasureCollector, text: str) -> None:
    text_tasks: dict[int, TaskRecord] = {}
    for row in rows:
        if row.seq is None:
            continue
        task = text_tasks.get(row.seq)
        if task is None:
            name, _ = _split_name(row.name_cells)
            task_text = row.item or name
            if not task_text:
                continue
            task = TaskRecord(task_seq=len(parsed.tasks) + 1, task_no=row.seq, task_key=f"附件{number}-{row.seq}",
                              task_text=task_text, progress_text=None, status="unknown",
                              section=f"附件{number}" + (f" {row.category}" if row.category else ""),
                              attribute=row.attr)
            parsed.tasks.append(task)
            text_tasks[row.seq] = task
        if row.attr and not task.attribute:
            task.attribute = row.attr
        known = {d.department_name for d in parsed.departments if d.task_seq == task.task_seq}
        for name, lead in split_departments("、".join(row.depts)):
            if name not in known:
                pos = sum(1 for d in parsed.departments if d.task_seq == task.task_seq) + 1
                parsed.departments.append(DepartmentRecord(task.task_seq, pos, name, lead))
                known.add(name)
        _emit_values(row, task, layout, year, out, text)


_GROWTH_NAME = re.compile(r"(增速|增长率|增幅|下降率)")


def _emit_values(row: Row, task: TaskRecord, layout: Layout, year: int | None, out: MeasureCollector,
                 text: str) -> None:
    if not row.name_cells or not row.values:
        return
    name_cells = row.name_cells
    if layout.has_unit and row.unit is None and len(name_cells) > 1 and _unit_like(name_cells[-1].text):
        row.unit, name_cells = name_cells[-1].text, name_cells[:-1]   # a sub-row's own unit cell
    metric, unit = _split_name(name_cells)
    unit = unit or row.unit
    if row.parent and (len(metric) <= 6 or metric[:1].isdigit()):
        metric = row.parent + metric     # a sub-row named only by its qualifier
    growth = bool(_GROWTH_NAME.search(metric))
    roles = ["baseline", "target"] if len(row.values) == 2 else ["target"]
    for role, cell in zip(roles, row.values):
        s = cell.text
        if _NO_DATA.match(s):
            continue
        ref_year = layout.baseline_year if role == "baseline" else (layout.target_year or year)
        span_start = row.name_cells[0].start
        lo, hi = (span_start, cell.end) if cell.end - span_start <= 200 else (cell.start, cell.end)
        evidence = text[lo:hi]
        m = _NUMERIC.match(s)
        if m:
            value = parse_number(m.group("num"))
            comp = "="
            if m.group("pre") or m.group("post"):
                comp, _, _ = comparator_at(s, m.start("num"), m.end("num") if not m.group("unit") else m.end("unit"),
                                         m.group("pre"))
            out.add(task_seq=task.task_seq, role=role, metric=metric, value=value,
                    unit=unit or (m.group("unit") and "%"), is_growth_rate=growth, comparator=comp,
                    evidence=evidence, reference_year=ref_year, section=task.section)
        else:
            out.add(task_seq=task.task_seq, role=role, metric=metric, value=None, unit=unit, is_growth_rate=growth,
                    comparator="=", evidence=evidence, reference_year=ref_year,
                    value_text=s, section=task.section)

