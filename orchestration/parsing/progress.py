"""Key-task progress tables -> tasks, responsible units, targets, actuals, completion facts."""
from __future__ import annotations

import re

from .completions import read_completions
from .numbers import Quantity, find_quantities, metric_before, metric_overlap, normalise_period
from .records import CompletionRecord, DepartmentRecord, MeasureRecord, TaskRecord
from .tables import Table, row_number
from .units import canonical, comparable

_DEPT_SPLIT = re.compile(r"[、,，;；/\n]|\s+")
_LEAD_MARK = re.compile(r"[*＊★]")
_ROLE_LABEL = re.compile(r"^(牵头|责任|主办|主责|配合|协办|参与)(单位|部门)[:：]\s*")
_LEAD_WORD = re.compile(r"[（(]\s*牵头(单位)?\s*[)）]")


def named_metric(metric: str) -> bool:
    """A metric that names something (not just 同比增长 / 分别 / 较1—5月提升)."""
    return len(re.sub(r"(同比|比上年|较上年|较\d+[—\-–]?\d*月份?|增长|增速|提升|提高|下降|分别|其中|为|了|达)", "", metric)) >= 2


def split_departments(cell: str | None) -> list[tuple[str, bool]]:
    """'区财政局*、区发改局' -> [('区财政局', True), ('区发改局', False)].

    Units marked * are leads; where no unit is marked, the first listed is the lead.
    Separators inside parentheses (区委组织部(人才办)) do not split.
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
    for p in parts:
        label = _ROLE_LABEL.match(p.strip())
        if label:
            role = label.group(1) in ("牵头", "责任", "主办", "主责")
            p = p.strip()[label.end():]
        lead = bool(_LEAD_MARK.search(p)) or bool(_LEAD_WORD.search(p)) or bool(role)
        name = _LEAD_WORD.sub("", _LEAD_MARK.sub("", p)).strip(" 。.：:")
        name = re.sub(r"(等|等单位|等部门)$", "", name)
        name = re.sub(r"[（(][^()（）]*(负责|分工|配合|职责)[^()（）]*[)）]$", "", name)   # (按职责分工负责)
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


def tasks_from_table(table: Table, first_seq: int, section: str | None = None) -> list[dict]:
    """Rows -> dicts with the cells each role holds (task, target, progress, dept, rate)."""
    rows = []
    for i, row in enumerate(table.rows):
        no_cell = table.cell(row, "no") or ""   # '' when the table has no 序号 column
        task_text = table.cell(row, "task") or ""
        target_text = table.cell(row, "target")
        if not task_text and target_text:
            task_text, target_text = target_text, None
        task_no, key = row_number(no_cell) or (None, no_cell)
        rows.append({
            "task_seq": first_seq + i,
            "task_no": task_no,
            "task_key": key or str(i + 1),
            "task_text": task_text,
            "target_text": target_text,
            "progress_text": table.cell(row, "progress"),
            "dept_text": table.cell(row, "dept"),
            "rate_text": table.cell(row, "rate"),
            "section": table.section_of(i) or section,
            "period": table.header_period,
        })
    return rows


# a percentage of an amount (社会消费品零售总额5.1%) can only be its growth rate
_AMOUNT_METRIC = re.compile(r"(总额|总值|增加值|收入|投资|产值|营业额|销售额|零售额|出口额|进口额|进出口额|GDP|生产总值)$")


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
        if len(metric) <= 4 and q.unit and not q.is_percent and not re.match(r"\s*(以上|左右|以内|以下)", text[q.end:]):
            # 稳步推进97个重点建设项目: the thing counted follows the number
            after = re.match(r"(?:(?!和|及|以及|与)[^，,。；;、：:（(|\n\d]){2,16}", text[q.end:])
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


def read_task_row(row: dict, year: int | None, report_period: str | None, out: MeasureCollector
                  ) -> tuple[TaskRecord, list[DepartmentRecord]]:
    seq = row["task_seq"]
    progress = row["progress_text"]
    task = TaskRecord(task_seq=seq, task_no=row["task_no"], task_key=row["task_key"],
                      task_text=row["task_text"], progress_text=progress,
                      status=task_status(progress), section=row["section"])
    depts = [DepartmentRecord(seq, i + 1, name, lead)
             for i, (name, lead) in enumerate(split_departments(row["dept_text"]))]

    targets: list[tuple[Quantity, str, MeasureRecord]] = []
    for text in (row["task_text"], row["target_text"]):
        if not text:
            continue
        for q in find_quantities(text):
            if _is_noise_target(text, q):
                continue
            m = out.add_quantity(q, text, "target", seq, reference_year=year)
            targets.append((q, m.metric, m))

    completions_text = " ".join(t for t in (progress, row["rate_text"]) if t)
    if progress:
        prev_metric, prev_end = "", 0
        for q in find_quantities(progress):
            if q.unit is None or _is_noise_target(progress, q) or _in_completion(progress, q):
                continue
            metric, cs = metric_before(progress, q.start)
            if re.search(r"[。；;]", progress[prev_end:q.start]):
                prev_metric = ""          # a new sentence: nothing to inherit
            if not named_metric(metric) and prev_metric:
                metric = prev_metric      # 完成固定资产投资220.4亿元,同比增长4.1%: the growth of that figure
            period = normalise_period(progress[max(0, cs - 20):q.end]) or row.get("period") or report_period
            pair = _pair(q, metric, targets)
            rec = out.add_quantity(q, progress, "actual", seq, reference_year=year, period_label=period,
                                   pairs_with_measure_seq=pair.measure_seq if pair else None)
            if not named_metric(rec.metric):
                rec.metric = metric
            prev_metric, prev_end = (rec.metric if named_metric(rec.metric) else prev_metric), q.end
    for r in read_completions(completions_text, [(q, m) for q, m, _ in targets]):
        out.add_completion(task_seq=seq, stated_pct=r.stated_pct, evidence=r.evidence,
                           actual_value=r.actual.value if r.actual else None,
                           actual_unit=r.actual.unit if r.actual else None,
                           target_value=r.target.value if r.target else None,
                           target_unit=r.target.unit if r.target else None,
                           target_source=r.target_source)
    if row["rate_text"] and not read_completions(row["rate_text"]):
        _rate_column(row, targets, out)
    rates = [c.stated_pct for c in out.completions if c.task_seq == seq]
    if rates and task.status in ("completed", "in_progress"):
        # a stated completion rate settles it: 完成全年任务的60% is not done, 完成率105% is
        task.status = "completed" if min(rates) >= 100 else "in_progress"
    return task, depts


def _rate_column(row: dict, targets, out: MeasureCollector) -> None:
    """A 任务完成率 column holding just '85%' or '85': the rate of the row's target vs actual."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[%％]?\s*", row["rate_text"])
    if not m:
        return
    actual = None
    if row["progress_text"]:
        qs = [q for q in find_quantities(row["progress_text"]) if not q.is_percent and q.unit]
        actual = qs[0] if qs else None
    target = None
    if actual is not None:
        fits = [q for q, _, _ in targets if comparable(q.unit, actual.unit)]
        target = fits[0] if fits else None
    elif targets:
        target = targets[0][0]
    out.add_completion(task_seq=row["task_seq"], stated_pct=float(m.group(1)), evidence=row["rate_text"].strip(),
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


def _in_completion(text: str, q: Quantity) -> bool:
    return q.is_percent and bool(re.search(r"(完成率|任务的?|计划的?|预算的?|完成)(达到?|为)?$", text[max(0, q.start - 8):q.start]))


_NOISE_BEFORE = re.compile(r"(第|前|排名|位列|列|全省|全市|全国)$")


# 发挥15个高能级科创平台作用 / 依托3个园区: existing things used, not a number to reach
_USING = re.compile(r"(发挥|依托|利用|借助|立足|围绕|聚焦|整合|统筹|用好|盘活现有)$")


def _is_noise_target(text: str, q: Quantity) -> bool:
    """Rankings (全省前八), ordinals, numbers in names and things used are not targets."""
    if _USING.search(text[max(0, q.start - 4):q.start]):
        return True
    before = text[max(0, q.start - 3):q.start]
    if _NOISE_BEFORE.search(before) and q.unit in (None, "名", "位"):
        return True
    if q.unit in ("名", "位") and re.search(r"(前|第|排名)", text[max(0, q.start - 6):q.start]):
        return True
    return False
