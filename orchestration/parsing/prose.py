"""Prose reports (政府工作报告, 计划执行情况与计划草案, 工作要点 body): headline targets and
actuals, section-level targets, completion statements and growth targets implied by a gap."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .collector import MeasureCollector
from .completions import is_plan_figure, read_completions
from .numbers import _UNIT_RE, Quantity, clause_before, find_quantities, metric_before, normalise_period
from .progress import named_metric
from .records import MeasureRecord

# (一)聚焦数字经济, 推动产业聚变 -> the sub-section a task-level target belongs to
_SUB_HEADING = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)][^。，,;；\n]{0,24}")
_HEADING = re.compile(r"(?:^|(?<=[\s。]))([一二三四五六七八九十]{1,3})、\s*([^。\n]{2,40}?)(?=\s|。|$)")
_ACTUAL_WORDS = re.compile(r"(回顾|执行情况|完成情况|过去|主要成效|取得|成绩|进展|工作总结|发展成就)")
_PLAN_WORDS = re.compile(r"(目标|任务|安排|计划|草案|重点工作|思路|打算|建议|要点)")
# targets stated against something else, without a number: 增速与经济发展基本同步, 不低于各项贷款平均增速
_RELATIVE = re.compile(r"(?P<metric>[\u4e00-\u9fffA-Za-z]{2,20}?)(?P<rel>(?:增速|增长)?与(?P<ref>[\u4e00-\u9fff]{2,12}?)(?:基本|保持)?同步"
                       r"|(?:增速)?(?:不低于|高于|快于)(?P<ref2>[\u4e00-\u9fff]{2,12}?)(?:平均)?(?:增速|增幅|水平))")
_RELATIVE_WORD = re.compile(r"同步|不低于|高于|快于")     # every _RELATIVE has one: a cheap test first
# a stated gap to the plan implies the plan: 增长7.2%,高于目标1.2个百分点 -> 6.0 / 比目标低0.8个点 /
# 开工项目86个,超年度计划目标12个 -> 74 (the gap is in the actual's unit)
# (高于市政府下达目标4个百分点: the plan may name who set it)
_PLAN_REF = r"(?:(?:[省市县区]政府|[省市县区]委|上级|国家)?(?:下达|确定)的?)?(?:年度|全年|年初|省定|市定)?(?:预期)?(?:计划)?(?:目标|计划|任务)(?:值|数)?"
_GAP = re.compile(rf"(?:(?P<dir>低于|高于|超出|超过|超|快于|慢于|塌|落后|少于|多于){_PLAN_REF}"
                  rf"|(?:比|较){_PLAN_REF}(?P<dir2>高出?|低|快|慢|多出?|少|超出?))"
                  rf"(?P<gap>\d+(?:\.\d+)?)(?P<unit>个?百分点|个点|{_UNIT_RE})")
# (比全省平均增幅(15.97%)高6个百分点: the other's figure may stand in brackets; 超过时间进度13.8个百分点 is
# ahead of the calendar, not a figure of the place either)
_VERSUS_OTHER = re.compile(r"(?:高于|低于|快于|慢于|领先|落后于?|高出|低出|超出)(?!.*(?:目标|计划|任务))[\u4e00-\u9fff]{1,8}$|"
                           r"(?:比|较)(?:全国|全省|全市|平均)[\u4e00-\u9fff]{0,6}(?:[（(][^）)]{0,12}[）)])?(?:高|低|快|慢)$|"
                           r"(?:超过?|快于|慢于|高于|低于|落后于?)(?:序时|时间)进度$")
# a figure in brackets after a comparison names the other's figure: 比全省平均增幅(15.97%)
_BRACKETED_REFERENCE = re.compile(r"(?:比|较|高于|低于|快于|慢于)[^，,。；;]{1,24}[（(]$")
_VERSUS_PLACE = re.compile(r"(?:比|较|高于|低于|快于|慢于)[^，,。；;]{0,20}?(?:全国|全省|全市|全区|平均)[^，,。；;]{0,24}?"
                           r"(?:高|低|快|慢)")
_COMMA = re.compile(r"[，,；;。]")


def _comma_clause(sentence: str, pos: int) -> str:
    """The sentence from the last comma/semicolon before `pos` to `pos` (、 does not cut)."""
    lo = max((m.end() for m in _COMMA.finditer(sentence, max(0, pos - 60), pos)), default=max(0, pos - 60))
    return sentence[lo:pos]
# 超额完成国家下达的110万人年度任务: a figure named as the plan is the plan
_PLAN_AFTER = re.compile(r"(?:的)?(?:年度|全年|年)?(?:目标)?(?:任务|目标)(?!的)")
_ABOVE = ("高于", "超出", "超过", "超", "快于", "多于", "高", "高出", "快", "多", "多出", "超出")


@dataclass
class Section:
    start: int
    end: int
    title: str
    mode: str            # actual | target
    year: int | None


_YEAR_WORD = re.compile(r"20\d\d年")
_YEAR_OF = re.compile(r"(20\d\d)年")
_PLAN_TITLE_WORDS = re.compile(r"(主要目标|预期目标|安排)")


def sections(text: str, report_year: int | None, kind: str) -> list[Section]:
    """Top-level sections (一、… 二、…) with whether they review the past or plan ahead.

    Text before the first such heading (or a text without any) is read in mode "auto": review and
    plan are told apart sentence by sentence from the cues of the language (see `_ModeState`)."""
    heads = []
    for m in _HEADING.finditer(text):
        title = m.group(2)
        if not (_ACTUAL_WORDS.search(title) or _PLAN_WORDS.search(title) or _YEAR_WORD.search(title)):
            continue
        heads.append((m.start(), title))
    out = []
    for i, (pos, title) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        years = [int(y) for y in _YEAR_OF.findall(title)]
        mode = "actual" if _ACTUAL_WORDS.search(title) and not _PLAN_TITLE_WORDS.search(title) else "target"
        if mode == "target" and years and report_year and max(years) < report_year \
                and kind in ("work_report", "plan_report") and not _PLAN_TITLE_WORDS.search(title):
            mode = "actual"   # 一、2015年国民经济和社会发展总体态势 in a 2016 plan report: the year reviewed
        # (a work or plan report reviews the year before its targets; a progress report its own year)
        reviews_last_year = mode == "actual" and report_year and kind in ("work_report", "plan_report")
        year = years[0] if years else (report_year - 1 if reviews_last_year else report_year)
        out.append(Section(pos, end, title, mode, year))
    if not out:
        out.append(Section(0, len(text), "", "auto", report_year))
    elif out[0].start > 0:
        out.insert(0, Section(0, out[0].start, "", "auto", report_year))
    return out


def _sentences(text: str, start: int, end: int, soft: frozenset = frozenset()):
    """(offset, sentence) for each sentence of text[start:end]. A sentence goes on across the
    soft line breaks of hard-wrapped prose (`soft`, from `soft_wraps`); they are left out of the
    sentence read (the evidence is found again across the break)."""
    pending = None
    for m in _SENTENCE.finditer(text, start, end):
        if pending is not None:
            pending = (pending[0], pending[1] + m.group())
        else:
            pending = (m.start(), m.group())
        if m.end() in soft and not m.group().endswith(("。", "！", "？")):
            continue
        yield pending
        pending = None
    if pending is not None:
        yield pending


_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
_HEADING_START = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|第[一二三四五六七八九十]|"
                            r"\d{1,2}[、.．](?!\d)|[●■◆▲•—－-])")
_LINE_END_PUNCT = "。！？：:；;|）)"


_WIDE = re.compile("[\u2e80-\U0010ffff]")


def _width(line: str) -> int:
    """Display width: a CJK character is two columns, ASCII one."""
    return len(line) + len(_WIDE.findall(line))


_LABEL_LINE = re.compile(r"[\u4e00-\u9fff][^\d。！？：:；;|，,]{1,15}")
_FIGURE_LINE = re.compile(r"\s*\d[\d.,]*\s*(?:%|％|[\u4e00-\u9fff])")


def label_breaks(text: str) -> frozenset:
    """Offsets of the line breaks between a label and its figure, as news graphics set them:
    '一般公共预算收入' on one line, '479.89亿元 同比增长45.8%' on the next. The label line is short,
    has no digit and no punctuation; the next line starts with a number and its unit."""
    out, pos = set(), 0
    lines = text.split("\n")
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        if _LABEL_LINE.fullmatch(line.strip()) and not _HEADING_START.match(line) \
                and _FIGURE_LINE.match(lines[i + 1]):
            out.add(pos)
        pos += 1
    return frozenset(out)


_TEXT_GOES_ON = re.compile(r"[\u4e00-\u9fff\d“（(]")


def soft_wraps(text: str) -> frozenset:
    """Offsets of the line breaks of prose hard-wrapped at a fixed width (a PDF's lines): the line
    before is about as long as the longest lines, ends without a full stop, colon or semicolon and
    is no heading, and the next line goes on with text. Text not wrapped that way has none."""
    lines = text.split("\n")
    bodies = [line.strip() for line in lines]
    # (a line under 12 characters is at most 22 columns wide, never the 80% of 32 or more asked below)
    widths = [_width(body) if len(body) >= 12 else 0 for body in bodies]
    lengths = sorted(w for body, w in zip(bodies, widths) if len(body) >= 12)
    if len(lengths) < 4:
        return frozenset()
    width = lengths[int(len(lengths) * 0.9) - 1] if len(lengths) >= 10 else lengths[-2]
    if width < 32:
        return frozenset()
    out, pos = set(), 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        body = bodies[i]
        if widths[i] >= width * 0.8 and body[-1] not in _LINE_END_PUNCT and "|" not in line \
                and not _HEADING_START.match(body):
            nxt = lines[i + 1].lstrip()
            if nxt and not _HEADING_START.match(nxt) and _TEXT_GOES_ON.match(nxt):
                out.add(pos)                           # the offset of the "\n"
        pos += 1
    # a document is hard-wrapped when many of its long lines run on; a few are chance
    return frozenset(out) if len(out) >= 3 else frozenset()


def read_prose(text: str, report_year: int | None, kind: str, out: MeasureCollector,
               body_start: int = 0) -> None:
    """Every number with a unit in the body, role by section (review -> actual, plan -> target)."""
    state = _ModeState(report_year, kind)
    if body_start > 0:
        # the title: 2017年上半年计划执行情况 is a review; 2023年执行情况与2024年计划草案 starts with
        # its review, so the title's first cue sets the state
        state.see(text[:body_start], first=True)
    soft = soft_wraps(text) | label_breaks(text)
    for sec in sections(text, report_year, kind):
        lo = max(sec.start, body_start)
        if lo >= sec.end:
            continue
        subs = [(m.start(), m.group(0)) for m in _SUB_HEADING.finditer(text, lo, sec.end)]
        sub_starts = [pos for pos, _ in subs]     # ascending: the last heading at or before a sentence's end
        plans: list = []     # plan amounts of the paragraph so far (年度投资计划647.4亿元): denominators
        section_plans: list = []   # and of the section so far: a denominator only if it gives the stated rate
        for s_start, sentence in _sentences(text, lo, sec.end, soft):
            if s_start == 0 or text[s_start - 1] == "\n":
                plans = []
            if sentence.count("|") >= 2:
                continue   # a table row: read by the table readers, not as prose
            k = bisect_right(sub_starts, s_start + len(sentence))
            sub = subs[k - 1][1] if k else None
            title = f"{sec.title} / {sub}".strip(" /") if sub else sec.title
            plan = _STRONG_PLAN.search(sentence) if sec.mode == "actual" else None
            if plan and not _ACHIEVED_PLAN.search(sentence, 0, plan.start()) \
                    and not _PLAN_REVIEWED.match(sentence, plan.end()):
                # (主要预期目标完成情况: a review of the targets, not the plan)
                # 今年经济社会发展的主要预期目标是: the plan starts inside a review section whose
                # own heading did not say so; the rest of the section is the plan
                later = [int(y) for y in re.findall(r"(20\d\d)年", sentence) if not sec.year or int(y) > sec.year]
                sec = Section(sec.start, sec.end, sec.title, "target",
                              max(later) if later else (sec.year + 1 if sec.year else report_year))
            if sec.mode != "auto":
                _read_sentence(sentence, Section(sec.start, sec.end, title, sec.mode, sec.year), out, plans, section_plans)
                continue
            for piece in _split_at_cues(sentence):
                # 2023年…增长5.2%，2024年预期目标为增长5.5%左右: each part in its own mode
                mode, year = state.mode_of(piece)
                _read_sentence(piece, Section(sec.start, sec.end, title, mode, year), out, plans, section_plans)


# Cues that the text turns to the past (review) or to the plan, in headings run into the text,
# lead-ins and reported speech: 过去一年工作回顾 / 报告首先回顾了2017年工作 / 2018年…取得显著成效 |
# 2025年主要任务 / 今年经济社会发展主要预期目标是 / 对于2018年工作. 主要 alone is not a plan word.
_REVIEW_CUE = re.compile(r"回顾|成绩单|初步预计|预计(?=全年|20\d\d年|全[省市县区州]|今年全年|增长|实现|完成|达到|突破|(?:实现)?(?:地区生产总值|生产总值|GDP|一般公共预算|财政总?收入|"
                         r"固定资产投资|社会消费品|规模以上|城镇居民|农村居民|居民人均))|据统计|初步统计|初步核算|"
                         r"(?:全面|圆满|超额|提前)(?:高质量)?完成|(?:成立|挂牌)[^。，,；;]{0,8}以来|成就[:：]|过去一年|过去的一年|一年来|过去五年|五年来|工作总结|执行情况|完成情况|(?<![比较于])去年(?!同期)|"
                         r"取得(?:了)?[\u4e00-\u9fff]{0,4}(?:成效|成绩|成就|成果)|主要成效|发展成就")
# (为今年发展奠定了基础 says what the past year did for this one: not a plan cue)
_PLAN_CUE = re.compile(r"(?<!低于)(?<!高于)(?<!超过)(?<!完成)预期目标|主要目标|目标任务是|(?:规划|期间|十[一二三四五六七八九]五[”」\"]?)目标[:：是为]|主要任务|重点任务|(?:工作|指标|目标)(?:体系)?安排|计划草案|总体要求|下半年|"
                       r"(?<![为给])(?:今年|明年)(?!上半年|一季度|前三季度|前[\d一二三四五六七八九十两]{1,2}个月|[1-9１-９一二三四五六七八九十]+[—\-–~至到]|以来)")
# a year after the reviewed one (not a date: 2021年1月13日): 对于2018年工作 / 提出了2021年…
_STRONG_PLAN = re.compile(r"主要预期目标|预期目标(?:是|为)|主要目标(?:是|为)")
_CUE_YEAR_WORK = re.compile(r"(20\d\d)年(?!\d{1,2}月|[1-9一二三四五六七八九十]{1,2}[—\-–~至到])")
# a sentence that reports what was done: 同比 / 已完成 / 占年计划的41.8% / 预计完成 say so whatever the
# state; 完成11.3亿元 / 全年实现 only where no plan is being laid out (全年完成投资80亿元 in a plan is a target)
_DONE_STRONG = re.compile(r"同比|比上年同期|已完成|完成了|实现了|占(?:全年|年度|年)?(?:计划|预算)|预计(?:全年)?(?:实现|完成)|"
                          r"(?:为|达到?)(?:全年|年度|年初|年|调整后?的?)?(?:计划|预算|目标|任务)的\s*\d|"
                          r"完成[^，,。；;]{0,8}(?:计划|预算|任务|目标)的?\d|(?:超|高于|低于)(?:年度|全年|年初)?(?:计划|目标)")
_DONE_WEAK = re.compile(r"(?<![要将力确争])完成[^，,。；;]{0,12}?\d|全年(?:实现|完成)")
_MODAL = re.compile(r"力争|确保|争取|(?<!符合)(?<!超)(?<!于)预期|目标(?:为|是)|(?<![主重需纲摘必])要(?![素求点])|将(?![近])|计划(?:为|新增|完成|实现)|拟")
_PAST = re.compile(r"(过去一年|去年|上年|一年来|过去五年|五年来|回顾|全年实现|全年完成|已完成|完成了|实现了)")
_FUTURE = re.compile(r"(今年|明年|预期目标|主要目标|力争|确保|将|计划|目标为|目标是|(?<![主重需纲摘必])要(?![素求点]))")


# a clause reporting what a period achieved: 1-6月累计完成投资 / 截至6月底已完成 / 上半年实现
_PERIOD_DONE = re.compile(r"\s*(?:\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月(?:份)?|上半年|前三季度|一季度|截[至止][^，,。；;]{0,8}?(?:月底|月末|日|目前))"
                          r"[^，,。；;]{0,8}?(?:累计|已)(?:完成|实现|建成)")
_PLAN_REVIEWED = re.compile(r"[^，,。；;]{0,4}(?:完成|实现|执行|落实)")
# 较好完成了年初确定的主要目标任务: a plan named as what was achieved is a review, not a plan cue
_ACHIEVED_PLAN = re.compile(r"(完成|实现|达到|超额|确定的|下达的)[^，,。；;]{0,16}$")


# a period leading a sentence is what the sentence reports on: 今年以来，… / 1—6月，全市… / 上半年，…
# (力争上半年开工 is a plan: only at the head of the sentence)
_LEAD_PERIOD = re.compile(r"^\s*(?:[^，,。；;]{0,16}(?:获悉|了解到|介绍|显示|表示)[，,：:])?[^，,。；;]{0,6}?(?:今年以来|上半年|前三季度|一季度|前[\d一二三四五六七八九十两]{1,2}个月|\d{1,2}\s*[—\-–~至]\s*\d{1,2}月(?:份)?|"
                          r"截[至止](?:目前|\d{1,2}月))")


_RANK_HELD = re.compile(r"(?:连续\d+年|首次)?(?:位?居|位列|排名)(?:全国|全省|全市|中部|西部|东部)(?:首位|第[一二三四五六七八九十\d]{1,3})")


# a sentence without any of the periods _LEAD_PERIOD ends with cannot match it (a cheap test first)
_LEAD_PERIOD_WORD = re.compile(r"今年以来|上半年|前三季度|一季度|前[\d一二三四五六七八九十两]{1,2}个月|\d{1,2}\s*[—\-–~至]\s*\d{1,2}月|"
                               r"截[至止](?:目前|\d{1,2}月)")


def forget_cues() -> None:
    """Empty the memo of _cues (parse_report does, per report)."""
    _cues_of.cache_clear()


def _cues(sentence: str) -> list[tuple[int, str]]:
    """(position, mode) of the review and plan cues of a sentence."""
    return list(_cues_of(sentence))


@lru_cache(maxsize=256)
def _cues_of(sentence: str) -> tuple[tuple[int, str], ...]:
    """_cues, memoised: a sentence of auto mode is asked for its cues twice (split, then mode)."""
    cues = [(m.start(), "actual") for m in _REVIEW_CUE.finditer(sentence)]
    # a rank held (总量连续35年居全国首位, 增速居全国第七位) is a review, a rank aimed at (力争…) is not
    # (it tells of the figures before it in the sentence: the cue stands at the sentence's start)
    cues += [(0, "actual") for m in _RANK_HELD.finditer(sentence) if not _MODAL.search(sentence, 0, m.start())][:1]
    m = _LEAD_PERIOD.match(sentence) if _LEAD_PERIOD_WORD.search(sentence) else None
    if m and not _MODAL.search(sentence, 0, m.end()):
        cues.append((m.start(), "actual"))
    cues += [(m.start(), "target") for m in _PLAN_CUE.finditer(sentence)
             if not _ACHIEVED_PLAN.search(sentence, max(0, m.start() - 14), m.start())]
    return tuple(cues)


_CLAUSE_BREAK = re.compile(r"[，,；;：:]")
_DIGIT = re.compile(r"\d")
_YEARS = re.compile(r"\d{4}年")


def _split_at_cues(sentence: str) -> list[str]:
    """A sentence that turns from the review to the plan (or back) mid-way is read in parts, cut
    at the clause where the later cue starts; a sentence with one mode stays whole."""
    cues = sorted(_cues(sentence))
    if len(cues) == 0 or not _DIGIT.search(sentence):
        return [sentence]
    parts, last = [], 0
    prev_mode = None
    for pos, mode in cues:
        if prev_mode is not None and mode == prev_mode:
            continue
        cut = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, last, pos)), default=last)
        if cut > last and _DIGIT.search(sentence, last, cut):
            parts.append(sentence[last:cut])
            last = cut
        prev_mode = mode
    parts.append(sentence[last:])
    return parts


class _ModeState:
    """Review or plan, carried from sentence to sentence in text without usable headings."""

    def __init__(self, report_year: int | None, kind: str):
        self.report_year, self.kind = report_year, kind
        self.mode: str | None = None
        self.year: int | None = None
        self.review_year: int | None = None

    def _past_year(self) -> int | None:
        if self.report_year and self.kind in ("work_report", "plan_report"):
            return self.report_year - 1
        return self.report_year

    def see(self, sentence: str, first: bool = False) -> None:
        """Update the state from the cues of a sentence: the last cue in it wins (the first, for a
        title announcing what follows)."""
        cues = _cues(sentence)
        years = [int(y) for y in _YEAR_OF.findall(sentence)]
        for m in _CUE_YEAR_WORK.finditer(sentence):
            y = int(m.group(1))
            if self.review_year and y > self.review_year:
                # 对于2018年工作 after a review of 2017 is the plan; 2016年,财政运行总体平稳,提供了…
                # says what was done in that year (a perfective verb, no modal): a review of it
                done = _PERFECTIVE.search(sentence) and not _MODAL.search(sentence)
                cues.append((m.start(), "actual" if done else "target"))
        change = _CHANGE_DONE.search(sentence)
        if change and not _MODAL.search(sentence):
            # 财政总收入由二千八百亿元增加到七千七百五十亿元: a change that happened (力争由…提高到… is a plan)
            cues.append((change.start(), "actual"))
        lead = _LEAD_YEAR.match(sentence)
        if lead and self.report_year and self.kind in ("work_report", "plan_report") \
                and int(lead.group(1)) < self.report_year:
            # 据介绍,2014年全省实现生产总值… in a 2015 report: a sentence led by an earlier year reviews it
            cues.append((lead.start(1), "actual"))
        if not cues:
            return
        announce = len({m for _, m in cues}) == 2 and not _DIGIT.search(_YEARS.sub("", sentence))
        # 现将2023年预算执行情况和2024年预算草案提请审议: announces review then plan, in that order
        _, mode = min(cues) if first or announce else max(cues)
        if mode == "actual":
            self.mode = "actual"
            self.year = min(years) if years else self._year_of_done(sentence)
            self.review_year = self.year
        else:
            self.mode = "target"
            later = [y for y in years if not self.review_year or y > self.review_year]
            self.year = max(later) if later else (self.review_year + 1 if self.review_year and self.kind in
                                                  ("work_report", "plan_report") else self.report_year)

    def mode_of(self, sentence: str) -> tuple[str, int | None]:
        """Mode and year of a sentence: its own cues, else the carried state, else its words."""
        self.see(sentence)
        plain = _COMPLETION_WORDS.sub("", sentence)
        done = _DONE_STRONG.search(sentence) or (self.mode != "target" and _DONE_WEAK.search(sentence))
        if done and not _MODAL.search(plain):
            year = self.year if self.mode == "actual" else self._year_of_done(sentence)
            return "actual", year
        if self.mode is not None:
            return self.mode, self.year
        return _sentence_mode(sentence, self.report_year, self.kind)

    def _year_of_done(self, sentence: str) -> int | None:
        years = [int(y) for y in _YEAR_OF.findall(sentence)]
        if years:
            return max(years)
        if _LAST_YEAR.search(sentence) and self.report_year:
            return self.report_year - 1
        if normalise_period(sentence) not in (None, "全年"):
            return self.report_year      # 上半年 / 1-6月 of the report's year
        return self._past_year()


_CHANGE_DONE = re.compile(r"由[^，,。；;]{1,24}?(?:增加|增长|扩大|上升)(?:到|至)")
# a sentence led by a year (after a short lead-in: 据介绍, / 初步统计，/ 一是), not a date or a period
_LEAD_YEAR = re.compile(r"\s*(?:[^，,。；;：:\d]{0,8}[，,：:]\s*)?(20[0-4]\d)\s*年(?!\d{1,2}月|[1-9一二三四五六七八九十]{1,2}[—\-–~至到]|以来|底|末|前)")
_PERFECTIVE = re.compile(r"(?<![为除])了(?!解|结)")
_LAST_YEAR = re.compile(r"(?<![比较于])去年(?!同期)")
_COMPLETION_WORDS = re.compile(r"占(?:全年|年度|年|调整)?(?:计划|预算)的?|完成(?:全年|年度|年初|年)?(?:计划|预算|任务|目标)的?")


def _sentence_mode(sentence: str, report_year: int | None, kind: str) -> tuple[str, int | None]:
    """Review (actual of the year before, for work reports) or plan (target) from the sentence's words."""
    years = [int(y) for y in _YEAR_OF.findall(sentence)]
    if report_year and years and max(years) < report_year:
        return "actual", max(years)
    if _PAST.search(sentence) and not _FUTURE.search(sentence):
        return "actual", (report_year - 1) if report_year and kind in ("work_report", "plan_report") else report_year
    return "target", report_year


_METRIC_LEAD_VERBS = re.compile(r"^(实现|力争|确保|推动|保持|全区|全市|全年|其中)+")


def _strip_metric(m: str) -> str:
    return _METRIC_LEAD_VERBS.sub("", m)


# (the verb may be inside the quantity's span: 均突破万亿元 is read with its comparator word)
_STRIVE = re.compile(r"^\s*(?:力争|争取|努力|确保)(?:达到|实现|达|增长)?$")
_EACH = re.compile(r"(?:各(?:自)?|(?<!人)均|(?<!首)都)(?:首次|已|将)?(?:增长|提高|提升|下降|减少|达到?|为|完成|实现|突破|超过)?(?:了)?$")
_SUBJECT_CUT = re.compile(r"[，,；;。：:！？\n（(]")


_EACH_TAIL = re.compile(r"(分别|各自?|(?<!人)均|(?<!首)都)[\u4e00-\u9fff]{0,4}$")
_SUBJECT_LEAD = re.compile(r"^(其中|全年|全市|全区|全县|实现|完成)+")
_LIST_JOINER = re.compile(r"以及|[、和及与]")


def _list_subjects(sentence: str, q: Quantity) -> list[str]:
    """城镇、农村常住居民人均可支配收入分别增长… -> the subjects the list of values is for:
    ['城镇常住居民人均可支配收入', '农村常住居民人均可支配收入'] (a shared head noun is shared)."""
    lo = max((m.end() for m in _SUBJECT_CUT.finditer(sentence, 0, q.start)), default=0)
    subject = _EACH_TAIL.sub("", sentence[lo:q.start]).strip()
    subject = _SUBJECT_LEAD.sub("", subject)
    parts = [p for p in _LIST_JOINER.split(subject) if p]
    if len(parts) < 2:
        return []
    short, last = parts[:-1], parts[-1]
    if len({len(p) for p in short}) == 1 and len(short[0]) <= 2 and len(last) > len(short[0]) + 1:
        tail = last[len(short[0]):]
        full = {"城": "城镇", "乡": "农村"}      # 城、乡居民…: 城镇居民, 农村居民
        return [full.get(p, p) + tail for p in short] + [full.get(last[:1], last[:1]) + tail if len(short[0]) == 1 else last]
    head = next((h for h in _HEAD_NOUNS if last.endswith(h) and len(last) > len(h)), None)
    if head:
        # 限上批发、零售业销售额: 批发 names no quantity, it shares the head noun 销售额
        return [p if any(p.endswith(h) for h in _HEAD_NOUNS) else p + head for p in short] + [last]
    return parts


_HEAD_NOUNS = sorted(["销售额", "营业额", "零售额", "增加值", "总产值", "产值", "总额", "投资", "收入", "支出", "产量", "进出口额", "出口额", "进口额", "人数", "用电量", "可支配收入", "消费支出"], key=len, reverse=True)


def _list_metrics(sentence: str, run: list, out: MeasureCollector) -> None:
    """分别增长5.2%、6.8%: the k-th value is the k-th subject's; 各增长12%: one value, each subject."""
    first_q, first = run[0]
    if len(run) >= 2 and "分别" in clause_before(sentence, first_q.start, limit=60):
        subjects = _list_subjects(sentence, first_q)
        if len(subjects) == len(run):
            for (_, rec), subject in zip(run, subjects):
                rec.metric = subject
    elif len(run) == 1 and _EACH.search(sentence[max(0, first_q.start - 6):first_q.start]):
        subjects = _list_subjects(sentence, first_q)
        if subjects:
            first.metric = subjects[0]
            for subject in subjects[1:]:
                kw = {k: v for k, v in vars(first).items() if k != "measure_seq"}
                kw["metric"] = subject
                out.add(**kw)


# what a figure is for, when the sentence says: a five-year plan period (「十五五」期间年均增长6% is a
# target of 2026-2030, not of the coming year), a target year (到2027年), or the year itself
_FIVE_YEAR = re.compile(r"[「“\"]?十([一二三四五六七])五[」”\"]?(?:时期|期间|规划期|规划|末|以来)?")
_TIME_MARK = re.compile(rf"{_FIVE_YEAR.pattern}|(?:到|至|在)?(20\d\d)年(?:底|末)?(?!\d{{1,2}}月)|今年|明年|"
                        rf"(?P<past5>过去五年|五年来|近五年|这五年)|(?P<next5>今后五年|未来五年)")
_CN_ORDINAL = "一二三四五六七"


def _time_scope(sentence: str, pos: int, year: int | None) -> tuple[int | None, str | None]:
    """(reference year, period label) of a figure at `pos`: the last time mark before it in its
    sentence. A five-year plan period gives its last year and the label '2026-2030'."""
    last = None
    for m in _TIME_MARK.finditer(sentence, 0, pos):
        last = m
    if last is None:
        return year, None
    if last.group("next5") and year:
        return year + 4, f"{year}-{year + 4}"                  # 今后五年年均增长6%: the five years ahead
    if last.group("past5") and year:
        return year, f"{year - 4}-{year}"                      # 五年来年均增长6.1%: the five years reviewed
    if last.group(1):
        n = 10 + _CN_ORDINAL.index(last.group(1)) + 1          # 十五五 -> the 15th plan
        start = 2006 + 5 * (n - 11)
        return start + 4, f"{start}-{start + 4}"
    if last.group(2) and last.group(0).startswith(("到", "至")):
        return int(last.group(2)), None                         # 到2027年: a target year
    if last.group(2) and not _COMMA.search(sentence, last.end(), pos) \
            and sentence[max(0, last.start() - 1):last.start()] not in ("由", "从", "比", "较", "与", "于", "同"):
        return int(last.group(2)), None                         # 2007年比上年增长14.5%: the year of its clause
    return year, None


_PLAN_CLAUSE = re.compile(r"(目标为|目标是|计划为|预期目标|年度目标|目标任务|计划|力争|确保|年初预算|预算为|预算数)")
_DONE_CLAUSE = re.compile(r"(完成|实现|达到?|执行)")
_URBAN_RURAL = re.compile(r"^(城乡居民|城镇和农村居民|城镇、农村居民)")


def _read_sentence(sentence: str, sec: Section, out: MeasureCollector, plans: list | None = None,
                   section_plans: list | None = None) -> None:
    """The figures of one sentence; `plans` carries the plan amounts of the paragraph read so far
    (年度投资计划647.4亿元。…占年度投资计划的97.2%: the plan of an earlier sentence is the denominator)."""
    quantities = find_quantities(sentence)
    if not quantities:
        return
    completions = read_completions(sentence, plans or None, section_plans)
    if plans is not None:
        new = [(q, metric_before(sentence, q.start)[0]) for q in quantities
               if not q.is_percent and q.unit and is_plan_figure(sentence, q)]
        plans += new
        if section_plans is not None:
            section_plans += [q for q, _ in new]
    for c in completions:
        out.add_completion(task_seq=None, stated_pct=c.stated_pct, evidence=c.evidence,
                           actual_value=c.actual.value if c.actual else None,
                           actual_unit=c.actual.unit if c.actual else None,
                           target_value=c.target.value if c.target else None,
                           target_unit=c.target.unit if c.target else None, target_source=c.target_source)
    prev_metric = ""
    urban_rural: dict[bool, int] = {}
    gaps = [(m.start(), m.end()) for m in _GAP.finditer(sentence)]
    plan_in_statement = {c.target.start for c in completions if c.target is not None and c.target_source == "sentence"}
    run: list[tuple[Quantity, MeasureRecord]] = []
    run_prev: Quantity | None = None      # the figure read just before in this sentence
    for q in quantities:
        if any(a <= q.start < b for a, b in gaps):
            continue   # 高于目标1.1个百分点: read below as the target it implies
        if q.is_percent and any(c.start <= q.start < c.end for c in completions):
            continue   # 占年计划的41.8%: a completion rate, not a measure
        if not q.is_percent and any(q.end <= c.start and c.actual is not q and c.target is not q and
                                    not _CLAUSE_BREAK.search(sentence, q.end, c.start) for c in completions):
            continue   # 29个省重点项目完成年度投资计划的171.4%: the subject of the statement, not a figure
        if q.unit in (None,) and q.comparator == "=":
            continue
        if q.unit == "个百分点" and (_VERSUS_OTHER.search(clause_before(sentence, q.start, limit=24))
                                     or _VERSUS_PLACE.search(_comma_clause(sentence, q.start))):
            continue   # 高于全国1.1个百分点 / 比全省和全国分别高0.7、1.4个百分点: comparisons with other places
        if _BRACKETED_REFERENCE.search(_comma_clause(sentence, q.start)):
            continue   # 比全省平均增幅(15.97%) / 比全省(7.7%)和全国(7.0%): the other places' figures
        metric, _ = metric_before(sentence, q.start)
        role = "target" if q.start in plan_in_statement or _PLAN_AFTER.match(sentence, q.end) else sec.mode
        # 完成年计划710亿元的89.4% / 完成下达的110万人年度任务: the plan
        clause = clause_before(sentence, q.start, limit=30)
        if sec.mode == "actual" and _PLAN_CLAUSE.search(clause) \
                and not _DONE_CLAUSE.search(clause):
            role = "target"
        elif role == "target" and q.start not in plan_in_statement and _PERIOD_DONE.match(_comma_clause(sentence, q.start)):
            role = "actual"   # 全年计划完成投资30亿元，1-6月累计完成投资18亿元: the period's figure was achieved
        year, period = _time_scope(sentence, q.start, sec.year)
        rec = out.add_quantity(q, sentence, role, None, reference_year=year, section=sec.title or None,
                               period_label=period or ("全年" if role == "actual" else None))
        if q.is_percent and not q.is_growth and run_prev is not None and run_prev.is_growth \
                and run_prev.unit == q.unit and _STRIVE.match(clause_before(sentence, q.start, limit=12)):
            rec.is_growth_rate = True   # 增长5%以上，力争达到5.5%: the same growth, a higher aim
        if (q.is_growth or not rec.metric) and not named_metric(rec.metric) and prev_metric:
            # 地区生产总值137.2亿元,同比增长5.4% / 分别增长6%和7%: the metric of the figure before
            rec.metric = prev_metric
        elif named_metric(metric) and q.start not in plan_in_statement:
            # (占年初预算数109466万元的56.3%,同比增长10.7%: the plan is not what grew)
            prev_metric = metric
        pair = _URBAN_RURAL.match(rec.metric)
        if pair and "分别" in sentence:
            # 城乡居民…分别为a、b / 分别增长a%和b%: urban first, rural second
            k = urban_rural.get(q.is_percent, 0)
            urban_rural[q.is_percent] = k + 1
            rec.metric = ("城镇居民" if k % 2 == 0 else "农村居民") + rec.metric[pair.end():]
        run_prev = q
        run.append((q, rec))
        if rec.role == "target" and section_plans is not None and not q.is_percent and q.unit:
            section_plans.append(q)   # a target stated earlier: a denominator if it gives a later stated rate
        if not q.list_next:
            _list_metrics(sentence, run, out)
            run = []
    if sec.mode == "target":
        for m in (_RELATIVE.finditer(sentence) if _RELATIVE_WORD.search(sentence) else ()):
            if find_quantities(m.group(0)):
                continue
            metric = _strip_metric(m.group("metric"))
            out.add(task_seq=None, role="target", metric=metric, value=None, unit=None, is_growth_rate=True,
                    comparator="=", evidence=m.group(0), reference_year=sec.year,
                    value_text=m.group("rel"), section=sec.title or None)
    for m in _GAP.finditer(sentence):
        # 高于目标2.1个百分点 after an actual growth rate implies the target: actual -/+ gap
        points = "点" in m.group("unit")
        if points:
            before = [q for q in quantities if q.end <= m.start() and q.is_percent]
        else:
            before = [q for q in quantities if q.end <= m.start() and q.unit == m.group("unit")]
        if not before:
            continue
        act = before[-1]
        gap = float(m.group("gap"))
        above = (m.group("dir") or m.group("dir2")) in _ABOVE
        value = round(act.value - gap if above else act.value + gap, 4)
        metric, _ = metric_before(sentence, act.start)
        rec_metric = next((r.metric for r in out.measures[::-1] if r.evidence and sentence.find(r.evidence) >= 0
                           and r.value == act.value), metric)
        out.add(task_seq=None, role="target", metric=rec_metric, value=value, unit=act.unit,
                is_growth_rate=act.is_growth if points else False, comparator="=",
                evidence=sentence[act.start:m.end()], reference_year=sec.year,
                is_derived=True, section=sec.title or None)
