"""Tables in report text: pipe tables and tables flattened to one cell per line.

Columns are recognised by their header words (roles), never by position, so layouts such as
`序号 | 项目名称 | 责任单位 | 目标任务 | 1-8月实际完成情况 | 任务完成率 | 备注` read the same way as
`序号 | 重点工作 | 责任单位 | 进展情况`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import UNIT_RE, UNITS, normalise_period

# role -> header patterns, tried in order; the first role whose pattern matches a header wins.
# Headers are compared without whitespace and without parenthesised notes (完成投(筹)资 -> 完成投资).
COLUMN_ROLES: list[tuple[str, re.Pattern]] = [
    ("no", re.compile(r"^(序号|序號|编号|序|No\.?)$", re.I)),
    ("note", re.compile(r"下步|下一步|存在问题|时限|时间节点|完成时间")),
    ("rate", re.compile(r"完成率|完成比例|完成进度|完成百分比|占.{0,4}(计划|目标|任务)|为计划|计划完成%")),
    ("dept", re.compile(r"责任单位|牵头单位|责任部门|承办单位|主办单位|配合单位|牵头部门|协办单位|实施单位|责任主体")),
    ("leader", re.compile(r"领导|负责人|责任人|联系人")),
    ("actual", re.compile(r"^(\d{1,2}[-—~至]?\d{0,2}月(份)?)?(累计|实际)?完成(投资|数|额|值|量|金额)?$|^实际完成(数|值|额)?$|^已完成(数|值|额|量|投资)$")),
    # (当前进度 / 形象进度: the progress of works, in words or a percent: progress, not a completion rate)
    ("progress", re.compile(r"进展|完成情况|推进情况|执行情况|实际完成|落实情况|实施情况|工作成效|进度")),
    ("target", re.compile(r"^(目标任务|年度目标|目标值|任务目标|年度任务|计划目标|\d{4}年?目标)$|"
                          r"计划投资|投资计划|计划数|目标数|任务数|计划金额|年度计划$")),
    ("task", re.compile(r"重点工作|工作任务|项目名称|工作内容|主要内容|重点任务|任务内容|目标任务|工作事项|事项|项目|实事|指标名称|任务|工作目标|主要目标|目标|内容|指标$")),
    ("note", re.compile(r"备注|说明|困难|打算")),
    ("category", re.compile(r"类别|领域|分类|板块|大类|类型")),
    ("unit", re.compile(r"^(计量)?单位$")),
]
_HEADER_NOTE = re.compile(r"[（(][^()（）]{0,12}[)）]")


_SPACES = re.compile(r"\s+")


def _header_key(header: str) -> str:
    """A header compared without whitespace and without parenthesised notes."""
    h = _SPACES.sub("", header)
    return _HEADER_NOTE.sub("", h) or h


def _is_no_header(cell: str) -> bool:
    """column_role(cell) == "no", tried alone ("no" is the first role): cheap on every line of a text."""
    return bool(COLUMN_ROLES[0][1].search(_header_key(cell)))


def column_role(header: str) -> str | None:
    h = _header_key(header)
    for role, pat in COLUMN_ROLES:
        if pat.search(h):
            return role
    return None


_HEADER_UNIT_NOTE = re.compile(r"[（(]\s*(?:单位[:：])?\s*([\u4e00-\u9fff/%]{1,5})\s*[)）]|单位[:：]\s*([\u4e00-\u9fff/%]{1,5})")
_UNIT_CHAR = re.compile(r"[元人户家个亿万吨米亩%项所座条套张辆台次]")


def header_unit(header: str) -> str | None:
    """The unit a header names: 年度计划投资(万元) -> 万元, 金额单位:万元 -> 万元."""
    m = _HEADER_UNIT_NOTE.search(header)
    if not m:
        return None
    unit = m.group(1) or m.group(2)
    return unit if _UNIT_CHAR.search(unit) else None


_TARGET_WORD = re.compile(r"目标|指标")


def table_roles(headers: list[str]) -> list[str | None]:
    """Roles of a header row; of two task-like columns, the one naming a 目标 holds the targets."""
    roles = [column_role(h) for h in headers]
    tasks = [i for i, r in enumerate(roles) if r == "task"]
    if len(tasks) > 1 and "target" not in roles:
        # (考核指标 | 工作目标: the 目标 column holds the targets, the 指标 column names them)
        named = [i for i in tasks if "目标" in headers[i]] or [i for i in tasks if _TARGET_WORD.search(headers[i])]
        if named:
            roles[named[0]] = "target"
    return roles


_MONTH_PROGRESS = re.compile(r"(?<!\d)(\d{1,2})月(?:份)?(?:底|末)?(?:累计)?(?:进展|完成|执行|实施|落实)")


@dataclass
class Table:
    headers: list[str]
    roles: list[str | None]
    rows: list[list[str]] = field(default_factory=list)
    truncated_rows: int = 0       # rows that ended before all columns were seen
    sections: dict[int, str] = field(default_factory=dict)   # row index -> heading row above it
    parts: dict[int, list[tuple[list[str], str | None]]] = field(default_factory=dict)  # row index -> its
    # un-numbered sub-rows, each with its source line
    totals: list[list[str]] = field(default_factory=list)    # 合计 / 小计 rows, aligned to the header
    lines: dict[int, str] = field(default_factory=dict)      # row index -> the source line of a one-line row
    unit: str | None = None       # a unit note over the table: 金额单位:万元
    span: tuple[int, int] = (0, 0)   # where the table is in the text (prose readers skip it)
    group: str | None = None      # a header cell split into sub-columns on the next line (2018年7月进展情况)

    def section_of(self, row_index: int) -> str | None:
        starts = [i for i in self.sections if i <= row_index]
        return self.sections[max(starts)] if starts else None

    @property
    def header_period(self) -> str | None:
        """The period a progress column names: '1-8月实际完成情况' -> '1-8月', '2018年7月进展情况' -> '1-7月'."""

        for h, r in [(self.group, "progress")] * bool(self.group) + list(zip(self.headers, self.roles)):
            if r in ("progress", "actual", "rate"):
                p = normalise_period(h)
                if p:
                    return p
                m = _MONTH_PROGRESS.search(_SPACES.sub("", h))
                if m:
                    return f"1-{int(m.group(1))}月"
        return None

    def unit_of(self, role: str) -> str | None:
        """Unit for bare numbers of a column: from its header, else the table's unit note."""
        for h, r in zip(self.headers, self.roles):
            if r == role and header_unit(h):
                return header_unit(h)
        return self.unit

    def cell(self, row: list[str], role: str) -> str | None:
        """Text of the first column with `role` (columns sharing a role joined by ' | ')."""
        vals = [row[i] for i, r in enumerate(self.roles) if r == role and i < len(row) and row[i]]
        return " | ".join(vals) if vals else None


def _split_pipe(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


_INDICATOR_NAME = re.compile(r"^(主要)?(指标|指标名称|指标项目)$")
_VALUE_HEADER = re.compile(r"目标|计划|预期|完成|实际|20\d\d")


def is_indicator_header(cells: list[str]) -> bool:
    """`指标 | 单位 | 目标 | 完成 …` without a progress column: an indicator table, not a task table."""
    hs = [_SPACES.sub("", c) for c in cells]
    return any(_INDICATOR_NAME.match(h) for h in hs) and any(_VALUE_HEADER.search(h) for h in hs) \
        and "progress" not in [column_role(h) for h in hs]


def _is_label_row(cells: list[str]) -> bool:
    """Header cells are short labels: no sentence punctuation, not a bare number."""
    filled = [c for c in cells if c]
    return bool(filled) and not any(len(re.sub(r"\s+", "", c)) > 16 or re.search(r"[。，,；;！？]", c) or
                                    re.fullmatch(r"[\d.%％\s-]+", c) for c in filled)


def _is_header(cells: list[str]) -> bool:
    """A task table header: a task (or target) column and a 序号 or a progress column."""
    if not _is_label_row(cells) or any(re.search(r"[：:]", c) for c in cells):
        return False     # a data row that mentions 进展 or 任务 is not a header
    roles = [column_role(c) for c in cells]
    # a 序号 or a progress column, or (a task list without either) responsible units and a third role
    anchored = "no" in roles or "progress" in roles or ("dept" in roles and len([r for r in roles if r]) >= 3)
    return anchored and ("task" in roles or "target" in roles) \
        and len([r for r in roles if r]) >= 2 and not is_indicator_header(cells)


def _is_sub_header(cells: list[str]) -> bool:
    """The second line of a wrapped header: short labels, at least one with a role, no row number."""
    filled = [c for c in cells if c]
    return _is_label_row(cells) and not row_number(filled[0]) and \
        any(column_role(c) in ("rate", "actual", "progress", "target", "note", "dept") for c in filled)


# a printed row number: 12, 12., 12、, (12), 3.1 (a sub-item)
_ROW_NO = re.compile(r"^\s*[（(]?(\d{1,4}(?:\.\d{1,2})?)[)）.、．]?\s*$")
_UNIT_NOTE = re.compile(r"^(?:金额|计量|数量|价值)?单位[:：]\s*(\S{1,6})$")
_TOTAL = re.compile(r"合\s*计|小\s*计|总\s*计")
_CN_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")
_CN_ORDINAL = re.compile(r"^\s*[（(]?[一二三四五六七八九十]{1,3}[)）、.．]?\s*$")


def row_number(cell: str) -> tuple[int | None, str] | None:
    """(task_no, key) of a row-number cell: '12、' -> (12, '12'), '3.1' -> (None, '3.1'); None if not one."""
    m = _ROW_NO.match(cell or "")
    if not m:
        return None
    key = m.group(1)
    return (int(key) if key.isdigit() else None), key


@dataclass
class _RawRow:
    cells: list[str]
    line: str | None          # the source line, while the row is on one line
    open: bool                # the line did not end with '|': its last cell wraps onto the next line


def find_pipe_tables(text: str) -> list[Table]:
    """Pipe tables (`a | b | c |`): a header recognised by its column roles (also wrapped over two
    lines), then rows aligned on their row number (a leading category column may be left empty),
    un-numbered sub-rows, 合计 rows and heading rows told apart; wrapped cells joined."""
    tables = []
    for header, sub, unit, raw, start, end in _segment_pipe_tables(text):
        table = _build_table(header, sub, unit, raw)
        table.span = (start, end)
        if table.rows:
            tables.append(table)
    return tables


def _segment_pipe_tables(text: str):
    """(header cells, sub-header cells, unit note, raw rows) of every pipe table in the text."""
    out = []
    current = None
    unit_note = None
    pos = 0
    for line in text.split("\n"):
        pos += len(line) + 1
        if current is not None:
            current[5] = pos - 1
        if "|" not in line:
            if current is not None and line.strip():
                raw = current[3]
                if raw and raw[-1].open:
                    raw[-1].cells[-1] = (raw[-1].cells[-1] + line.strip()).strip()
                    raw[-1].open, raw[-1].line = not line.rstrip().endswith("|"), None
                else:
                    current[5] = pos - len(line) - 1
                    current = None   # prose after the table: the table has ended
            m = _UNIT_NOTE.match(_SPACES.sub("", line))
            unit_note = m.group(1) if m else (unit_note if not line.strip() else None)
            continue
        cells = _split_pipe(line)
        filled = [c for c in cells if c]
        m = _UNIT_NOTE.match(_SPACES.sub("", filled[0])) if len(filled) == 1 else None
        if m:
            unit_note = m.group(1)
            continue
        if _is_header(cells):
            current = [cells, None, unit_note, [], pos - len(line) - 1, pos - 1]
            out.append(current)
            unit_note = None
            continue
        if current is None or not filled:
            continue
        if not current[3] and current[1] is None and _is_sub_header(cells):
            current[1] = cells
            continue
        open_row = not line.rstrip().endswith("|")
        if current[3] and current[3][-1].open:
            # the previous row's last cell went on over a line break: this line continues it
            prev = current[3][-1]
            prev.cells[-1] = (prev.cells[-1] + cells[0]).strip()
            prev.cells += cells[1:]
            prev.open, prev.line = open_row, None
            continue
        current[3].append(_RawRow(cells, line, open_row))
    return [tuple(t) for t in out]


def _width_from_no(raw: list[_RawRow]) -> int | None:
    """The most common number of cells from the row number on (complete rows only)."""
    from collections import Counter

    widths = Counter()
    for r in raw:
        k = next((j for j, c in enumerate(r.cells[:3]) if row_number(c)), None)
        if k is not None and not r.open:
            widths[len(r.cells) - k] += 1
    return widths.most_common(1)[0][0] if widths else None


def _merge_header(header: list[str], sub: list[str] | None, raw: list[_RawRow]) -> tuple[list[str], str | None]:
    """A header wrapped over two lines: the second line either continues it (more columns) or
    splits one grouped column (2018年7月进展情况 -> 完成投资 | 完成率 | 实施情况); the data rows'
    width decides."""
    if not sub:
        return header, None
    sub = [c for c in sub if c]
    appended = header + sub
    roles = [column_role(h) for h in header]
    group = next((i for i, r in enumerate(roles) if r in ("progress", "actual")), None)
    if group is None:
        return appended, None
    split = header[:group] + sub + header[group + 1:]
    width = _width_from_no(raw)
    no_idx = roles.index("no") if "no" in roles else 0
    if width is not None and width == len(split) - no_idx and width != len(appended) - no_idx:
        return split, header[group]
    return appended, None


def _build_table(header, sub, unit, raw: list[_RawRow]) -> Table:
    headers, group = _merge_header(header, sub, raw)
    table = Table(headers=headers, roles=table_roles(headers), unit=unit or header_unit(" ".join(headers)), group=group)
    n = len(headers)
    _notes_naming_units(table, raw)
    if "no" not in table.roles:
        for r in raw:      # no 序号 column: every row line is a task
            table.rows.append((r.cells + [""] * n)[: max(n, len(r.cells))])
            table.lines[len(table.rows) - 1] = r.line
        return table
    no_idx = table.roles.index("no")
    for r in raw:
        cells = r.cells
        filled = [c for c in cells if c]
        k = no_idx if no_idx < len(cells) and row_number(cells[no_idx]) else \
            (0 if no_idx > 0 and row_number(cells[0]) else None)
        if k is not None:
            row = [""] * (no_idx - k) + cells
            if table.rows and row_number(cells[k]) == row_number(table.rows[-1][no_idx]):
                # the same 序号 again: a merged cell repeated on each of its rows (DOCX, HTML rowspan)
                table.parts.setdefault(len(table.rows) - 1, []).append(((row + [""] * n)[:n], r.line))
                continue
            if k == no_idx and no_idx > 0 and any(cells[:no_idx]):
                # a category cell, printed on the first row of its group only
                section = " ".join(c for c in cells[:no_idx] if c)
                if section != table.section_of(len(table.rows)):
                    table.sections[len(table.rows)] = section
            if len(row) < n:
                table.truncated_rows += 1
            table.rows.append((row + [""] * n)[: max(n, len(row))])
            table.lines[len(table.rows) - 1] = r.line
            continue
        if len(filled) == 1 and len(filled[0]) <= 40:
            # a row holding only a heading (一、经济发展): the section of the rows below
            table.sections[len(table.rows)] = filled[0]
            continue
        if any(_TOTAL.search(c) for c in cells[:no_idx + 2]):
            if _CN_HEADING.match(filled[0]):
                table.sections[len(table.rows)] = filled[0]
            table.totals.append(_align_values(table, cells))
            continue
        if _CN_ORDINAL.match(cells[min(no_idx, len(cells) - 1)] or filled[0]):
            # 一 | 教育 | | : a group heading numbered with a Chinese ordinal
            table.sections[len(table.rows)] = " ".join(filled)
            continue
        if table.rows and len(filled) >= 2 and len(cells) >= n and not cells[no_idx].strip():
            # a full row whose 序号 cell is empty (merged with the row above): a sub-row in place
            table.parts.setdefault(len(table.rows) - 1, []).append((cells[:n], r.line))
            continue
        if table.rows and len(filled) >= 2 and n - no_idx - 2 <= len(cells) <= n - no_idx:
            # an un-numbered sub-row of the row above (one task, several lines of targets)
            table.parts.setdefault(len(table.rows) - 1, []).append(
                (([""] * (no_idx + 1) + cells + [""] * n)[:n], r.line))
            continue
        if table.rows:
            # continuation of the previous row's last cells (a cell that contained a line break)
            prev = table.rows[-1]
            table.lines.pop(len(table.rows) - 1, None)
            for j, c in enumerate(cells):
                if c:
                    kk = min(len(prev) - 1, len(prev) - len(cells) + j) if len(cells) < len(prev) else j
                    prev[kk] = (prev[kk] + c).strip()
    return table


def _notes_naming_units(table: Table, raw: list[_RawRow]) -> None:
    """A 备注 column that holds the names of the units responsible (人社局, 交通局), in a table without
    a 责任单位 column, is the responsible-unit column."""
    if "dept" in table.roles:
        return
    for i, role in enumerate(table.roles):
        if role != "note":
            continue
        cells = [r.cells[i] for r in raw if i < len(r.cells) and r.cells[i].strip()]
        if cells and sum(1 for c in cells if _cell_kind(c) == "dept") * 2 > len(cells):
            table.roles[i] = "dept"
            return


_VALUE_ROLES = ("target", "actual", "rate")


def _align_values(table: Table, cells: list[str]) -> list[str]:
    """A 合计 row has fewer cells than the header: its numbers fill the value columns in order."""
    row = [""] * len(table.headers)
    values = [c for c in cells if re.fullmatch(r"\s*-?\d+(?:\.\d+)?\s*[%％]?\s*", c)]
    cols = [i for i, r in enumerate(table.roles) if r in _VALUE_ROLES]
    for i, v in zip(cols, values):
        row[i] = v
    label = next((c for c in cells if _TOTAL.search(c)), "")
    task_col = next((i for i, r in enumerate(table.roles) if r == "task"), None)
    if task_col is not None:
        row[task_col] = label
    return row


# how the name of a unit ends (局, 委, 中心, 街道 ...)
UNIT_NAME_END = re.compile(r"(局|委|办|厅|部|院|所|站|队|处|室|馆|会|社|团|中心|公司|集团|政府|街道|镇|乡|村|园|区|县|市|省|科|组|行|台|校|署|司|班|厂|场|企业|单位|部门|指挥部)$")
_DEADLINE = re.compile(r"^((\d{1,2}|[一二三四五六七八九十]{1,3})月(底|末|份|中旬|上旬|下旬)?(前|内|以前)?|年底|年内|全年|长期|持续)[\u4e00-\u9fff]{0,6}$")


# the end of a web page's content: share buttons, print links
_PAGE_END = re.compile(r"^(分享到|打印本页|关闭窗口|【打印】|【关闭】|上一篇|下一篇|相关链接)[:：]?")


def _cell_kind(cell: str) -> str:
    c = cell.strip()
    if _DEADLINE.match(c):
        return "deadline"
    if len(c) <= 20 and UNIT_NAME_END.search(c) and not re.search(r"[。，,；;：:\d]", c):
        return "dept"
    if re.fullmatch(r"[-≥≤><]?\d[\d,.]*\s*[%％]?", c):
        return "number"
    return "text"


def find_cell_per_line_tables(text: str) -> list[Table]:
    """Progress tables flattened to one cell per line: a run of header cells, then rows that
    start at the next 序号 (the first need not be 1). A row with more or fewer cells than the
    header is rebuilt from what each cell is (a unit, a deadline, a number, text)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    # (a cell per line may keep the pipe that ended it: '新建社区食堂 |')
    cells = [c.strip().removesuffix("|").strip() if c.count("|") == 1 else c.strip() for c in lines]
    # (there a line holding the pipe alone is an empty cell, kept so the cells after it stay in their columns)
    idx = [i for i, c in enumerate(cells) if c or lines[i].strip() == "|"]
    tables: list[Table] = []
    k = 0
    while k < len(idx):
        # a header is >= 3 consecutive non-empty cells, first '序号', each with a role
        if not _is_no_header(cells[idx[k]]):
            k += 1
            continue
        hdr = []
        j = k
        while j < len(idx) and column_role(cells[idx[j]]) is not None and len(cells[idx[j]]) <= 12:
            hdr.append(cells[idx[j]])
            j += 1
        roles = table_roles(hdr)
        if len(hdr) < 3 or not ("task" in roles or "target" in roles) or \
                not ("progress" in roles or "dept" in roles) or is_indicator_header(hdr):
            k += 1
            continue
        table = Table(headers=hdr, roles=roles)
        expected = None
        row: list[str] = []
        last = j
        while j < len(idx):
            c = cells[idx[j]]
            if _PAGE_END.match(c):
                break
            rn = row_number(c)
            if rn and rn[0] is not None and (rn[0] == expected or expected is None) and (not row or len(row) >= 2):
                if row:
                    _add_flat_row(table, row)
                row = [c]
                expected = rn[0] + 1
            elif row:
                row.append(c)
            else:
                break
            last = j
            j += 1
            if row and len(row) > 3 * len(hdr):
                break
        if row:
            _add_flat_row(table, row)
        table.span = (offsets[idx[k]], offsets[idx[min(last, len(idx) - 1)] + 1] - 1)
        tables.append(table)
        k = j
    return [t for t in tables if t.rows]


def _add_flat_row(table: Table, row: list[str]) -> None:
    n = len(table.headers)
    if len(row) == n:
        table.rows.append(row)
        return
    if len(row) < n:
        table.truncated_rows += 1
    table.rows.append(_fit_by_kind(row, table))


def _fit_by_kind(row: list[str], table: Table) -> list[str]:
    """Cells -> columns by what they are: units go to the unit column (several units joined),
    deadlines to the 时限 column, text to the task column, then progress; text after a row's
    last column is an un-numbered sub-row (a second task under the same 序号)."""
    roles = table.roles
    out = [""] * len(roles)
    out[roles.index("no")] = row[0]

    def col(role):
        return roles.index(role) if role in roles else None

    text_cols = [i for i, r in enumerate(roles) if r in ("task", "target", "progress")]
    sub: list[str] | None = None
    for c in row[1:]:
        kind = _cell_kind(c)
        target = None
        if kind == "dept" and col("dept") is not None:
            target = col("dept")
            out[target] = f"{out[target]}、{c}" if out[target] else c
            continue
        if kind == "number" and sub is None:
            # a bare number or rate goes to the next empty value column (a rate to the rate column)
            cols = [col("rate")] if c.rstrip().endswith(("%", "％")) else \
                [i for i, r in enumerate(roles) if r in ("target", "actual", "progress")]
            free = [i for i in cols if i is not None and not out[i]]
            if free:
                out[free[0]] = c
                continue
        if kind == "deadline" and col("note") is not None:
            target = col("note")
            if sub is None and out[target]:
                continue
            (sub if sub is not None else out)[target] = c
            continue
        free_text = [i for i in text_cols if not out[i]]
        if free_text and sub is None:
            out[free_text[0]] = c
        else:
            sub = [""] * len(roles)
            sub[text_cols[0]] = c
            table.parts.setdefault(len(table.rows), []).append((sub, None))
    return out


_TOKEN = re.compile(r"\S+")
_ONE_UNIT = re.compile(f"{UNIT_RE}|[月年人户日天次]")
_UNIT_CELL = re.compile(r"[^\d\s]{1,8}")


def _space_cells(line: str, header: bool = False) -> list[str]:
    """The cells of a line whose columns are aligned with spaces. In a header, letters spaced out to
    fill a column (单 位, 备  注) are one cell."""
    tokens = _TOKEN.findall(line)
    if not header:
        return tokens
    out: list[str] = []
    spaced = False       # the cell being built is a run of single letters (工 作 任 务)
    for t in tokens:
        if len(t) == 1 and out and (spaced or (len(out[-1]) == 1 and not column_role(out[-1]))):
            out[-1] += t
            spaced = True
        else:
            out.append(t)
            spaced = False
    return out


def _is_unit_cell(cell: str) -> bool:
    """万人, 公里, 元/月/人, or the dash of a row without one."""
    if cell in ("-", "—"):
        return True
    return bool(_UNIT_CELL.fullmatch(cell)) and all(_ONE_UNIT.fullmatch(part) for part in cell.split("/"))


def _align_space_row(cells: list[str], roles: list[str | None]) -> list[str]:
    """A row with fewer cells than the header: a row without a 序号 is a sub-row (its cells start at
    the task column); a unit cell left empty is put back, so the numbers stay in their columns."""
    lead = 0 if row_number(cells[0]) else 1     # (the table builder puts a sub-row under the task column)
    if "unit" in roles and len(cells) + lead < len(roles):
        u = roles.index("unit") - lead
        if 0 <= u < len(cells) and not _is_unit_cell(cells[u]):
            cells = cells[:u] + [""] + cells[u:]
    return cells


def find_space_tables(text: str) -> list[Table]:
    """Tables whose columns are aligned with spaces (a spreadsheet pasted as text):
    `序号 指标 单位 年度目标 已完成 完成率 责任单位` then `1 新增就业 万人 3.5 4.2 120.0% 市人社局`.
    The header is a line of header words led by 序号; the rows are the lines after it that start with
    a row number, or hold figures (an un-numbered sub-row), up to prose or a blank line."""
    tables = []
    lines = text.split("\n")
    pos = 0
    offsets = []
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        line = lines[i]
        head = line.lstrip()[:3]
        if not (head.startswith(("序号", "序號")) and "|" not in line and "\t" not in line):
            i += 1
            continue
        header = _space_cells(line, header=True)
        if len(header) < 3 or not _is_header(header):
            i += 1
            continue
        roles = table_roles(header)
        raw, j, last_no = [], i + 1, 0
        while j < len(lines):
            row = lines[j].strip()
            cells = _space_cells(row)
            number = row_number(cells[0]) if cells else None
            numbered_next = bool(number) and number[0] == last_no + 1
            # (prose ends the table; a row numbered next may hold a sentence of progress)
            if not row or "|" in row or ("。" in row and not numbered_next):
                break
            if len(cells) < 2 or not (number or (re.search(r"\d", row) and len(header) >= 4)):
                break      # (a narrow table has no un-numbered sub-rows: a line of prose ends it)
            if number and number[0]:
                last_no = number[0]
            raw.append(_RawRow(_align_space_row(cells, roles), lines[j], False))
            j += 1
        if raw:
            table = _build_table(header, None, None, raw)
            table.span = (offsets[i], offsets[j - 1] + len(lines[j - 1]))
            if table.rows:
                tables.append(table)
        i = max(j, i + 1)
    return tables


# header words of tables whose cells lost their separators (序号项目名称主要内容牵头单位…)
_RUN_HEADER_WORDS = sorted(["序号", "序號", "项目名称", "项目", "主要内容", "工作内容", "建设内容", "具体内容", "工作任务", "重点工作", "重点任务", "目标任务", "任务内容", "实事项目", "民生实事", "年度目标", "目标", "分管领导", "分管区领导", "分管市领导", "分管县领导", "责任领导", "牵头领导", "牵头单位", "责任单位", "配合单位", "协办单位", "责任部门", "牵头部门", "完成时限", "时间节点", "完成时间", "进展情况", "完成情况", "备注"], key=len, reverse=True)
_RUN_HEADER = re.compile(r"(?:序号|序號)(?:(?:[区市县]政府)?(?:" + "|".join(_RUN_HEADER_WORDS) + r")){2,}")


def find_run_together_tables(text: str) -> list[Table]:
    """Tables whose cells ran together on one line (a document converted without separators):
    `序号项目名称主要内容牵头单位配合单位1增加教育资源供给…2促进就业…`. The header is a run of
    header words; each row starts at the next expected row number directly followed by text (not
    by a unit: 12个 is a count, 2、 a page marker). A repeated header (a page break) is skipped.
    Cells of a row cannot be told apart, so the row's text is the task."""

    tables = []
    for hm in _RUN_HEADER.finditer(text):
        if tables and hm.start() < tables[-1].span[1]:
            continue
        words = re.findall("|".join(_RUN_HEADER_WORDS), hm.group(0))
        roles = table_roles(words)
        if "task" not in roles and "target" not in roles:
            continue
        table = Table(headers=words, roles=roles)
        task_col = roles.index("task") if "task" in roles else roles.index("target")
        pos, expected, starts = hm.end(), None, []
        while True:
            pat = re.compile(r"(?<![\d.．第])(" + (str(expected) if expected else r"\d{1,3}") + r")(?![\d.．%％、,，)）])")
            m = pat.search(text, pos, pos + (3000 if expected else 20))
            while m and (any(text.startswith(u, m.end()) for u in UNITS) or
                         not re.match(r"[\u4e00-\u9fff“]", text[m.end():m.end() + 1])):
                m = pat.search(text, m.end(), pos + 3000)
            if not m:
                break
            starts.append((int(m.group(1)), m.start(), m.end()))
            expected, pos = int(m.group(1)) + 1, m.end()
        for k, (no, _a, b) in enumerate(starts):
            end = starts[k + 1][1] if k + 1 < len(starts) else min(len(text), b + 400)
            body = _RUN_HEADER.sub("", text[b:end]).strip()
            row = [""] * len(words)
            row[roles.index("no") if "no" in roles else 0] = str(no)
            row[task_col] = body
            table.rows.append(row)
        if starts:
            table.span = (hm.start(), starts[-1][2] + len(table.rows[-1][task_col]))
            table.truncated_rows = 1
            tables.append(table)
    return tables


def pipe_grids(text: str) -> list[tuple[list[str], list[list[str]], int]]:
    """Every block of consecutive pipe rows as (header cells, rows, offset of the header line)."""
    grids = []
    block: list[tuple[int, str]] = []
    pos = 0
    lines = text.split("\n")
    for _i, line in enumerate(lines + [""]):
        if line.count("|") >= 2 and any(c for c in _split_pipe(line)):
            block.append((pos, line))
        else:
            if len(block) >= 2:
                header = _split_pipe(block[0][1])
                grids.append((header, [_split_pipe(row) for _, row in block[1:]], block[0][0]))
            block = []
        pos += len(line) + 1
    return grids
