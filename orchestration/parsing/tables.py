"""Tables in report text: pipe tables and tables flattened to one cell per line.

Columns are recognised by their header words (roles), never by position, so layouts such as
`序号 | 项目名称 | 责任单位 | 目标任务 | 1-8月实际完成情况 | 任务完成率 | 备注` read the same way as
`序号 | 重点工作 | 责任单位 | 进展情况`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# role -> header patterns, tried in order; the first role whose pattern matches a header wins.
COLUMN_ROLES: list[tuple[str, re.Pattern]] = [
    ("no", re.compile(r"^(序号|编号|序|No\.?)$", re.I)),
    ("rate", re.compile(r"完成率|完成比例|完成进度|完成百分比")),
    ("dept", re.compile(r"责任单位|牵头单位|责任部门|承办单位|主办单位|配合单位|责任领导|牵头部门")),
    ("progress", re.compile(r"进展|完成情况|推进情况|执行情况|实际完成|落实情况|实施情况|工作成效")),
    ("target", re.compile(r"^(目标任务|年度目标|目标值|任务目标|年度任务|计划目标|\d{4}年?目标)$")),
    ("task", re.compile(r"重点工作|工作任务|项目名称|工作内容|主要内容|重点任务|任务内容|目标任务|工作事项|事项|项目|指标名称|任务|工作目标|主要目标|目标|内容")),
    ("note", re.compile(r"备注|说明|下步|下一步|存在问题|困难|打算|时限|时间节点|完成时间")),
    ("category", re.compile(r"类别|领域|分类|板块")),
]


def column_role(header: str) -> str | None:
    h = re.sub(r"\s+", "", header)
    if re.search(r"下步|下一步|存在问题|时限|时间节点", h):
        return "note"
    for role, pat in COLUMN_ROLES:
        if pat.search(h):
            return role
    return None


def table_roles(headers: list[str]) -> list[str | None]:
    """Roles of a header row; of two task-like columns, the one naming a 目标 holds the targets."""
    roles = [column_role(h) for h in headers]
    tasks = [i for i, r in enumerate(roles) if r == "task"]
    if len(tasks) > 1 and "target" not in roles:
        for i in tasks:
            if re.search(r"目标|指标", headers[i]):
                roles[i] = "target"
                break
    return roles


@dataclass
class Table:
    headers: list[str]
    roles: list[str | None]
    rows: list[list[str]] = field(default_factory=list)
    truncated_rows: int = 0       # rows that ended before all columns were seen
    sections: dict[int, str] = field(default_factory=dict)   # row index -> heading row above it

    def section_of(self, row_index: int) -> str | None:
        starts = [i for i in self.sections if i <= row_index]
        return self.sections[max(starts)] if starts else None

    @property
    def header_period(self) -> str | None:
        """The period a progress column names: '1-8月实际完成情况' -> '1-8月'."""
        from .numbers import normalise_period

        for h, r in zip(self.headers, self.roles):
            if r == "progress":
                return normalise_period(h)
        return None

    def cell(self, row: list[str], role: str) -> str | None:
        """Text of the first column with `role` (joined if several columns share it)."""
        vals = [row[i] for i, r in enumerate(self.roles) if r == role and i < len(row) and row[i]]
        return "".join(vals) if vals else None


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
    hs = [re.sub(r"\s+", "", c) for c in cells]
    return any(_INDICATOR_NAME.match(h) for h in hs) and any(_VALUE_HEADER.search(h) for h in hs) \
        and "progress" not in [column_role(h) for h in hs]


def _is_header(cells: list[str]) -> bool:
    """A task table header: a task (or target) column and a 序号 or a progress column."""
    if any(len(c) > 16 or re.search(r"[。，,；;：:！？]", c) for c in cells):
        return False     # header cells are short labels; a data row that mentions 进展 or 任务 is not a header
    roles = [column_role(c) for c in cells]
    return ("no" in roles or "progress" in roles) and ("task" in roles or "target" in roles) \
        and len([r for r in roles if r]) >= 2 and not is_indicator_header(cells)


# a printed row number: 12, 12., 12、, (12), 3.1 (a sub-item)
_ROW_NO = re.compile(r"^\s*[（(]?(\d{1,4}(?:\.\d{1,2})?)[)）.、．]?\s*$")


def row_number(cell: str) -> tuple[int | None, str] | None:
    """(task_no, key) of a row-number cell: '12、' -> (12, '12'), '3.1' -> (None, '3.1'); None if not one."""
    m = _ROW_NO.match(cell or "")
    if not m:
        return None
    key = m.group(1)
    return (int(key) if key.isdigit() else None), key


def find_pipe_tables(text: str) -> list[Table]:
    """Pipe tables (`a | b | c |`), header recognised by column roles; multi-line cells joined."""
    lines = text.split("\n")
    tables: list[Table] = []
    current: Table | None = None
    open_row = False     # the last row did not end with '|': its last cell wraps onto the next line
    for i, line in enumerate(lines):
        if "|" not in line:
            if current is not None and line.strip():
                if open_row and current.rows:
                    current.rows[-1][-1] = (current.rows[-1][-1] + line.strip()).strip()
                    open_row = not line.rstrip().endswith("|")
                else:
                    current = None   # prose after the table: the table has ended
            continue
        cells = _split_pipe(line)
        open_row = not line.rstrip().endswith("|")
        if _is_header(cells):
            current = Table(headers=cells, roles=table_roles(cells))
            tables.append(current)
            continue
        if current is None or not any(cells):
            continue
        filled = [c for c in cells if c]
        if "no" not in current.roles:
            # no 序号 column: every row line is a task
            current.rows.append((cells + [""] * len(current.headers))[: max(len(current.headers), len(cells))])
            continue
        no_idx = current.roles.index("no")
        if len(filled) == 1 and len(filled[0]) <= 40 and not _ROW_NO.match(filled[0]) and len(cells) >= 2:
            # a row holding only a heading (一、经济发展): the section of the rows below
            current.sections[len(current.rows)] = filled[0]
            continue
        if no_idx < len(cells) and _ROW_NO.match(cells[no_idx] or ""):
            row = cells + [""] * (len(current.headers) - len(cells))
            if len(cells) < len(current.headers):
                current.truncated_rows += 1
            current.rows.append(row[: max(len(current.headers), len(cells))])
        elif current.rows:
            # continuation of the previous row's last cells (a cell that contained a line break)
            prev = current.rows[-1]
            for j, c in enumerate(cells):
                if c:
                    k = min(len(prev) - 1, len(prev) - len(cells) + j) if len(cells) < len(prev) else j
                    prev[k] = (prev[k] + c).strip()
    return [t for t in tables if t.rows]


def find_cell_per_line_tables(text: str) -> list[Table]:
    """Progress tables flattened to one cell per line: a run of header cells, then rows that
    start at the next 序号. Rows are cut at the expected next number."""
    cells = [c.strip() for c in text.split("\n")]
    idx = [i for i, c in enumerate(cells) if c]
    tables: list[Table] = []
    k = 0
    while k < len(idx):
        # a header is >= 3 consecutive non-empty cells, first '序号', each with a role
        if column_role(cells[idx[k]]) != "no":
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
        expected = 1
        row: list[str] = []
        while j < len(idx):
            c = cells[idx[j]]
            rn = row_number(c)
            if rn and rn[0] == expected and (not row or len(row) >= 2):
                if row:
                    table.rows.append(_fit(row, len(hdr), table))
                row = [c]
                expected += 1
            elif row:
                row.append(c)
            j += 1
            if row and len(row) > 3 * len(hdr):
                break
        if row:
            table.rows.append(_fit(row, len(hdr), table))
        tables.append(table)
        k = j
    return [t for t in tables if t.rows]


def _fit(row: list[str], n: int, table: Table) -> list[str]:
    if len(row) < n:
        table.truncated_rows += 1
        return row + [""] * (n - len(row))
    if len(row) > n:
        # extra cells are line-wrapped pieces of the longest text column: join the tail
        return row[: n - 1] + ["".join(row[n - 1:])]
    return row


def pipe_grids(text: str) -> list[tuple[list[str], list[list[str]], int]]:
    """Every block of consecutive pipe rows as (header cells, rows, offset of the header line)."""
    grids = []
    block: list[tuple[int, str]] = []
    pos = 0
    lines = text.split("\n")
    for i, line in enumerate(lines + [""]):
        if line.count("|") >= 2 and any(c for c in _split_pipe(line)):
            block.append((pos, line))
        else:
            if len(block) >= 2:
                header = _split_pipe(block[0][1])
                grids.append((header, [_split_pipe(row) for _, row in block[1:]], block[0][0]))
            block = []
        pos += len(line) + 1
    return grids
