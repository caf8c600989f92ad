"""Stated completion rates (完成率X%, 完成全年任务的X%, 完成年计划Y的X% ...) and what they were
computed from, when the sentence says so.

A completion rate is the share of a task, plan or budget done. Physical progress of works
(完成总工程量的95%, 形象进度30%) and outcome rates (化解率, 覆盖率, 开工率) are not completion rates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import UNIT_RE, Quantity, clause_before, find_quantities, metric_before, metric_overlap
from .units import comparable

_NUM = r"(\d+(?:\.\d+)?)\s*[%％]"
# the plan a share is taken of: 年计划 / 计划 / 年初预算 / 调整预算 / 年度目标 / 年度投资计划 / 全年任务数
_PERIOD = r"(?:全年度|全年|本年度|年度|年初|当年|年|调整后?的?|省定|市定|下达的?|\d{1,2}\s*[-—–~至]\s*\d{1,2}月(?:份)?)"
_PLAN_KIND = r"(?:(?:投资|建设|工作|收入|支出|目标|考核)?(?:任务|计划|预算|目标)(?:数|量|额|投资|任务|目标|安排)?|总投资|计划投资)"
# a plan of an activity: 完成年度计划开工的80.8% (the projects planned to start), 占计划竣工的50%
_PLAN = rf"{_PERIOD}?{_PLAN_KIND}(?:新开工|开工|竣工|投产|开竣工)?(?:项目)?(?:数|量)?"
# a note in brackets before the rate: 为预算的(包括本级预算和上级专项)69.5%
_NOTE = r"(?:[（(][^（()）%％]{1,24}[）)])?"
_PATTERNS = [
    # 完成年计划710亿元的89.4%: the denominator is inside the statement
    # (完成年初预算数60999万元的40.4%: the plan's amount named with 数/额)
    # (占年初预算数109466万元的56.3% / 为年度计划12亿元的80%: the same with 占, 为 or 达)
    re.compile(rf"(?:完成(?:了)?|占|为|达到?){_PERIOD}?{_PLAN_KIND}(?P<tv>\d+(?:\.\d+)?)(?P<tu>{UNIT_RE})的{_NUM}"),
    re.compile(rf"(?:任务|投资|计划|目标)?完成率(?:达到|达|为|是|约)?\s*{_NUM}"),
    # 完成年初预算的62.8% / 占年计划的41.8% / 占调整预算的100% / 为年度目标的96% / 为计划的103%
    re.compile(rf"(?:完成|占)(?:了)?{_PLAN}的?{_NOTE}\s*{_NUM}"),
    # 为/达 need 的: 达年度目标6% names the target, 达年度目标的96% is a share of it
    re.compile(rf"(?:为|达到?|相当于|是){_PLAN}的{_NOTE}\s*{_NUM}"),
    # without a verb: 年度投资计划48.2% / 全年任务的60%: a period word and a plan of amounts
    # (计划/任务/预算, not 目标: 年度目标6% is the target itself) are needed then
    re.compile(rf"{_PERIOD}(?:投资|建设)?(?:任务|计划|预算)(?:数|量|额)?(?:的)?\s*{_NUM}(?!\s*(?:左右|以上|以内|以下))"),
    re.compile(rf"(?:数|额|量)完成\s*{_NUM}(?P<more>(?:[、和]\s*\d+(?:\.\d+)?\s*[%％])*)"),
    # 已新增4200人，完成84%: 完成 and a share opening the clause after what was done
    re.compile(rf"(?<=[，,])\s*完成(?:了)?\s*{_NUM}(?!\s*(?:及)?以上)"),
    # 完成比例92%: the share done, named as such (完成进度85% is the progress of works: not a completion)
    re.compile(rf"完成(?:比例|比率|百分比)(?:为|达到?|是)?\s*{_NUM}(?!\s*(?:及)?以上)"),
    # 300户危房改造已完成240户（80%）: the share in brackets right after the part done
    re.compile(rf"(?<=完成)[^，,。；;（(]{{0,12}}?\d+(?:\.\d+)?\s*(?:{UNIT_RE})\s*(?P<at>[（(])\s*{_NUM}\s*[)）]"),
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
            named = {pat.groupindex.get(k) for k in ("tv", "more", "at")}
            pct_group = [g for g in range(1, (m.lastindex or 0) + 1) if g not in named and m.group(g)]
            pct = float(m.group(pct_group[-1])) if "tu" not in pat.groupindex else float(m.group(3))
            target = None
            if "tv" in pat.groupindex:
                target = Quantity(value=float(m.group("tv")), unit=m.group("tu"), comparator="=",
                                  is_growth=False, start=m.start("tv"), end=m.end("tu"))
            enumerated = "more" in pat.groupindex and bool(m.group("more"))
            start = m.start("at") if "at" in pat.groupindex else m.start()   # (the part done is not the statement)
            found.append(StatedCompletion(pct, start, m.end(), target,
                                          enum_index=0 if enumerated else None, enum_start=start))
            if enumerated:
                base = m.start("more")
                for k, mm in enumerate(re.finditer(r"(\d+(?:\.\d+)?)\s*[%％]", m.group("more")), 1):
                    found.append(StatedCompletion(float(mm.group(1)), base + mm.start(), base + mm.end(),
                                                  enum_index=k, enum_start=m.start()))
            taken.append((start, m.end()))
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
    start: int = 0                      # span of the statement in the text read
    end: int = 0


def read_completions(text: str, task_targets: list[tuple[Quantity, str]] | None = None,
                     earlier_plans: list[Quantity] | None = None) -> list[CompletionReading]:
    """Completion statements in `text` with the actual (same sentence) and the target
    (same statement/sentence, else the task's targets of a comparable unit, else a plan stated
    earlier in the section that gives the stated rate: 当年计划投资63.27亿元。⏎…完成投资77.57亿元,
    投资完成率122.6%)."""
    out = []
    statements = find_completion_statements(text)
    if not statements:
        return out
    quantities = find_quantities(text)
    for c in statements:
        lo, _hi = _sentence_bounds(text, c.start)
        subject, _ = metric_before(text, c.enum_start)
        candidates = [q for q in quantities
                      if lo <= q.start and q.end <= c.enum_start and not q.is_percent
                      and not _CHANGE.search(clause_before(text, q.start, limit=16))
                      and (_ends_clause(text, q.end) or _object_of_achievement(text, q)
                           or _counted_follows(text, q, c.enum_start))]
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
            # (本年度计划开工项目255项(其中…计划新开工223项): the plan, not the part of it in brackets)
            for q in quantities:
                if lo <= q.start and q.end <= c.enum_start and not q.is_percent and q is not actual \
                        and comparable(q.unit, actual.unit) and is_plan_figure(text, q) \
                        and not (target is not None and _is_part(text, lo, q)):
                    target, source = q, "sentence"
        if target is None and actual is not None:
            # the whole the done part is counted in: 65件民生实事已完成26件 / 共12项，其中已完成9项
            target = _whole_before(text, lo, actual, quantities)
            source = "sentence" if target else None
        part = actual is not None and "其中" in text[lo:actual.start]
        # (其中续建项目完成投资12亿元，完成年度计划的70%: a part of the whole, whose own plan is not
        # stated: the plan of the whole is not its denominator)
        if target is None and actual is not None and task_targets and c.enum_index is None and not part:
            act_metric = metric_before(text, actual.start)[0] + subject + _counted_after(text, actual)
            # the task's target only when it measures the same thing (two or more characters shared)
            fits = [(q, m) for q, m in task_targets if comparable(q.unit, actual.unit) and not q.is_percent
                    and metric_overlap(m, act_metric) >= 2]
            if not fits:
                # a task with one target of the actual's unit, named differently (新建城市书房10家 / 已建成开放8家):
                # that target when it gives the stated rate (else it may count another thing)
                same = [q for q, _ in task_targets if q.unit == actual.unit and not q.is_percent and q.value]
                fits = [(same[0], "")] if len(same) == 1 and \
                    abs(actual.value / same[0].value * 100 - c.stated_pct) <= 1.0 else []
            if fits:
                target = max(fits, key=lambda qm: metric_overlap(qm[1], act_metric))[0]
                source = "task"
        if target is None and actual is not None and not part:
            # a projection for the whole year earlier in the text: 2023年预计一般公共预算收入52.4亿元
            act_metric = metric_before(text, actual.start)[0]
            for q in quantities:
                if q.start < actual.start and comparable(q.unit, actual.unit) and q.value > actual.value:
                    m, cs = metric_before(text, q.start)
                    if re.search(r"(预计|全年|年度|计划|目标)", text[max(0, cs - 8):q.start]) and metric_overlap(m, act_metric) >= 3:
                        target, source = q, "progress"
        if target is None and actual is not None and earlier_plans and not part:
            fits = [q for q in earlier_plans if comparable(q.unit, actual.unit) and q.unit == actual.unit and q.value
                    and abs(actual.value / q.value * 100 - c.stated_pct) <= 1.0]
            if len({(q.value, q.unit) for q in fits}) == 1:      # (one figure, whether read as a plan or a target)
                target, source = fits[0], "progress"
        out.append(CompletionReading(c.stated_pct, text[c.start:c.end], actual, target, source, c.start, c.end))
    return out


# 较去年同期增加151.99亿元 / 同比增收4.2亿元: a change over a period, not the amount achieved
_CHANGE = re.compile(r"(?:(?:比|较)[^，,；;。]{0,8}|同比)(?:增加|增收|增支|减少|减收|多|少|净增|增长|下降)$")
_PLAN_WORD = re.compile(r"(计划|任务|目标|预算)(?!收入|支出|内|外)")
_ACHIEVED_WORD = re.compile(r"(完成|实现|达到|累计)")


def is_plan_figure(text: str, q: Quantity) -> bool:
    """年度计划投资41.7亿元 / 目标为500人: a plan word before the number, not followed by an
    achievement verb (一般公共预算收入预计完成81000万元 is what was done, 预算 names the account)."""
    clause = clause_before(text, q.start, limit=30)
    last = None
    for last in _PLAN_WORD.finditer(clause):   # noqa: B007 (the last match is wanted)
        pass
    m = last
    if m is not None and re.match(r"(?:完成|实现)", clause[m.end():]):
        return True     # 全年计划完成投资30亿元: what is planned to be done is the plan
    return m is not None and not _ACHIEVED_WORD.search(clause[m.end():])


_DONE_OF_WHOLE = re.compile(r"[^；;。\d]{0,20}?(?:其中)?(?:已|累计|共|均已)?(?:完成|办结|建成|竣工|落实|实施)(?:了)?$")


def _whole_before(text: str, lo: int, actual: Quantity, quantities: list[Quantity]) -> Quantity | None:
    """A count of the same unit right before the achieved one, with only its subject and a done-verb
    between them: 65件民生实事已完成26件 (65 is the whole, 26 the part done)."""
    for q in reversed(quantities):
        if lo <= q.start and q.end <= actual.start and not q.is_percent and q.value >= actual.value \
                and q.unit and q.unit == actual.unit and _DONE_OF_WHOLE.match(text, q.end, actual.start):
            return q
    return None


def _is_part(text: str, lo: int, q: Quantity) -> bool:
    """(其中1-10月份计划新开工223项) / 其中…: a part of the plan stated before it, not the plan."""
    seg = text[lo:q.start]
    opened = max(seg.rfind("("), seg.rfind("（"))
    return (opened >= 0 and max(seg.rfind(")"), seg.rfind("）")) < opened) or \
        clause_before(text, q.start).lstrip("(（").startswith("其中")


def _object_of_achievement(text: str, q: Quantity) -> bool:
    """完成10项政策处理事项 / 完成3604万元投资额: a quantity right after an achievement verb."""
    return bool(re.search(r"((完成|实现|新增|累计|招引|引进|培育|发放|兑现)(了)?|已为(全区|全市|全县)?)$", text[max(0, q.start - 6):q.start]))


_CLAUSE_END = re.compile(r"[，,。；;：:\n|]")


def _counted_after(text: str, q: Quantity) -> str:
    """新增 7069张 公办养老床位 / 已为430名失能老人提供…: the thing counted, written after the number."""
    m = _CLAUSE_END.search(text, q.end)
    return text[q.end:m.start() if m else len(text)].strip()[:16]


def _counted_follows(text: str, q: Quantity, statement_start: int) -> bool:
    """The quantity opens the clause right before the statement and the thing counted follows it:
    '新增 7069张 公办养老床位,为计划的101%' / '300家 存量机构安装喷淋,为计划的100%'."""
    if clause_before(text, statement_start).strip():
        return False      # the statement does not open its clause: 3个重大项目完成年度投资计划的220.6%
    comma = text.rfind(",", 0, statement_start) if text[:statement_start].rstrip().endswith(",") else \
        text.rfind("，", 0, statement_start)
    if comma < 0 or not q.end <= comma or _CLAUSE_END.search(text, q.end, comma):
        return False
    if re.search(r"\d", _BRACKETED.sub("", text[q.end:comma])):
        return False      # (医疗急救(120)分站: a number in brackets names the thing, it is not another figure)
    return len(metric_before(text, q.start)[0]) <= 4


_BRACKETED = re.compile(r"[（(][^（()）]{0,12}[)）]")


def _ends_clause(text: str, end: int) -> bool:
    """An achieved quantity closes its clause (…9016户,完成全年任务的69.4%); a quantity followed
    by more words is a subject or modifier (11个省“千项万亿”已完成…)."""
    nxt = text[end:end + 1]
    return nxt == "" or nxt in "，,。；;、)）"
