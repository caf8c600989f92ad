"""Numbers, units, comparators, growth flags and periods in report language.

`find_quantities(text)` returns every number that carries a unit (or a comparator),
with the span it was read from so the caller can cut an exact evidence substring.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Units as written: a measure word with an optional scale before it and an optional "per" after
# it (万人次, 亿斤, 万方, 微克/立方米, 元/人月, 万元/亩), a bare 亿 (突破1.5亿), or one of the special
# words below. Longest alternatives first: the regex takes the first alternative that matches.
_SCALES = ["万亿", "千亿", "百亿", "千万", "百万", "十万", "亿", "万", "千"]
_BASES = ["元", "美元", "欧元", "人次", "人", "户", "家", "个", "项", "件", "批", "座", "所", "条", "支", "套", "间", "张", "台", "辆", "艘", "架", "幢", "栋", "头", "只", "羽", "场次", "场", "次", "处", "棵", "株", "篇", "名", "位", "床", "吨标准煤", "标准煤", "吨", "公斤", "千克", "斤", "毫克", "微克", "克", "标箱", "平方米", "平方公里", "亩", "公顷", "公里", "千米", "米", "千瓦时", "千瓦", "兆瓦", "立方米", "岁", "天", "小时", "倍", "村", "镇", "对", "单", "宗", "轮", "门", "册", "组", "片", "块", "段"]
_SCALED_ONLY = ["方"]          # 20万方 (cubic metres); a bare 方 is 三方协议, 双方
_PER = ["人·月", "人.月", "人月", "人·年", "人.年", "人年", "人·天", "人天", "人次", "人", "户", "月", "年", "天", "日", "秒", "平方米", "立方米", "亩", "吨", "公斤", "千克", "床", "辆", "小时", "套", "家", "万元", "千人", "万人"]
_SPECIAL = ["个百分点", "%", "％", "‰", "个村"]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_UNIT_RE = (rf"(?:{_alt(_SPECIAL)}|(?:(?:{_alt(_SCALES)})?(?:{_alt(_BASES)})|(?:{_alt(_SCALES)})(?:{_alt(_SCALED_ONLY)}))"
            rf"(?:/(?:{_alt(_PER)}))?|亿)")
# 376个村居广播室 / 20个村级组织: 个 counts the 村居, it is not the unit 个村
_UNIT_RE = _UNIT_RE.replace("个村", "个村(?![居级民庄委组])")
_UNIT_FULL = re.compile(_UNIT_RE)
UNIT_RE = _UNIT_RE           # the unit grammar, for patterns of other modules
# representative units (tests): every base alone and with the common scales, and the compounds
UNITS = sorted(set(_SPECIAL + _BASES + [sc + b for sc in ("万", "亿", "千万") for b in ("元", "人", "吨", "人次", "亩", "斤")]
                   + ["万方", "微克/立方米", "元/年", "元/月", "元/人月", "元/人", "万元/人", "元/平方米", "万元/亩", "亿"]),
               key=len, reverse=True)
PERCENT_UNITS = {"%", "％", "个百分点", "‰"}
# A number followed by one of these is a date, an ordinal or a name, not a quantity.
_NOT_QUANTITY_AFTER = re.compile(r"^(年|月|日|号|季度|时|点|国道|省道|线|届|代|期工程|大|强|佳|星|类|级|号线|G\b)")

_CLASS_OF_THINGS = re.compile(r"(?:以上|以下)(?:的)?(?:重大|重点|产业|工业|投资|制造业|龙头|骨干|在建|新建|续建)*(?:建设)?(?:项目|企业|工程)")
_INDICATORS = re.compile(r"(?:主要)?(?:经济|计划|考核|约束性|预期性)?指标")
_RANK_FRAME = re.compile(r"[^，,。；;\d]{0,10}?中(?:居|排名?|位居|位列|列)(?:第|前|全)")
_AGE_GROUP = re.compile(r"(?:及)?(?:以上|以下)?(?:的)?(?:老人|老年人|高龄|儿童|婴幼儿|人口|居民|人员|群体|妇女|青少年|学生|失能)")
_SPEECH_PARTS = re.compile(r"(?:方面|(?:重点|主要)?工作|(?:重点|主要)?任务|举措|措施|要求|原则)")
_PRE_THRESHOLD = re.compile(r"(突破|超过|超|跨越|迈上|达到|达)$")
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
# a zero-width joiner marks a line break inside a wrapped number (text.join_wrapped_numbers)
# (6835. 27亿元: a space typed after the decimal point, only where a scale or % follows the digits)
_AR_NUM = r"\d+(?:\u200b\d+)?(?:,\d{3})*(?:\.\d+|\. \d+(?=[万亿%％‰元]))?"
# (二万五千九百六十八点五五亿元: a 万 group inside the number; 一万六千零一六元 reads digit by digit)
_CN_NUM = r"[零〇一二两三四五六七八九十百千]+(?:万[零〇一二两三四五六七八九十百千]+)?(?:点[零〇一二三四五六七八九]+)?[万亿]?"

# (the lookahead first: every match starts with one of these characters, and a pattern that starts
# with a character class is scanned for it fast, before the optional groups are tried)
_QUANTITY = re.compile(
    r"(?=[\d≥≤><＞＜零〇一二两三四五六七八九十百千])"
    rf"(?P<pre>[≥≤><＞＜]=?)?"
    rf"(?P<num>{_AR_NUM}|{_CN_NUM})(?P<unit1>%|％)?"
    rf"(?:\s*(?P<dash>[-—–~～至到])\s*(?P<num2>{_AR_NUM})(?=\s*(?:%|％|{_UNIT_RE})))?"
    rf"\s*(?P<about>余|多)?(?P<unit>{_UNIT_RE})?"
)
# 突破万亿元 / 首次突破亿元 / 迈上万亿元台阶: a bare scale after a threshold verb is one of it (千亿元,
# 百亿元 are read as numbers: 千 and 百 are digits)
_BARE_SCALE = re.compile(r"(?=[了万亿])(?<=突破|超过|跨越|迈上|迈入|跨上|达到)(?:了)?(?P<unit>(?:万亿|亿)(?:元|美元|斤|人次)|万(?:人次|人|户|家))(?!级)")
_BOUND_OF = re.compile(r"(不低于|不少于|不高于|不超过)[^，,。；;：:\d]{1,16}的$")
_SPACED_SCALE = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)([万亿])[ \u3000]+({_alt(_BASES)})")
_PCT_WORDS = re.compile(r"百分之(?P<num>[零〇一二两三四五六七八九十点]+)")

_PRE_GE = ("不低于", "不少于", "至少", "超过", "超", "突破", "跨越", "迈上", "站上", "跨上", "大于", "高于", "多于", "逾")
_PRE_LE = ("不超过", "不高于", "控制在", "低于", "少于", "小于", "不到")
_POST = (("及以上", ">="), ("以上", ">="), ("左右", "~"), ("以内", "<="), ("以下", "<="), ("之内", "<="))
# longest first, so 不低于 (>=) wins over 低于 (<=)
_PRE_WORDS = sorted([(w, ">=") for w in _PRE_GE] + [(w, "<=") for w in _PRE_LE], key=lambda x: -len(x[0]))
_POST_WORDS = tuple(w for w, _ in _POST)
# every (word + suffix) before a number, in the order comparator_at tries them
_PRE_FORMS = tuple((word + suffix, comp, len(word) + len(suffix)) for word, comp in _PRE_WORDS for suffix in ("在", "了", ""))
_PRE_FORM_WORDS = tuple(f for f, _, _ in _PRE_FORMS)
_AT_LEAST_BEFORE = re.compile(r"(至少|不少于)[\u4e00-\u9fff]{1,2}$")
_AT_LEAST_GROWTH = re.compile(r"(增长|提高|达到?)$")
_SYMBOL = {"≥": ">=", "≤": "<=", ">": ">", "<": "<", "＞": ">", "＜": "<", ">=": ">=", "<=": "<="}

_GROWTH_WORDS = re.compile(r"(增长|增速|增幅|增加|提高|提升|下降|降低|减少|压减|回落|同比|比上年|较上年|年均|上涨|涨幅|降幅|"
                           r"微降|略降|下滑|下跌|微增|略增)")
_DOWN_WORDS = re.compile(r"(下降|降低|减少|回落|微降|略降|下滑|下跌)(了)?$")
# 覆盖率提升到92% / 失业率下降到3%: the level reached, not a change (增速提高到8% is still a growth rate)
_REACHED = re.compile(r"(?:增长|增加|提高|提升|下降|降低|减少|回落|上升|升|降|增)(?:到|至)(?:了)?$")
_GROWTH_NOUNS = re.compile(r"(增速|增幅|增长率|涨幅|降幅|增长速度)")
_ZERO_GROWTH = re.compile(r"零增长")
_GROWTH_AFTER = re.compile(r"(?:左右|以上|以内)?的(?:增长|增速|增幅|涨幅)")
_LEVEL_WORDS = re.compile(r"(率|比重|占比|强度|系数|覆盖面|比例|之比|份额)")


@dataclass
class Quantity:
    value: float
    unit: str | None
    comparator: str
    is_growth: bool
    start: int                # span of the number (with comparator words) in the text
    end: int
    value_high: float | None = None
    raw: str = ""
    comparator_before: bool = False   # the comparator word precedes the number (至少6家), not after
    list_next: bool = False           # the next quantity is the next item of a list sharing one verb

    @property
    def is_percent(self) -> bool:
        return self.unit in PERCENT_UNITS


_MINUS = ("-", "−", "－")
_ZERO_DIGIT_DIGIT = re.compile(r"零([一二三四五六七八九])([一二三四五六七八九])$")


def parse_number(s: str) -> float | None:
    """'1,234.5' -> 1234.5, '两' -> 2, '三十' -> 30, '百亿'-> 1e10, '一点五' -> 1.5. None if not a number."""
    s = s.strip().replace(",", "").replace("\u200b", "").replace(". ", ".")
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        pass
    if not all(ch in _CN_DIGITS + "点" for ch in s):
        return None
    import cn2an

    # 一万六千零一六: the digits after 零 read one by one (零一六 is 16)
    s = _ZERO_DIGIT_DIGIT.sub(r"零\1十\2", s)
    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        # cn2an rejects bare scale words like 百亿; read the scale by hand
        scale = {"百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8}
        if all(ch in scale for ch in s):
            v = 1.0
            for ch in s:
                v *= scale[ch]
            return v
        return None


_MONTH_RANGE = re.compile(r"(\d{1,2})\s*[—\-–~～至到]\s*(\d{1,2})\s*月")
_FIRST_N_MONTHS = re.compile(r"前\s*(\d{1,2})\s*个?月")
_UP_TO_MONTH = re.compile(r"截[至止](?:目前|\d{4}年)?(\d{1,2})月(?:(\d{1,2})日|底|末)?")
_FIRST_N_MONTHS_CN = re.compile(r"前(\d{1,2}|[一二三四五六七八九十两]{1,2})个月")
# (4月，一般公共预算收入累计完成…: a month leading a running total is the months up to it)
_MONTH_SO_FAR = re.compile(r"(?<!\d)(\d{1,2})月(份)?(?:以来|底(?!前)|末(?!前)|(?:进展|完成|推进|执行)情况|[，,][^。；;，,]{0,20}累计)")


def normalise_period(text: str) -> str | None:
    """The period a progress statement covers, normalised: 1—6月 -> 1-6月, 一季度 -> 1-3月."""
    if "月" not in text and "季度" not in text and "上半年" not in text and "全年" not in text:
        return None     # every pattern below needs one of these words
    m = _MONTH_RANGE.search(text)
    if m:
        return f"{int(m.group(1))}-{int(m.group(2))}月"
    m = _FIRST_N_MONTHS.search(text)      # 前11个月, 今年前11月
    if m:
        return f"1-{int(m.group(1))}月"
    m = _UP_TO_MONTH.search(text)
    if m:
        month = int(m.group(1))
        # the last day of a month closes it: 截至10月31日 is 1-10月 (截至7月18日 is not)
        if m.group(2) and int(m.group(2)) < (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[(month - 1) % 12]:
            return f"截至{month}月{int(m.group(2))}日"
        return f"1-{month}月"
    m = _FIRST_N_MONTHS_CN.search(text)
    if m:
        n = parse_number(m.group(1))       # 今年前4个月 -> 1-4月
        if n and 1 <= n <= 12:
            return f"1-{int(n)}月"
    for words, label in (
        (("前三季度",), "1-9月"),
        (("一季度", "第一季度"), "1-3月"),
        (("上半年",), "1-6月"),
        (("全年", "全年度"), "全年"),
    ):
        if any(w in text for w in words):
            return label
    # 7月份以来 / 10月底 / 2018年7月进展情况 (not a deadline: 12月底前)
    m = _MONTH_SO_FAR.search(text)
    if m:
        return f"1-{int(m.group(1))}月"
    return None


def comparator_at(text: str, start: int, end: int, pre_symbol: str | None) -> tuple[str, int, int]:
    """Comparator from words around the number; returns (comparator, new_start, new_end)."""
    if pre_symbol:
        return _SYMBOL.get(pre_symbol, "="), start, end
    after = text[end:end + 4]
    for word, comp in _POST:
        if after.startswith(word):
            return comp, start, end + len(word)
    before = text[max(0, start - 4):start]
    m = _AT_LEAST_BEFORE.search(text, max(0, start - 6), start)
    if m and not _AT_LEAST_GROWTH.search(m.group(0)):
        return ">=", start - len(m.group(0)), end     # 至少形成10家
    if before.endswith(_PRE_FORM_WORDS):
        for form, comp, n in _PRE_FORMS:
            if before.endswith(form):
                return comp, start - n, end
    if text.startswith(("倍", "%", "％"), end - 1) and text[start - 1:start] == "的":
        # 不低于当地最低生活保障标准的1.6倍: the bound is a share of something named before it
        m = _BOUND_OF.search(text, max(0, start - 24), start)
        if m:
            return (">=" if m.group(1) in _PRE_GE else "<="), start, end
    return "=", start, end


def clause_before(text: str, pos: int, limit: int = 40) -> str:
    """Text from the start of the clause holding `pos` up to `pos`: cut at punctuation, and at an
    opening parenthesis only when it is still open at `pos` (村(社)便民服务站 stays whole)."""
    key = (text, pos, limit)
    got = _clauses.get(key)
    if got is None:
        if len(_clauses) >= _MEMO_MAX:      # called outside parse_report: stay bounded
            _clauses.clear()
        got = _clauses[key] = _clause_before(text, pos, limit)
    return got


def _clause_before(text: str, pos: int, limit: int) -> str:
    lo = max(0, pos - limit)
    seg = text[lo:pos]
    rev = seg[::-1]          # the last cut of seg is the first of its reverse: one search in C
    m = _CLAUSE_CUT.search(rev)
    cut = len(seg) - 1 - m.start() if m else -1
    for ch, close in (("（", "）"), ("(", ")")):
        i = seg.rfind(ch)
        if i > cut and close not in seg[i:]:
            cut = i
    # a heading run into its paragraph on one line: '…主要预期目标 地区生产总值增长7%'
    m = _SPACE_IN_CJK.search(rev)
    if m and len(seg) - 1 - m.start() > cut:
        cut = len(seg) - 1 - m.start()    # the last whitespace character before the paragraph starts
    return seg[cut + 1:] if cut >= 0 else seg


_CLAUSE_CUT = re.compile(r"[，,；;。：:！？\n|、]")
_SPACE_IN_CJK = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def find_quantities(text: str) -> list[Quantity]:
    """Every number with a unit (or comparator) in `text`, skipping dates, ordinals and names.

    The same text is often read more than once in a report (a task row, then its sentences); the
    result is memoised per text and handed out as fresh copies, which callers may change."""
    found = _found.get(text)
    if found is None:
        found = _find_quantities(text)
        if len(_found) >= _MEMO_MAX:
            _found.clear()
        _found[text] = found
    return [_copy(q) for q in found]


_found: dict[str, list[Quantity]] = {}
_MEMO_MAX = 16384


def forget_quantities() -> None:
    """Empty the memos of this module (parse_report does, per report: a report's speed never
    depends on another's, and memory stays bounded by one report)."""
    _found.clear()
    _clauses.clear()
    _metrics.clear()


_clauses: dict[tuple[str, int, int], str] = {}
_metrics: dict[tuple[str, int], tuple[str, int]] = {}


def _copy(q: Quantity) -> Quantity:
    c = object.__new__(Quantity)
    c.__dict__.update(q.__dict__)
    return c


def _find_quantities(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    quoted = _quoted_spans(text)
    for m in _QUANTITY.finditer(text):
        num_s, unit = m.group("num"), m.group("unit")
        if not unit and not m.group("unit1"):
            # most matches carry no unit (一 of 进一步, the year of 2023年): those the checks below
            # would reject, rejected first: a Chinese numeral without a unit or a scale word that
            # may become one, an arabic number without a comparator before or after it
            if not num_s[0].isdigit():
                if num_s[-1] not in "万亿":
                    continue
            elif not m.group("pre") and not text.startswith(_POST_WORDS, m.end()):
                continue
        start, end = m.start("num"), m.end()
        if m.group("pre"):
            start = m.start()
        if m.group("unit1") and not unit:
            unit = m.group("unit1")
        if text.startswith("级", end) or text.startswith("级", m.end("num")):
            continue   # 千亿级产业集群 / 10万吨级码头: a class, not a figure
        if unit and _CLASS_OF_THINGS.match(text, end) and ("元" in unit or unit == "亿"):
            continue   # 一批10亿元以上项目: projects of that size, not a figure of its own
        if unit == "项" and (_INDICATORS.match(text, end) or "指标中" in text[max(0, start - 12):start]):
            continue   # 13项指标中10项较好完成: counts of the report's own indicators, not figures
        if unit == "岁" and _AGE_GROUP.match(text, end):
            continue   # 为80岁以上老人投保: an age group, not a figure (人均预期寿命80岁 is one)
        if unit in ("个", "项", "件") and _SPEECH_PARTS.match(text, end) and not num_s[0].isdigit():
            continue   # 从五个方面回顾 / 重点做好八项工作: the parts of a speech
        if not unit and num_s[-1] in "万亿" and len(num_s) > 1 and not num_s[0].isdigit() and \
                (text.startswith("大关", end) or _PRE_THRESHOLD.search(text, max(0, start - 4), start)):
            num_s, unit, end = num_s[:-1], num_s[-1], m.end("num")    # 突破百亿大关 -> 100 亿
        if not unit and not m.group("pre") and not text.startswith(_POST_WORDS, end):
            continue
        if start > 0 and _ALNUM_BEFORE.match(text, start - 1):
            continue
        is_cn = not num_s[0].isdigit()
        if is_cn and (num_s in ("一", "十") or not unit or unit in PERCENT_UNITS):
            continue
        if any(a <= start < b for a, b in quoted):
            continue
        if _NOT_QUANTITY_AFTER.match(text[m.end("num"):m.end("num") + 4]) and not unit:
            continue
        if unit and text[m.end():m.end() + 1] and _is_word_continuation(unit, text[m.end():m.end() + 2]):
            continue
        if text[max(0, start - 1):start] in ("第", "前", "后") and not m.group("pre"):
            continue
        if _RANK_FRAME.match(text, end):
            continue   # 在全省21个地级以上市中居第7位: the field of a ranking, not a figure
        if text[max(0, start - 1):start] == "每":
            continue   # 每千人口床位数 / 每万人: the denominator of a rate, not a quantity
        if is_cn and unit == "次":
            continue   # 二届三次全会, 三次创业: ordinals and names, not counts
        if is_cn and len(num_s) > 1 and num_s[-1] in "万亿" and unit and _UNIT_FULL.fullmatch(num_s[-1] + unit):
            num_s, unit = num_s[:-1], num_s[-1] + unit    # 百亿元 -> 100 亿元
        value = parse_number(num_s)
        if value is None:
            continue
        value_high = parse_number(m.group("num2")) if m.group("num2") else None
        if value_high is not None and value == 0:
            continue   # 0-3岁婴幼儿: a population described, not a quantity
        comp, s2, e2 = comparator_at(text, start, end, m.group("pre"))
        if m.group("about") and unit and comp == "=":
            comp = ">="   # 130余家: more than 130
        before = clause_before(text, start)
        growth = False
        if unit in PERCENT_UNITS:
            tail = before[-8:]
            growth = bool(_GROWTH_WORDS.search(tail)) and not _LEVEL_WORDS.search(tail[-3:] if tail else "")
            reached = bool(_REACHED.search(before[-5:]))
            if reached:
                growth = bool(_GROWTH_NOUNS.search(before))
            if unit == "个百分点":
                growth = True
            elif unit == "‰":
                growth = False   # 人口自然增长率控制在6‰以内: rates per thousand are levels
            elif _GROWTH_AFTER.match(text, end):
                growth = True    # 实现9.5%左右的增长: the growth word follows the number
        else:
            reached = False
        if unit in PERCENT_UNITS and text[start - 1:start] in _MINUS and m.group("pre") is None \
                and not text[max(0, start - 2):start - 1].isdigit():
            value, start = -value, start - 1      # 增长-8.7%: the sign written (not a range 3-5%)
            s2 = min(s2, start)
        elif _DOWN_WORDS.search(before[-4:]) and unit in PERCENT_UNITS and not reached:
            value = -value
        out.append(Quantity(value=value, unit=unit.replace("％", "%") if unit else None, comparator=comp,
                            is_growth=growth, start=s2, end=e2, value_high=value_high,
                            raw=text[s2:e2], comparator_before=s2 < start))
    for m in (_PCT_WORDS.finditer(text) if "百分之" in text else ()):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        comp, s2, e2 = comparator_at(text, m.start(), m.end(), None)
        before = clause_before(text, m.start())
        if _DOWN_WORDS.search(before[-4:]):
            value = -value                        # 下降百分之二点七
        out.append(Quantity(value=value, unit="%", comparator=comp,
                            is_growth=bool(_GROWTH_WORDS.search(before[-8:])), start=s2, end=e2,
                            raw=text[s2:e2]))
    for m in (_BARE_SCALE.finditer(text) if "万" in text or "亿" in text else ()):
        if any(a <= m.start() < b for a, b in quoted):
            continue
        unit = m.group("unit")
        comp, s2, e2 = comparator_at(text, m.start("unit"), m.end(), None)
        out.append(Quantity(value=1.0, unit=unit, comparator=comp, is_growth=False, start=s2, end=e2,
                            raw=text[s2:e2], comparator_before=s2 < m.start("unit")))
    for m in (_SPACED_SCALE.finditer(text) if ("万 " in text or "亿 " in text) else ()):
        # 新增 41.04万 平方米 立体绿化: the scale stays with the number, the base unit follows a space
        if any(q.start <= m.start() < q.end for q in out) or any(a <= m.start() < b for a, b in quoted):
            continue
        comp, s2, e2 = comparator_at(text, m.start(), m.end(), None)
        out.append(Quantity(value=float(m.group(1)), unit=m.group(2) + m.group(3), comparator=comp, is_growth=False,
                            start=s2, end=e2, raw=text[s2:e2], comparator_before=s2 < m.start()))
    for m in (_ZERO_GROWTH.finditer(text) if "零增长" in text else ()):
        # 一般性支出零增长: a growth rate of 0
        out.append(Quantity(value=0.0, unit="%", comparator="=", is_growth=True, start=m.start(), end=m.end(),
                            raw=m.group()))
    out.sort(key=lambda q: q.start)
    out = _merge_ranges(text, out)
    _share_respective_comparator(text, out)
    _share_list_verb(text, out)
    return out


_OWN_VERB = re.compile(r"\d|[增降提减达为实完建]")
_LIST_JOIN = re.compile(r"\s*(?:、|和|及|与|以及)\s*$")


def _share_list_verb(text: str, qs: list[Quantity]) -> None:
    """Items of a list after one verb share what the verb says: 分别增长3%、6.8% are both growth
    (分别下降2%、3% both negative); 至少建成6家菜园、14家食堂 are both at least. An item shares
    only when it starts right after 、/和/及 with its number (no verb of its own)."""
    down = set()
    for a, b in zip(qs, qs[1:]):
        between = text[a.end:b.start]
        if not _LIST_JOIN.search(between) or "，" in between or "," in between or "。" in between:
            continue
        # the first item's own words may follow its number: 6家共享菜园、
        if _OWN_VERB.search(_LIST_JOIN.sub("", between)):
            continue
        a.list_next = True
        if a.is_percent and b.is_percent and not a.is_growth and b.is_growth and b.unit != "个百分点":
            b.is_growth = False   # 育苗率分别提升到100%和80%: levels both
        elif a.is_percent and b.is_percent and a.is_growth and not b.is_growth:
            b.is_growth = True
            if a.value < 0 < b.value and (id(a) in down or _DOWN_WORDS.search(clause_before(text, a.start)[-4:])):
                b.value = -b.value
                down.add(id(b))
        if a.comparator_before and b.comparator == "=" and a.comparator in (">=", "<="):
            b.comparator, b.comparator_before = a.comparator, True


def _merge_ranges(text: str, qs: list[Quantity]) -> list[Quantity]:
    """8000人至10000人以上 -> one quantity 8000..10000 (>=)."""
    merged: list[Quantity] = []
    for q in qs:
        prev = merged[-1] if merged else None
        if prev is not None and prev.unit == q.unit and prev.value_high is None and \
                text[prev.end:q.start].strip() in ("至", "到", "-", "—", "–", "~", "～") and q.value > prev.value:
            prev.value_high, prev.end = q.value, q.end
            prev.raw = text[prev.start:q.end]
            if q.comparator != "=":
                prev.comparator = q.comparator
            continue
        merged.append(q)
    return merged


def _share_respective_comparator(text: str, qs: list[Quantity]) -> None:
    """参保率分别达到98%和99%以上: the comparator after the last value applies to each of them."""
    for a, b in zip(qs, qs[1:]):
        if a.comparator == "=" and b.comparator != "=" and a.unit == b.unit and \
                text[a.end:b.start].strip() in ("和", "、", "及", "与") and "分别" in clause_before(text, a.start):
            a.comparator = b.comparator


def _is_word_continuation(unit: str, nxt: str) -> bool:
    """Units that are really the first character of a longer word: 101项目 (a project name),
    3门课 is fine but 5门户 is not, 2单元 … Counts of people (700名老人) are quantities."""
    if unit == "项" and (nxt[:1] == "目" or (nxt[:1] == "赛" and nxt[:2] != "赛事")):
        return True       # 101项目, 铁人三项赛: names, not counts (5项赛事 is a count)
    if unit == "头" and nxt[:1] in "部条版号脑":
        return True      # 3头部企业 is not a head count
    if unit == "只" and nxt[:1] in "有是要能会":
        return True
    if unit.endswith("台") and nxt[:1] == "阶":
        return True      # 迈上5万亿台阶: a step, not machines
    if unit == "位" and nxt[:1] == "数":
        return True      # 两位数增长: a number of digits, not a count
    if unit in ("门", "对", "单", "段", "组", "片", "册"):
        return bool(re.match(r"[\u4e00-\u9fff]", nxt))
    return False


_QUOTED = re.compile(r"“[^”]{0,20}”|《[^》]{0,60}》|\"[^\"]{0,20}\"|「[^」]{0,20}」")
_ALNUM_BEFORE = re.compile(r"[\dA-Za-z.]")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside “…” or 《…》 or "…": programme names and titles, not quantities."""
    spans = []
    for m in _QUOTED.finditer(text):
        spans.append((m.start(), m.end()))
    return spans


_LEAD_NOISE = re.compile(
    r"^(?:[●•■◆▲]\s*|年初(?:确定|计划)?的?|(?:年度|年初)?(?:计划)?目标为|[\d一二三四五六七八九十]+[、.．)]|其中|同时|另|并|力争|确保|争取到|争取|努力|全年|年内|全区|全市|全县|全省|安排|预计|"
    r"累计|实现|完成了|完成|达到|新增了|共|总计|合计|目前|今年|当年|去年|上年|(?:到|至)?\d{4}年(?:度|底|末)?|(?:过去|近|这)?[两三四五]年(?:来|间|内)?|"
    r"[「“\"]?十[一二三四五六七]五[」”\"]?(?:时期|期间|规划期|末|以来)?|[\d—\-–~至]+月(?:份)?|"
    r"截[至止][^，,]*?[日底末]|一季度|上半年|前三季度|以来)+"
)
_TAIL_NOISE = re.compile(r"((?:年度|年初|全年)?(?:计划)?目标为?|年均|预期|预计|完成(?:全年|年度|年)?(?:计划|任务|目标)|达到|达|为|是|增长|增速为|增速|增幅|同比|同口径|(?:按)?可比(?:价格?)?(?:计算)?|(?:比|较)(?:上年|去年)同期|比上年|较上年|突破|超过|超|不低于|不少于|控制在|至少|保持在|稳定在|提高到|提升至|提高|提升|下降|减少|降低|微降|略降|下滑|下跌|回落|上涨|上升|分别|约|近|共|累计|已|完成|实现)+$")


_FROM_TO = re.compile(r"(?:由|从)(?:\d{4}年(?:底|末)?的?|上年的?|去年的?)?(?:[\d.零〇一二两三四五六七八九十百千万]+[多余]?[^，,。；;\d]{0,8}(?:(?:增加|提高|增长|提升|上升|下降|减少|降低|扩大|拓展|扩展|发展)(?:到|至|为)(?:\d{4}年(?:底|末)?的?)?)?)?$")
_GROWTH_TAIL = re.compile(r"(?:同比|比上年|较上年)?(?:增长|下降|提高|增加)\s*-?\d+(?:\.\d+)?\s*[%％](?:左右|以上)?[，,]?$")
_NUM_UNIT = re.compile(rf"({_AR_NUM})\s*({_UNIT_RE})")
_LIST_WORDS = re.compile(r"[和、及与以上左右]")
_LIST_END = re.compile(r"(和|及|以及|与)$")
_SELF_LEAD = re.compile(r"^(全区|全市|全县|全省|全州|全盟|全旗|我区|我市|我县|我省)")
_EXAMPLES_END = re.compile(r"等(?:一批)?$")


def metric_before(text: str, start: int) -> tuple[str, int]:
    """(metric name, start offset of the clause) for a number at `start` (memoised per report:
    the readers ask for it several times for one number)."""
    key = (text, start)
    got = _metrics.get(key)
    if got is None:
        if len(_metrics) >= _MEMO_MAX:
            _metrics.clear()
        got = _metrics[key] = _metric_before(text, start)
    return got


def _metric_before(text: str, start: int) -> tuple[str, int]:
    """(metric name, start offset of the clause) for a number at `start`.

    The metric is the clause text before the number with leading time/adverb words and
    trailing verbs stripped: '1—6月全区规上工业增加值增长' -> '规上工业增加值'.
    """
    clause = clause_before(text, start, limit=60)
    clause_start = start - len(clause)
    # 分别增长6%和7%: for the second number, the metric is not '…6%和'
    prior = list(_NUM_UNIT.finditer(clause))
    if prior:
        rest = clause[prior[-1].end():]
        if len(_LIST_WORDS.sub("", rest)) == 0 or _LIST_END.search(rest):
            # …分别增长6%和7% / 推动10项改革项目和16项…: the words before belong to the earlier number
            return "", clause_start
    metric = _LEAD_NOISE.sub("", clause.strip())
    metric = _TAIL_NOISE.sub("", metric).strip()
    frm = _FROM_TO.search(metric)
    if frm and frm.start() >= 2:
        metric = metric[:frm.start()]   # 财政收入由2015年的80亿元增加到2020年的: the metric is 财政收入
    if _GROWTH_TAIL.search(metric):
        # 地区生产总值增长6.2%达150亿元: the amount's metric is the one that grew
        metric = _TAIL_NOISE.sub("", _GROWTH_TAIL.sub("", metric)).strip()
    metric = _SELF_LEAD.sub("", metric)
    if _EXAMPLES_END.search(metric):
        return "", clause_start   # 玻璃包装材料等501个项目: examples, the thing counted follows the number
    return metric, clause_start


def metric_overlap(a: str, b: str) -> int:
    """Characters of `a` that also occur in `b` (a cheap metric similarity for Chinese text)."""
    bs = set(b)
    return sum(1 for ch in set(a) if ch in bs and "\u4e00" <= ch <= "\u9fff")
