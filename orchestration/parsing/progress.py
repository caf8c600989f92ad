"""Key-task progress tables -> tasks, responsible units, targets, actuals, completion facts."""
from __future__ import annotations

import re

from .collector import MeasureCollector
from .completions import find_completion_statements, read_completions
from .numbers import Quantity, find_quantities, metric_before, metric_overlap, normalise_period
from .records import DepartmentRecord, MeasureRecord, TaskRecord
from .tables import UNIT_NAME_END, Table, row_number
from .units import canonical, comparable, is_known_unit

_DEPT_SPLIT = re.compile(r"[、,，;；/|\n]|\s+")
_LEAD_MARK = re.compile(r"[*＊★]")
_ROLE_LABEL = re.compile(r"^(牵头|责任|主办|主责|配合|协办|参与)(单位|部门)[:：]\s*")
_LEAD_WORD = re.compile(r"[（(]\s*牵头(单位)?\s*[)）]")


_NOT_A_NAME = re.compile(r"(同比|比上年|较上年|较\d+[—\-–]?\d*月份?|增长|增速|提升|提高|下降|分别|其中|为|了|达)")


def named_metric(metric: str) -> bool:
    """A metric that names something (not just 同比增长 / 分别 / 较1—5月提升)."""
    return len(_NOT_A_NAME.sub("", metric)) >= 2


_LEAD_LABEL = re.compile(r"(牵头|主办|主责)(单位|部门)[:：]")
_AND_OTHERS = re.compile(r"(等|等单位|等部门)$")
_DUTY_NOTE = re.compile(r"[（(][^()（）]*(负责|分工|配合|职责|牵头|下同)[^()（）]*[)）]$")


def split_departments(cell: str | None, drop_people: bool = False) -> list[tuple[str, bool]]:
    """'区财政局*、区发改局' -> [('区财政局', True), ('区发改局', False)].

    Units marked * are leads; where no unit is marked, the first listed is the lead.
    Separators inside parentheses (区委组织部(人才办)) do not split. With `drop_people`, names
    of people (市民政局 伍泽国) are left out.
    """
    if not cell:
        return []
    parts, depth, buf = [], 0, ""
    for ch in cell.strip():
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        if depth == 0 and _DEPT_SPLIT.match(ch):
            parts.append(buf)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    units = []
    role = None     # after '牵头单位：' every unit is a lead until '配合单位：'
    # 责任单位：a、b without a 牵头 label marks no lead: the first listed leads, as in a plain cell
    has_lead_label = bool(_LEAD_LABEL.search(cell))
    for p in parts:
        label = _ROLE_LABEL.match(p.strip())
        if label:
            word = label.group(1)
            role = True if word in ("牵头", "主办", "主责") else (None if word == "责任" and not has_lead_label else False)
            p = p.strip()[label.end():]
        lead = bool(_LEAD_MARK.search(p)) or bool(_LEAD_WORD.search(p)) or role is True
        name = _LEAD_WORD.sub("", _LEAD_MARK.sub("", p)).strip(" 。.：:")
        name = _AND_OTHERS.sub("", name)
        name = _DUTY_NOTE.sub("", name)   # (按职责分工负责)
        if drop_people and 2 <= len(name) <= 4 and not UNIT_NAME_END.search(name):
            continue
        if name and name not in (n for n, _ in units):
            units.append((name, lead))
    if units and not any(lead for _, lead in units):
        units[0] = (units[0][0], True)
    return units


_DONE = re.compile(r"(已全部完成|已完成|全面完成|已建成|已竣工|建成投用|已投用|已开业|已投运|已通过|已落地|已出台|"
                   r"已印发|超额完成|完成全年|已实现|已创成|已获批|已举办|已召开|已上线)")
_ONGOING = re.compile(r"(正在|正加快|推进中|进行中|加快推进|持续推进|有序推进|稳步推进|尚在|将于|预计|计划于|拟|待|"
                      r"部分完成|初步完成|开展|推进)")
_NOT_STARTED = re.compile(r"(尚未启动|尚未开工|未启动|未开工|尚未开展|暂未开展|暂无进展|尚未实施|未开展|尚未下达)")


def task_status(progress: str | None) -> str:
    """Status from the progress text.

    - unknown: no progress text;
    - not_started: says the work has not started (尚未启动, 未开工 ...) and reports nothing done;
    - completed: says it is done (已完成, 已建成, 超额完成 ...) with no sign of ongoing work;
    - in_progress: anything else with progress text.
    """
    if not progress or not progress.strip():
        return "unknown"
    done, ongoing, not_started = _DONE.search(progress), _ONGOING.search(progress), _NOT_STARTED.search(progress)
    if not_started and not done:
        return "not_started"
    if done and not ongoing and not not_started:
        return "completed"
    return "in_progress"


def _part(table: Table, row: list[str], line: str | None) -> dict:
    """The cells of one row (or sub-row) by role: what the measure readers need."""
    task_text = table.cell(row, "task") or ""
    target_text = table.cell(row, "target")
    if not task_text and target_text and not _BARE.match(target_text):
        task_text, target_text = target_text, None
    return {
        "task_text": task_text,
        "target_text": target_text,
        "actual_text": table.cell(row, "actual"),
        "progress_text": table.cell(row, "progress"),
        "rate_text": table.cell(row, "rate"),
        "unit_text": table.cell(row, "unit"),
        "line": line,
    }


_DEPT_HEADER_ROLE = re.compile(r"(牵头|责任|主办|主责|配合|协办|参与)(单位|部门)")


def _dept_cells(table: Table, row: list[str]) -> str | None:
    """The responsible units of a row. With a 牵头单位 and a 配合单位 column, each cell is labelled with
    its column (牵头单位：a、b；配合单位：c), so every unit of the lead column leads."""
    cols = [(i, _DEPT_HEADER_ROLE.search(re.sub(r"\s+", "", h))) for i, (h, r) in enumerate(zip(table.headers, table.roles))
            if r == "dept"]
    if len(cols) < 2 or not all(m for _, m in cols):
        return table.cell(row, "dept")
    cells = [f"{m.group(1)}{m.group(2)}：{row[i]}" for i, m in cols if i < len(row) and row[i].strip()]
    return "；".join(cells) or None


def tasks_from_table(table: Table, first_seq: int, section: str | None = None) -> list[dict]:
    """Rows -> dicts with the cells each role holds (task, target, actual, progress, dept, rate),
    the row's un-numbered sub-rows as `parts`, and the units its header gives bare numbers."""
    rows = []
    units = {"target": table.unit_of("target"), "actual": table.unit_of("actual")}
    leader_dept = any(r == "dept" and re.search(r"负责人|领导", h) for h, r in zip(table.headers, table.roles))
    for i, row in enumerate(table.rows):
        no_cell = table.cell(row, "no") or ""   # '' when the table has no 序号 column
        task_no, key = row_number(no_cell) or (None, no_cell)
        rows.append({
            "task_seq": first_seq + i,
            "task_no": task_no,
            "task_key": key or str(i + 1),
            **_part(table, row, table.lines.get(i)),
            "parts": [_part(table, p, line) for p, line in table.parts.get(i, [])],
            "dept_text": _dept_cells(table, row),
            "dept_has_people": leader_dept,
            "section": table.section_of(i) or section,
            "period": table.header_period,
            "units": units,
        })
    return rows


def table_totals(table: Table) -> list[dict]:
    """合计 / 小计 rows: not tasks, but their rate is a report-level completion."""
    units = {"target": table.unit_of("target"), "actual": table.unit_of("actual")}
    return [{**_part(table, row, None), "units": units, "task_is_progress": True} for row in table.totals]


# a percentage of an amount (社会消费品零售总额5.1%) can only be its growth rate
_BARE = re.compile(r"^\s*(?P<pre>[≥≤><]=?)?\s*(?P<num>-?\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<pct>[%％])?\s*$")


def read_task_row(row: dict, year: int | None, report_period: str | None, out: MeasureCollector
                  ) -> tuple[TaskRecord, list[DepartmentRecord]]:
    seq = row["task_seq"]
    parts = [row] + row.get("parts", [])
    progress = " ".join(p["progress_text"] for p in parts if p.get("progress_text")) or None
    task_text = "；".join(p["task_text"] for p in parts if p.get("task_text"))
    task = TaskRecord(task_seq=seq, task_no=row["task_no"], task_key=row["task_key"],
                      task_text=task_text, progress_text=progress,
                      status=task_status(progress), section=row["section"])
    depts = [DepartmentRecord(seq, i + 1, name, lead)
             for i, (name, lead) in enumerate(split_departments(row["dept_text"], row.get("dept_has_people", False)))]
    period = row.get("period") or report_period
    for part in parts:
        read_row_measures(part, seq, year, period, row.get("units") or {}, out)
    rates = [c.stated_pct for c in out.completions if c.task_seq == seq]
    if rates and task.status in ("completed", "in_progress", "unknown"):
        # a stated completion rate settles it: 完成全年任务的60% is not done, 完成率105% is
        task.status = "completed" if min(rates) >= 100 else "in_progress"
    elif task.status == "completed" and _short_of_a_target(out, seq):
        task.status = "in_progress"   # 改造提升道路12条 / 已完成改造8条: done so far, not the task
    return task, depts


def _short_of_a_target(out: MeasureCollector, seq: int) -> bool:
    """An actual of the task below a target of the same unit (not a rate): the task is not done yet."""
    mine = [m for m in out.measures if m.task_seq == seq and m.value is not None and m.unit and m.unit not in ("%", "％")]
    targets = [m for m in mine if m.role == "target" and m.comparator in ("=", ">=", "~")]
    return any(a.value < t.value for a in mine if a.role == "actual" for t in targets if t.unit == a.unit)


def _bare_quantity(cell: str | None, unit: str | None) -> Quantity | None:
    """A value cell holding just a number (`| 4385 |`, `| ≥90 |`): its unit comes from elsewhere."""
    m = _BARE.match(cell or "")
    if not m:
        return None
    pct = bool(m.group("pct"))
    return Quantity(value=float(m.group("num").replace(",", "")), unit="%" if pct else unit,
                    comparator={"≥": ">=", "≤": "<=", ">": ">", "<": "<"}.get(m.group("pre") or "", m.group("pre") or "="),
                    is_growth=False, start=0, end=0, raw=cell.strip())


def _value_evidence(line: str | None, after: str, cell: str) -> str:
    """Evidence of a bare value cell: the cell and the value cells that follow it on its line
    (`4385 | 110%`), exact text of the source; the cell alone when the line is not known."""
    value = cell.strip()
    if line:
        lo = line.find(after) + len(after) if after and after in line else 0
        found = _cell_run(line, value, lo)
        if found:
            return found
    return value


_CELL_TAIL = re.compile(r"((?:\s*\|\s*[-≥≤><]?\d[\d,.]*\s*[%％]?)*)\s*(?=\||$)")
_SPACE_RUN = re.compile(r"\s*")
_EMPTY_VALUE_RUN = re.compile(r"(?:^|\|)\s*((?:\s*\|\s*[-≥≤><]?\d[\d,.]*\s*[%％]?)*)\s*(?=\||$)")


def _cell_run(line: str, value: str, lo: int) -> str | None:
    """The first `value` at the start of the line or after a '|' (from `lo` on), with the value
    cells that follow it: what (?:^|\\|)\\s*(VALUE(?:\\s*\\|…)*)\\s*(?=\\||$) finds, without compiling
    that regex for every value (each value is new to re's cache: one compile per cell)."""
    if not value:
        m = _EMPTY_VALUE_RUN.search(line, lo)
        return m.group(1) if m else None
    anchors = [0] if lo == 0 else []       # '^' matches at the start of the line only
    p = line.find("|", lo)
    while p >= 0:
        anchors.append(p + 1)
        p = line.find("|", p + 1)
    for a in anchors:
        q = _SPACE_RUN.match(line, a).end()
        if line.startswith(value, q):
            m = _CELL_TAIL.match(line, q + len(value))
            if m:
                return value + m.group(1)
    return None


def read_row_measures(part: dict, task_seq: int | None, year: int | None, period: str | None,
                      units: dict, out: MeasureCollector) -> None:
    """Targets (task and target cells), actuals (actual and progress cells) and completions
    (stated in the progress text or in a rate column) of one table row, sub-row or list item."""
    line, task_text = part.get("line"), part.get("task_text") or ""
    row_unit = part.get("unit_text") or _name_unit(task_text)
    targets: list[tuple[Quantity, str, MeasureRecord]] = []
    texts = [] if part.get("task_is_progress") else [task_text]
    for text in texts + [part.get("target_text")]:
        if not text:
            continue
        bare = _bare_quantity(text, units.get("target") or row_unit) if text is part.get("target_text") else None
        if bare is not None:
            metric = units.get("target_name") or task_text[:30]
            m = out.add(task_seq=task_seq, role="target", metric=metric, value=bare.value, unit=bare.unit,
                        is_growth_rate=False, comparator=bare.comparator, reference_year=year,
                        evidence=_value_evidence(line, task_text, text))
            targets.insert(0, (bare, metric, m))   # the target column is the row's own denominator
            continue
        for q in find_quantities(text):
            if _is_noise_target(text, q):
                continue
            if _is_starting_level(text, q):
                out.add_quantity(q, text, "baseline", task_seq, reference_year=year - 1 if year else None)
                continue
            m = out.add_quantity(q, text, "target", task_seq, reference_year=year)
            if not m.metric and text is part.get("target_text"):
                m.metric = units.get("target_name") or task_text[:30]   # | 新建社区食堂 | 20个 |: the task names it
            targets.append((q, m.metric, m))

    progress = part.get("progress_text")
    actual = None
    for text in (part.get("actual_text"), progress):
        unit = units.get("actual") or row_unit
        counted = [q for q, _, _ in targets if not q.is_percent and q.unit]
        if unit is None and len({q.unit for q in counted}) == 1:
            unit = counted[0].unit      # | 新增4000张养老床位 | 4385 |: the count of the task's thing
        bare = _bare_quantity(text, unit) if actual is None else None
        if bare is None and actual is None and text and text is part.get("actual_text"):
            # | 1-10月完成 | 4500人 |: an actual cell with its unit written
            written = [q for q in find_quantities(text) if not q.is_percent]
            bare = written[0] if len(written) == 1 else None
        if bare is None:
            continue
        pair = next((m for q, _, m in targets if comparable(q.unit, bare.unit) or bare.unit is None), None)
        out.add(task_seq=task_seq, role="actual", metric=pair.metric if pair else (units.get("actual_name") or task_text[:30]),
                value=bare.value, unit=bare.unit, is_growth_rate=False, comparator=bare.comparator,
                reference_year=year, period_label=period, evidence=_value_evidence(line, task_text, text),
                pairs_with_measure_seq=pair.measure_seq if pair else None)
        actual = bare
        if text is progress:
            progress = None
    if progress:
        _progress_actuals(progress, targets, task_seq, year, period, out)

    completions_text = " ".join(t for t in (progress, part.get("rate_text")) if t)
    for r in read_completions(completions_text, [(q, m) for q, m, _ in targets]):
        out.add_completion(task_seq=task_seq, stated_pct=r.stated_pct, evidence=r.evidence,
                           actual_value=r.actual.value if r.actual else None,
                           actual_unit=r.actual.unit if r.actual else None,
                           target_value=r.target.value if r.target else None,
                           target_unit=r.target.unit if r.target else None,
                           target_source=r.target_source)
    if part.get("rate_text") and not read_completions(part["rate_text"]):
        _rate_column(part, targets, actual, task_seq, out)


_NAME_UNIT = re.compile(r"[（(]\s*([^()（）\s]{1,6})\s*[)）]\s*$")


def _name_unit(name: str) -> str | None:
    """新建学校(所) / 城镇新增就业(万人): a unit written after a row's name is the unit of its bare numbers."""

    m = _NAME_UNIT.search(name or "")
    return m.group(1) if m and (is_known_unit(m.group(1)) or m.group(1) in ("%", "％")) else None


_SENTENCE_END = re.compile(r"[。；;]")


def _progress_actuals(progress: str, targets, task_seq, year, period, out: MeasureCollector) -> None:
    prev_metric, prev_end = "", 0
    statements = [(c.start, c.end) for c in find_completion_statements(progress)]    # scanned once per text
    for q in find_quantities(progress):
        if q.unit is None or _is_noise_target(progress, q) or _in_completion(progress, q, statements):
            continue
        metric, cs = metric_before(progress, q.start)
        if _SENTENCE_END.search(progress[prev_end:q.start]):
            prev_metric = ""          # a new sentence: nothing to inherit
        if not named_metric(metric) and prev_metric:
            metric = prev_metric      # 完成固定资产投资220.4亿元,同比增长4.1%: the growth of that figure
        q_period = normalise_period(progress[max(0, cs - 20):q.end]) or period
        pair = _pair(q, metric, targets)
        rec = out.add_quantity(q, progress, "actual", task_seq, reference_year=year, period_label=q_period,
                               pairs_with_measure_seq=pair.measure_seq if pair else None)
        if not named_metric(rec.metric):
            rec.metric = metric
        prev_metric, prev_end = (rec.metric if named_metric(rec.metric) else prev_metric), q.end


_BARE_RATE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*[%％]?\s*")


def _rate_column(part: dict, targets, actual: Quantity | None, task_seq, out: MeasureCollector) -> None:
    """A 任务完成率 column holding just '85%' or '85': the rate of the row's target vs actual."""
    m = _BARE_RATE.fullmatch(part["rate_text"])
    if not m:
        return
    if actual is None and part.get("progress_text"):
        qs = [q for q in find_quantities(part["progress_text"]) if not q.is_percent and q.unit]
        actual = qs[0] if qs else None
    target = None
    if actual is not None:
        fits = [q for q, _, _ in targets if comparable(q.unit, actual.unit) or actual.unit is None or q.unit is None]
        target = fits[0] if fits else None
    elif targets:
        target = targets[0][0]
    first = next((q.raw for q in (target, actual) if q is not None and q.raw and q.start == q.end == 0), None)
    evidence = _value_evidence(part.get("line"), part.get("task_text") or "", first) if first else ""
    if part["rate_text"].strip() not in evidence:
        evidence = part["rate_text"].strip()
    out.add_completion(task_seq=task_seq, stated_pct=float(m.group(1)), evidence=evidence,
                       actual_value=actual.value if actual else None, actual_unit=actual.unit if actual else None,
                       target_value=target.value if target else None, target_unit=target.unit if target else None,
                       target_source="task" if target else None)


def _pair(q: Quantity, metric: str, targets) -> MeasureRecord | None:
    """The task target an actual measures: same kind of unit (or both growth rates), closest metric."""
    best, score = None, 0
    for tq, tmetric, rec in targets:
        if tq.is_percent != q.is_percent:
            continue
        if not tq.is_percent and not comparable(tq.unit, q.unit) and {tq.unit, q.unit} != {"人", "人次"}:
            continue
        s = metric_overlap(canonical(tmetric), canonical(metric)) + (1 if tq.is_growth == q.is_growth else 0)
        if s > score:
            best, score = rec, s
    return best if score >= 2 else None


_COMPLETION_BEFORE = re.compile(r"(完成率|任务的?|计划的?|预算的?|完成)(达到?|为)?$")


def _in_completion(text: str, q: Quantity, statements: list[tuple[int, int]]) -> bool:
    """A rate that is part of a completion statement (完成率80%, 完成年度目标的75%); `statements` are the
    spans of the text's completion statements."""
    if not q.is_percent:
        return False
    return bool(_COMPLETION_BEFORE.search(text[max(0, q.start - 8):q.start])) or \
        any(a <= q.start < b for a, b in statements)


# 从每人每月574元、271元分别提高到609元、300元: the levels after 从 are where the target starts from
_FROM_TO = re.compile(r"从[^，,。；;从]{0,30}?$")
_RAISED_TO = re.compile(r"^[^，,。；;从]{0,30}?(?:分别)?(?:提高|提升|增加|增长|上调|调整|扩大|降低|下降|减少|压减)(?:到|至)")


def _is_starting_level(text: str, q: Quantity) -> bool:
    """A number between 从 and 提高到 (从574元提高到609元) is the level before, not the target."""
    return bool(_FROM_TO.search(text[max(0, q.start - 30):q.start]) and _RAISED_TO.match(text[q.end:q.end + 40]))


_NOISE_BEFORE = re.compile(r"(第|前|排名|位列|列|全省|全市|全国)$")


# 发挥15个高能级科创平台作用 / 依托3个园区: existing things used, not a number to reach
_USING = re.compile(r"(发挥|依托|利用|借助|立足|围绕|聚焦|整合|统筹|用好|盘活现有)$")


_RANK_WORD = re.compile(r"(前|第|排名)")
_COUNTED_NEXT = re.compile(r"[\u4e00-\u9fff](?<![左以之内])")


def _is_noise_target(text: str, q: Quantity) -> bool:
    """Rankings (全省前八), ordinals, numbers in names and things used are not targets."""
    if _USING.search(text[max(0, q.start - 4):q.start]):
        return True
    before = text[max(0, q.start - 3):q.start]
    if _NOISE_BEFORE.search(before) and (q.unit is None or (q.unit in ("名", "位") and not _COUNTED_NEXT.match(text, q.end))):
        return True     # 居全市前三名 (a rank), not 为全市3000名困难老人 (the people counted follow)
    return bool(q.unit in ("名", "位") and _RANK_WORD.search(text[max(0, q.start - 6):q.start]))
