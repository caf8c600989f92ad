"""Report metadata: title, kind, issuing place (places.py), the year its targets are for, the period it covers."""
from __future__ import annotations

import re
from collections import Counter

from . import places
from .numbers import normalise_period

_TITLE_WORDS = re.compile(r"(政府工作报告|计划执行情况|计划草案|工作要点|工作计划|进展情况|完成情况|实施方案|通知|报告"
                          r"|通报|公示|进度表|一览表|情况表|分解表|清单|工作目标|目标任务|实事|民生工程)")
# a government page's metadata field holding the document's title (标 题: | … |, 名称: … 文号:)
_TITLE_FIELD = re.compile(r"^\s*(?:标\s*题|名\s*称)\s*[:：]\s*\|?\s*([^|\n]{6,80}?)\s*(?:\||\s(?:文\s*号|发布日期)|$)",
                          re.M)
_BREADCRUMB = re.compile(r"当前(?:所在)?位置|所在(?:的)?位置|[>›»]\s*[\u4e00-\u9fff]+\s*[>›»]")


_BRACKET_TAG = re.compile(r"^\s*[\[【][^\]】]{1,6}[\]】]\s*")
_PART_HEADING = re.compile(r"第[一二三四五六七八九十]+部分")
# a numbered heading or list line (一、2022年…执行情况表 in a table of contents) is not the title
_NUMBERED = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}[、.．。](?!\d))")


def find_title(text: str) -> str | None:
    """The first line that reads as a title: 6-80 characters with a title word, not a sentence
    (no 。), not a breadcrumb (首页 > 政府信息公开 > …); a page's 标题/名称 field comes first."""
    m = _TITLE_FIELD.search(text[:3000])
    if m and _TITLE_WORDS.search(m.group(1)):
        return m.group(1).strip()
    for line in text.split("\n")[:80]:
        s = _BRACKET_TAG.sub("", line).strip()
        if 6 <= len(s) <= 80 and _TITLE_WORDS.search(s) and "|" not in s and not s.startswith(("——", "各位")) \
                and "。" not in s and not _BREADCRUMB.search(s) \
                and not _PART_HEADING.match(s) and not _NUMBERED.match(s) \
                and not _CAPTION.search(s):          # a photo caption: 区长作政府工作报告 张三 摄
            return s
    return None


_CAPTION = re.compile(r"(摄|攝|供图|供圖|图|圖)\s*$|(记者|記者|通讯员|通訊員)\s*\S{2,4}\s*(摄|攝)")


_QUOTED_REPORT_TITLE = re.compile(r"《([^《》]{4,80}(?:报告|计划|草案|要点|方案|情况))》")


def head_titles(text: str, title: str | None) -> list[str]:
    """The report's title and the report titles quoted at its top (a news item on
    《关于高邮市2020年…计划执行情况与2021年计划草案的报告》 names its report that way)."""
    quoted = _QUOTED_REPORT_TITLE.findall(text[:1500])
    return [t for t in [title or ""] + quoted if t]


def find_place(text: str, title: str | None, year: int | None = None):
    """The issuing place resolved against the gazetteer (places.Resolved: province, city, county,
    admin_level, region); every field None when the text names no place."""

    return places.resolve(_clean(text), title, year)


_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)")


def _clean(text: str) -> str:
    """Pinyin glosses of some web copies (報(bào)告) hide words: blank them, keeping offsets."""
    return _PINYIN.sub(lambda m: "", text) if "(" in text else text


# documents that distribute tasks rather than report on them: no progress period yet
_PLAN_DOC = re.compile(r"分解|分工|工作要点|实施方案|工作计划|(?<!监)督办")
_TASK_LIST = re.compile(r"民生实事|为民办?实事|实事项目|件实事|任务分解|责任分工|分解表|分工方案|任务分工|重点工作(?:任务)?(?:进展|完成)情况"
                        r"|政府工作报告》?[^。，,]{0,15}(?:落实|进展|完成|推进)情况")
_PLAN_REPORT = re.compile(r"计划执行情况|计划草案|国民经济和社会发展计划|预算执行情况|预算草案")
# the speech itself (我代表…人民政府向大会报告工作) or a news lead on it (区长…代表区人民政府作《政府工作报告》)
_SPEECH = re.compile(r"我代表[^，。,；;]{0,15}人民政府[^。；;]{0,12}向[^。；;]{0,6}(?:作|报告)"
                     r"|向大会(?:作)?《?(?:政府)?工作报告|向大会报告(?:政府)?工作"
                     r"|代表[^，。,；;]{0,20}政府(?:向大会)?(?:作|所作的)《?(?:政府)?工作报告|作《政府工作报告》"
                     r"|作了?(?:省|市|区|县|州|旗|自治区)?政府工作报告|所作的《?政府工作报告|听取(?:了)?[^。；;]{0,30}政府工作报告")
# the report itself, excerpted: 《政府工作报告》摘要：… / 政府工作报告全文
_EXCERPT = re.compile(r"政府工作报告》?\s*(?:[(（]?(?:摘要|摘登|全文|节选)[)）]?)")
# a title that names the work report it implements or checks on (分解, 落实情况的通报)
_ABOUT_WORK_REPORT = re.compile(r"落实|分解|分工|任务|通报|督查|督办|进展|完成情况|解读")


def classify(text: str, title: str | None, has_task_table: bool) -> str:
    """Kind of report (a label: every kind is read), from its title and opening words.

    - work_report: 政府工作报告 in the title, or the speech itself (我代表…人民政府向大会报告工作);
    - work_plan: a 工作要点 / 工作计划 with attachments (indicator and task tables);
    - task_progress: a key-task / 民生实事 table or list: progress, completion, or the split of the
      tasks among departments (任务分解, 责任分工) — decided before plan reports, as such lists quote
      the work report they implement (根据《政府工作报告》);
    - plan_report: 计划执行情况与计划草案, and its siblings 预算执行情况和预算草案 and a people's
      congress's 审查意见 on 计划执行情况;
    - else task_progress when a task table was found, work_plan for a bare 工作要点, other.
    """
    text = _clean(text)
    heads = " ".join(head_titles(text, title))
    top = heads + " " + text[:300]
    if "政府工作报告" in (title or "") and not _PLAN_DOC.search(title or "") \
            and (_EXCERPT.search(title or "") or not _ABOUT_WORK_REPORT.search((title or "").replace("政府工作报告", ""))):
        return "work_report"
    # the title decides before the body's words: a task list quotes the work report it implements
    # (区长所作的《政府工作报告》), a plan report is read by a deputy head (我代表区人民政府，向本次会议报告)
    if _TASK_LIST.search(title or ""):
        return "task_progress"
    if _PLAN_REPORT.search(title or ""):
        return "plan_report"
    if _SPEECH.search(text[:3000]):
        return "work_report"
    if re.search(r"工作要点|工作计划", top) and re.search(r"附件", text):
        return "work_plan"
    if _TASK_LIST.search(top):
        return "task_progress"
    if _PLAN_REPORT.search(heads + " " + text[:3000]):
        return "plan_report"
    if has_task_table:
        return "task_progress"
    if re.search(r"工作要点", top):
        return "work_plan"
    return "other"


_YEAR = re.compile(r"(20[0-4]\d)\s*年")


def find_year(text: str, title: str | None, kind: str) -> int | None:
    """The year the report's targets are for.

    Plan reports (2023 执行情况 与 2024 计划草案) set targets for the later year of their title. A
    work report reviews the past year and sets the coming year's targets: the year of its title,
    else of its 主要预期目标, else of the meeting it was read at (——2016年1月6日在…会议上), else the
    year after the one it reviews (一、2024年工作回顾 -> 2025). Others: the year of the title, else
    the most frequent year of the text. None when the text names no year (never from a URL).
    """
    text = _clean(text)
    heads = head_titles(text, title)
    in_title = [int(y) for y in _YEAR.findall(title or "")]
    if kind == "plan_report":
        years = [int(y) for h in heads for y in _YEAR.findall(h)]
        # the plan or budget drafted in the text's opening (…2022年执行情况与2023年计划草案的报告初审)
        years += [int(y) for y in _DRAFT_YEAR.findall(text[:2000])]
        if years:
            return max(years)
    elif kind == "work_report":
        if in_title and "政府工作报告" in (title or "") and not _REVIEWED_YEAR.search(title or ""):
            return in_title[0]
        head = text[:20000]
        # the coming year's targets: the latest year so written (not 2023年主要预期目标完成情况 of a review)
        targets = _TARGETS_OF_YEAR.findall(head)
        # (回顾了2021年全省主要工作 names the year reviewed, not the coming year's work)
        targets += [m.group(1) for m in _COMING.finditer(head) if "回顾" not in head[max(0, m.start() - 3):m.start()]]
        if targets:
            return max(int(y) for y in targets)
        m = re.search(r"——\s*(20[0-4]\d)\s*年\s*(\d{1,2})\s*月\d{1,2}\s*日在", head)
        if m:
            return _meeting_year(m)
        m = re.search(r"(20[0-4]\d)\s*年(?:主要|重点)?(?:工作|政府工作)(?:回顾|总结)|回顾了?\s*(20[0-4]\d)\s*年|预计\s*(20[0-4]\d)\s*年"
                      r"|初步(?:统计|核算)[，,]?\s*(20[0-4]\d)\s*年|(20[0-4]\d)\s*年(?:主要)?(?:成就|成绩单?)[:：]"
                      r"|刚刚过去的\s*(20[0-4]\d)\s*年"
                      r"|(20[0-4]\d)\s*年是[^。；;]{0,60}?的一年", head)
        if m is None:
            m = _REVIEWED_YEAR.search(title or "")
        if m:
            return int(next(g for g in m.groups() if g)) + 1
        # a news item on the meeting: its date line (2018-01-24 22:07, 发布时间：2012-01-11), or the
        # year of the 两会 it covers (聚焦2023内蒙古两会)
        m = _DATE.search(text[:600])
        if m:
            return _meeting_year(m)
        m = re.search(r"(?<!\d)(20[0-4]\d)(?!\d)[^\n。]{0,10}两会", text[:600])
        if m:
            return int(m.group(1))
        # a news item on the report quoting only its review (●2023年全省生产总值达到13.57万亿元):
        # the year reviewed, the report is of the next
        done = Counter(int(y) for y in _YEAR_DONE.findall(head))
        if done:
            return done.most_common(1)[0][0] + 1
        # 2020年全区地区生产总值增长3.9%… then 今年…主要预期目标: the year named is the one reviewed
        grown = [int(y) for y in _YEAR_GREW.findall(head)]
        if grown and _THIS_YEARS_TARGETS.search(head):
            return max(grown) + 1
    if in_title:
        return in_title[0]
    # (由2008年的10项拓展为2014年的30项: the year a change started from is history, not the report's)
    counts = Counter(int(y) for y in _YEAR.findall(_FROM_YEAR.sub("", text[:100000])))
    if counts:
        return counts.most_common(1)[0][0]
    m = _DATE.search(text[:600])           # no year written but a dated release (2021-12-27 15:11 来源：…)
    return int(m.group(1)) if m else None


# the year whose targets are set: 2024年主要预期目标 / 2019年,福建发展的主要预期目标是 / 2024年\n主要预期目标
# (not 2023年主要预期目标完成情况, a review of them)
_TARGETS_OF_YEAR = re.compile(r"(20[0-4]\d)\s*年(?:[，,]\s*)?[^。；;\d年]{0,14}?主要预期目标(?![^。；;，,]{0,4}(?:完成|实现|执行))")
# a year whose figures are reported as achieved: 2023年广东地区生产总值达到13.57万亿元 / 2022年全县实现…
_YEAR_DONE = re.compile(r"(20[0-4]\d)\s*年(?!\d{1,2}月)[，,]?(?:[^。；;\d]{0,16}?(?:达到|实现|完成|突破)了?\s*[\d零〇一二两三四五六七八九十百千]"
                        r"|的[^。；;，,\d]{0,10}(?:增加|提高|增长)|比上年(?:增长|下降|提高))")
_YEAR_GREW = re.compile(r"(20[0-4]\d)\s*年[，,]?[^。；;\d]{0,16}?(?:增长|下降)\s*\d")
_THIS_YEARS_TARGETS = re.compile(r"今年[^。；;]{0,20}(?:主要)?预期目标")
# a title year that is the year reviewed: 《政府工作报告》摘要：2021年全县各项目标任务全面完成
_REVIEWED_YEAR = re.compile(r"(20[0-4]\d)\s*年[^。；;\d]{0,30}?(?:完成|回顾|成就|成绩|成效|总结)")
# the coming year's work in a work report or a news item on it (三、2018年主要工作; 2024年成绩和2025年任务目标)
_COMING = re.compile(r"(20[0-4]\d)\s*年[^。；;\n，,、\d年]{0,12}?(?:预期目标|目标任务|任务目标|主要目标|主要工作|重点工作|工作安排"
                     r"|工作建议|工作部署|工作计划|工作思路|总体要求)(?![^。；;\n]{0,6}(?:完成|实现|执行情况|落实情况|回顾|总结|成效))")
_DRAFT_YEAR = re.compile(r"(20[0-4]\d)\s*年(?:度)?[^。，,；;\n]{0,16}?(?:计划草案|预算草案|计划安排)")
_DATE = re.compile(r"(?<!\d)(20[0-4]\d)\s*(?:[-/.]\s*|年)(\d{1,2})\s*(?:[-/.]\s*|月)\d{1,2}(?!\d)")


def _meeting_year(m: re.Match) -> int:
    """The year a meeting sets targets for: a congress held in November or December meets for the
    coming year (——2019年12月30日在区十七届人大四次会议上 reads the 2020 report)."""
    return int(m.group(1)) + (1 if int(m.group(2)) >= 11 else 0)


_ALL_DONE = re.compile(r"已?全部完成|全面(?:高质量)?完成|均(?:已|在[^。，,；]{0,8})(?:提前)?完成|如期[^。，,；]{0,6}完成"
                       r"|已完成全年|完成全年目标")


def find_period(text: str, title: str | None, kind: str, header_periods: list[str | None] = (),
                progress_texts: list[str] = ()) -> str | None:
    """The period the report's progress covers, normalised like numbers.normalise_period (1-6月, 全年).

    A period named in the title or a table header (上半年, 1-3月, 2018年7月进展情况) first; a work
    report or plan report otherwise covers the whole year (全年); a progress table the period most
    of its progress cells name, else 全年 when its opening says every task is done (a 民生实事
    table at year end). Documents that hand out tasks (任务分解, 工作要点) cover no period yet: None.
    """

    text = _clean(text)
    first_line = next((line.strip() for line in text[:500].split("\n") if line.strip()), "")
    # the title, a report title quoted at the top, or a headline (前三季度我市民生实事加快推进)
    heads = head_titles(text, title) + ([first_line] if len(first_line) <= 40 else [])
    for h in heads:
        p = normalise_period(_TARGET_OF_YEAR.sub("", h)) or _month_of_progress(h)
        if p:
            return p
    if kind == "work_plan" or _PLAN_DOC.search(title or (first_line if len(first_line) <= 40 else "")):
        return None
    p = next((h for h in header_periods if h), None) or _pipe_header_period(text)
    if p:
        return p
    # a part of the year whose execution or progress the opening reports on (现将2024年1-6月预算执行情况
    # 报告如下 / 对…重点工作上半年完成情况进行了督办)
    m = _EXECUTED_PERIOD.search(text[:400])
    if m:
        return normalise_period(m.group(1))
    if kind in ("work_report", "plan_report"):
        return "全年"
    p = report_period(list(progress_texts))
    if p:
        return p
    if kind in ("other", "task_progress"):
        # statistics and progress notes in prose: the period their sentences name most (1-11月，全县…)
        p = report_period([x for line in text[:2000].split("\n") if "|" not in line
                           for x in re.split(r"[。；;]", line)])
        if p:
            return p
    if _ALL_DONE.search(text[:1500]):
        return "全年"
    return None


# 完成全年目标的民生小项: the year's target named, not the period the text covers
_FROM_YEAR = re.compile(r"(?:由|从)\s*20[0-4]\d\s*年")
_TARGET_OF_YEAR = re.compile(r"全年(?:目标|任务|计划)")
_EXECUTED_PERIOD = re.compile(r"(上半年|前三季度|一季度|第一季度|\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月)[^。；;]{0,25}"
                              r"(?:执行|完成情况|进展情况|推进情况|落实情况)")


def _month_of_progress(title: str) -> str | None:
    """A month whose progress a title reports (2023年10月份民生实事项目进展情况, 萧县9月份民生工程进展情况)."""
    m = re.search(r"(?<!\d)(\d{1,2})\s*月份?(?!底?前)[^。，,]{0,12}(?:进展|进度|完成|落实|推进|执行)", title)
    return f"1-{int(m.group(1))}月" if m and 1 <= int(m.group(1)) <= 12 else None


def _pipe_header_period(text: str) -> str | None:
    """A period in the header row of the first pipe table (| 指标 | 单位 | 1-3月 |)."""

    for line in text[:5000].split("\n"):
        if line.count("|") >= 2:
            return normalise_period(line)
    return None


def report_period(texts: list[str]) -> str | None:
    """Most frequent normalised period across the progress texts (e.g. 1-6月)."""

    c = Counter(p for p in (normalise_period(t) for t in texts if t) if p and p != "全年")
    return c.most_common(1)[0][0] if c else None
