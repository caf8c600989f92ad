"""Numbered task lists outside tables: 民生实事, 为民办实事, 十件实事, 任务分工 and 责任分解 lists.

An item starts at a row marker at the start of a line — `1.` `1、` `（一）` `(1)` `①`, or a number alone
on its line with the item on the next line — and runs to the next item of the same run. A run is a
sequence of one marker style with consecutive numbers (it need not start at 1: a page may begin
mid-list). A run is a task list, not numbered prose, when its items are short and it shows what task
lists show: responsible units (牵头单位：…, 责任单位：…, （责任单位：…）), a heading that names a
list of tasks (民生实事, 任务分解, 责任分工 …), or progress stated item by item (为计划的101%, 已完成).

Each item becomes a row dict like a table row (see progress.tasks_from_table): its text, its units,
and, when the item states what was done, its text as progress (so its numbers are actuals).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from .numbers import parse_number

_CN_NUM = "一二三四五六七八九十"
_CIRCLED_CHARS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_MARKERS = [
    ("dot", re.compile(r"^\s*(\d{1,3})\s*[.、．。](?!\d)\s*(?=\S)")),
    ("paren", re.compile(r"^\s*[（(](\d{1,2})[)）]\s*(?=\S)")),
    ("cn_paren", re.compile(rf"^\s*[（(]([{_CN_NUM}]{{1,3}})[)）]\s*(?=\S)")),
    ("circled", re.compile(r"^\s*([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*(?=\S)")),
    # 一、新建…（市教育局牵头）: a task list only when its items name their units (else these are headings)
    ("cn_dun", re.compile(rf"^\s*([{_CN_NUM}]{{1,3}})、\s*(?=\S)")),
    ("alone", re.compile(r"^\s*(\d{1,3})\s*$")),
]
_HEADING = re.compile(rf"^\s*(?:[{_CN_NUM}]{{1,3}}、|[（(][{_CN_NUM}]{{1,3}}[)）]|第[{_CN_NUM}]+部分|附件)")
_DEPT_WORDS = r"牵头单位|责任单位|配合单位|责任部门|牵头部门|主办单位|协办单位|参与单位|实施单位|配合部门"
_DEPT_LABEL = re.compile(rf"^\s*[（(]?\s*({_DEPT_WORDS})\s*[:：]")
_DEADLINE = re.compile(r"^\s*(完成时限|时间节点|完成时间|时限)\s*[:：]")
_PROGRESS_LINE = re.compile(r"^\s*(?:实际完成情况|完成情况|进展情况|推进情况|落实情况)\s*[:：]")
# （市教育局牵头） / （区住建局牵头，各街道配合）: the lead unit named in a note after the task
_LEAD_NOTE = re.compile(r"[（(]([^（）()：:]{2,40}?)牵头(?:[，,、；;]\s*([^（）()：:]{2,60}?)配合)?[)）]")
# labelled fields inside an item: '… 牵头领导:张三 责任单位:市交通局 实际完成情况:已通车。'
_FIELD = re.compile(rf"[（(]?\s*(?P<label>{_DEPT_WORDS}|牵头领导|责任领导|分管领导|分管区领导|分管市领导|分管县领导|"
                    r"项目责任人|责任人|联系人|实际完成情况|完成情况|进展情况|推进情况|落实情况|完成时限|时间节点|完成时间)\s*[:：]")
_PROGRESS_LABELS = ("实际完成情况", "完成情况", "进展情况", "推进情况", "落实情况")
_LIST_CUE = re.compile(r"实事|民生项目|任务分解|责任分工|分工方案|责任分解|任务清单|工作清单|项目清单|目标任务|督查|督办|"
                       r"完成情况|进展情况|重点工作任务")
_PROGRESS_CUE = re.compile(r"为计划的|占(?:全年|年度)?计划|完成率|已完成|已建成|已全部|已开工|已投用|累计完成|完成年度|完成全年|超额完成")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
MAX_ITEM_FIRST_LINE = 100     # numbered paragraphs of prose are longer than list items
MAX_ITEM_BODY = 400


def _number(style: str, token: str) -> int | None:
    if style == "circled":
        return _CIRCLED.index(token) + 1
    if style in ("cn_paren", "cn_dun"):

        v = parse_number(token)
        return int(v) if v else None
    return int(token)


@dataclass
class Item:
    number: int
    line: int                 # index of the marker line
    text_lines: list[str] = field(default_factory=list)
    dept_lines: list[str] = field(default_factory=list)
    section: str | None = None


@dataclass
class TaskList:
    items: list[Item]
    section: str | None
    start: int                # character span of the list in the text (prose readers skip it)
    end: int


# an item marker inside a paragraph: '…试运营。 2.新增安装…' (after a space or the end of a sentence)
_INLINE_MARKER = re.compile(r"(?=\d)(?:(?<=\s)|(?<=[。；;]))(\d{1,2})[.、．](?!\d)(?=[\u4e00-\u9fff“])")


def _segments(text: str) -> list[tuple[int, str]]:
    """(offset, line) of each line; a line holding several consecutive inline items (1.… 2.… 3.…)
    is cut before each of them, so a list printed as one paragraph reads like one item per line."""
    out, pos = [], 0
    for line in text.split("\n"):
        cuts = []
        if len(line) > 80:
            marks = [(m.start(), int(m.group(1))) for m in _INLINE_MARKER.finditer(line)]
            run: list[tuple[int, int]] = []
            for start, n in marks:
                if run and n == run[-1][1] + 1:
                    run.append((start, n))
                elif not run or len(run) < 3:
                    run = [(start, n)]
            if len(run) >= 3:
                cuts = [a for a, _ in run]
        prev = 0
        for c in cuts + [len(line)]:
            if c > prev or c == len(line):
                out.append((pos + prev, line[prev:c]))
            prev = c
        pos += len(line) + 1
    return out


# every marker starts (after spaces) with a digit, a parenthesis or a circled number: a line that
# does not is not tried against each of them
_MARKER_START = re.compile(rf"\s*[\d（({_CIRCLED_CHARS}{_CN_NUM}]")


def _markers(lines: list[str]) -> list[tuple[int, str, int, str]]:
    """(line index, style, number, text after the marker) of every line that starts with a marker."""
    out = []
    starts = _MARKER_START.match
    for i, line in enumerate(lines):
        if not starts(line):
            continue
        for style, pat in _MARKERS:
            m = pat.match(line)
            if not m:
                continue
            if style == "alone":
                nxt = next((x for x in lines[i + 1:i + 4] if x.strip()), "")
                if not nxt.strip() or re.fullmatch(r"\s*[\d.%％]+\s*", nxt) or "|" in nxt:
                    break
            n = _number(style, m.group(1))
            if n:
                out.append((i, style, n, line[m.end():].strip()))
            break
    return out


def _runs(markers):
    """Runs of one style with consecutive numbers."""
    runs: list[list[tuple[int, str, int, str]]] = []
    open_runs: dict[str, list] = {}
    for mk in markers:
        _, style, n, _ = mk
        run = open_runs.get(style)
        if run is not None and n == run[-1][2] + 1:
            run.append(mk)
            continue
        run = [mk]
        runs.append(run)
        open_runs[style] = run
    return [r for r in runs if len(r) >= 2]


_IN_BRACKETS = re.compile(r"^[（(](.*)[)）]$")


def find_task_lists(text: str, title: str | None = None) -> list[TaskList]:
    segs = _segments(text)
    lines = [line for _, line in segs]
    offsets = [o for o, _ in segs] + [len(text) + 1]
    lists = []
    taken: list[tuple[int, int]] = []     # line ranges of the lists found
    # arabic-numbered items first: under （一）… headings they are the tasks, the headings their sections
    for run in sorted(_runs(_markers(lines)), key=lambda r: (r[0][1] in ("cn_paren", "cn_dun"), r[0][0])):
        last_line = _end_of_last_item(lines, run[-1][0], run[-1][1])
        if any(a <= run[-1][0] and run[0][0] < b for a, b in taken):
            continue
        items = []
        section = _heading_above(lines, run[0][0])
        for k, (i, style, n, first) in enumerate(run):
            last = run[k + 1][0] if k + 1 < len(run) else _end_of_last_item(lines, i, style)
            if k:
                # a heading between two items (二、医疗) starts a new section of the same list
                section = next((lines[j].strip() for j in range(i - 1, run[k - 1][0], -1)
                                if _HEADING.match(lines[j])), section)
            item = Item(number=n, line=i, section=section)
            body = ([first] if first else []) + [lines[j].strip() for j in range(i + 1, last)]
            for b in body:
                if not b:
                    continue
                if _HEADING.match(b):
                    break
                if _DEPT_LABEL.match(b):
                    item.dept_lines.append(_IN_BRACKETS.sub(r"\1", b.strip()))
                elif not _DEADLINE.match(b):
                    item.text_lines.append(b)
            items.append(item)
        if not _is_task_list(items, lines, run[0][0], title, strict=run[0][1] == "cn_dun"):
            continue
        end_line = last_line
        taken.append((run[0][0], end_line))
        lists.append(TaskList(items=items, section=items[0].section,
                              start=offsets[run[0][0]], end=offsets[min(end_line, len(lines))]))
    return sorted(lists, key=lambda x: x.start)


def _end_of_last_item(lines: list[str], i: int, style: str) -> int:
    """The last item of a run takes its own text and the labelled lines after it (牵头单位：…)."""
    j = i + 1
    if style == "alone":
        while j < len(lines) and not lines[j].strip():
            j += 1
        j += 1                       # the item's text, on the line after its number
    while j < len(lines) and (not lines[j].strip() or _DEPT_LABEL.match(lines[j]) or _DEADLINE.match(lines[j])
                              or _PROGRESS_LINE.match(lines[j])):
        j += 1
    while j > i + 1 and not lines[j - 1].strip():
        j -= 1
    return j


_SENTENCE_END = re.compile(r"[。；;]")


def _heading_above(lines: list[str], i: int) -> str | None:
    for j in range(i - 1, max(-1, i - 8), -1):
        s = lines[j].strip()
        if s and len(s) <= 40 and not _SENTENCE_END.search(s):
            return s
    return None


def _is_task_list(items: list[Item], lines: list[str], first_line: int, title: str | None,
                  strict: bool = False) -> bool:
    """`strict`: items numbered 一、二、 are a task list only when they name their units."""
    firsts = [_FIELD.split(it.text_lines[0])[0] if it.text_lines else "" for it in items]
    bodies = ["".join(it.text_lines) for it in items]
    if not any(firsts):
        return False
    labelled = sum(1 for it, b in zip(items, bodies)
                   if it.dept_lines or (_FIELD.search(b) and re.search(_DEPT_WORDS, b)) or _LEAD_NOTE.search(b))
    if labelled * 2 >= len(items):
        return True       # responsible units item by item: a 责任分解 list, however long its items
    if strict:
        return False
    whole = [b for b in bodies if len(b) >= 20]      # (not an item cut by the end of the text)
    if whole and sum(1 for b in whole if _progress_start(b)) * 2 >= len(whole):
        return True       # the task, then 上半年，… what was done: a 督查 list, however long its items
    if median(len(f) for f in firsts) > MAX_ITEM_FIRST_LINE or median(len(b) for b in bodies) > MAX_ITEM_BODY:
        return False      # numbered paragraphs of a report, not a list of tasks
    # (the last item's paragraph is not taken into the item, so its heading alone counts)
    if sum(1 for k, it in enumerate(items) if (len(it.text_lines) > 1 or k == len(items) - 1) and it.text_lines
           and _is_heading_line(it.text_lines[0])) * 2 > len(items):
        return False      # (一)收入情况 ⏎ paragraph: numbered sections of a report, not a list of tasks
    if sum(1 for f in firsts if _PROGRESS_CUE.search(f)) * 2 >= len(items):
        return True
    above = " ".join(x for x in lines[max(0, first_line - 6):first_line] if len(x.strip()) <= 40)
    return bool(_LIST_CUE.search(above) or _LIST_CUE.search(title or ""))


_SENTENCE_PUNCT = re.compile(r"[。，,；;：:！？]")


def _is_heading_line(line: str) -> bool:
    """A short line without sentence punctuation, with its paragraph on the next lines."""
    return len(line) <= 30 and not _SENTENCE_PUNCT.search(line)


def rows_from_list(task_list: TaskList, first_seq: int) -> list[dict]:
    """Items -> row dicts in the shape progress.read_task_row reads."""
    rows = []
    for k, it in enumerate(task_list.items):
        text, fields = _split_fields("\n".join(it.text_lines))
        depts = list(it.dept_lines) + [f"{label}:{value}" for label, value in fields if re.fullmatch(_DEPT_WORDS, label)]
        note = _LEAD_NOTE.search(text)
        if note:
            # （市教育局牵头，市财政局配合）: the units named in a note after the task
            depts.append(f"{note.group(1)}（牵头）" + (f"、{note.group(2)}" if note.group(2) else ""))
            text = (text[:note.start()] + text[note.end():]).strip()
        stated = [value for label, value in fields if label in _PROGRESS_LABELS]
        split = _progress_start(text) if not stated else 0
        if split:
            # 新建5G基站600个。上半年，新建5G基站320个。: the task, then its progress
            text, stated = text[:split].strip(), [text[split:].strip()]
        done = bool(_PROGRESS_CUE.search(text)) and not stated
        rows.append({
            "task_seq": first_seq + k,
            "task_no": it.number,
            "task_key": str(it.number),
            "task_text": text,
            "target_text": None,
            "actual_text": None,
            "progress_text": text if done else ("\n".join(stated) or None),
            "task_is_progress": done,
            "rate_text": None,
            "unit_text": None,
            "line": None,
            "parts": [],
            "dept_text": "；".join(depts) or None,
            "section": it.section,
            "period": None,
            "units": {},
        })
    return rows


# a sentence of an item opening with the period it reports on: 上半年， / 截至6月底， / 1-6月，
_PERIOD_LEAD = re.compile(r"(?<=[。；;])\s*(?:(?:上半年|前三季度|一季度|今年以来|截[至止][^，,。；;]{0,10}|目前|"
                          r"\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月(?:份)?)[，,]|(?:目前|现|均)?已(?:经)?(?=[\u4e00-\u9fff\d])|累计(?=完成|建成|新增))")


def _progress_start(text: str) -> int:
    """Where the progress of an item starts (0 when the item states none that way): the first
    sentence opening with a period, after a first sentence that states a figure."""
    m = _PERIOD_LEAD.search(text)
    return m.start() if m and re.search(r"\d", text[:m.start()]) else 0


_CLOSING_BRACKET = re.compile(r"[)）]")
_VALUE_END = re.compile(r"[。；;\s]")


def _split_fields(text: str) -> tuple[str, list[tuple[str, str]]]:
    """'新增300套设备。 牵头领导:张三 责任单位:市公安局' -> ('新增300套设备。', [('牵头领导', '张三'), ...])."""
    marks = list(_FIELD.finditer(text))
    if not marks:
        return text, []
    fields = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        value = text[m.end():end]
        if m.group(0).lstrip()[:1] in "(（":
            value = _CLOSING_BRACKET.split(value)[0]         # (牵头单位:区财政局) ends at its parenthesis
        value = value.strip(" ）)\n")
        if m.group("label") not in _PROGRESS_LABELS:
            value = _VALUE_END.split(value)[0]     # a unit or a name ends at the sentence's end
        fields.append((m.group("label"), value))
    return text[:marks[0].start()].strip(), fields
