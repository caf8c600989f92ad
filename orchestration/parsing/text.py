"""Decoded text -> clean text for the readers: script conversion, width, boilerplate, pinyin
(the offsets map back to the raw text that evidence points into)."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


# Common characters that exist only in the traditional script (展, 乾, 干 are in both: a simplified
# report must never go through OpenCC, which rewrites 乾县 to 干县).
_TRAD_ONLY = frozenset("這個們區縣經濟產業與發對為會實現務農鎮辦劃計總額億萬項達報設進關開動標質級單體國際義長門問間點時"
                       "來說後從過還樣頭將應當數據導條醫療學資態費億稅貿構積極壓轉險環節網絡電財統")
_TRAD_SAMPLE = 20000
_TRAD_RE = re.compile("[" + "".join(sorted(_TRAD_ONLY)) + "]")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def looks_traditional(text: str) -> bool:
    """Traditional-only characters are present, and not just a quoted name: at least 5 of them and
    at least 2% of the Chinese characters of the sample."""
    sample = text[:_TRAD_SAMPLE]
    trad = len(_TRAD_RE.findall(sample))
    return trad >= 5 and trad >= 0.02 * len(_CJK_RE.findall(sample))


# full-width ASCII (１２３％，ＧＤＰ) -> half-width, one character for one, so offsets are kept;
# the Chinese full-width comma/semicolon/colon stay, they are what the parsers split on anyway
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in "，；：！？（）"}
_WIDTH[0x3000] = 0x20


_FULL_WIDTH = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_WIDTH)) + "]")


def _half(m: re.Match) -> str:
    return chr(_WIDTH[ord(m.group())])


def normalise_width(text: str) -> str:
    # str.translate looks up every character; most texts have no or few full-width characters,
    # which one regex scan finds and replaces (the same result, many times faster)
    n = len(_FULL_WIDTH.findall(text))
    if n == 0:
        return text
    if n * 10 < len(text):
        return _FULL_WIDTH.sub(_half, text)
    return text.translate(_WIDTH)


def to_simplified(text: str) -> str:
    """Traditional -> simplified (OpenCC t2s). Character-for-character, so offsets are kept."""
    if not looks_traditional(text):
        return text
    out = _t2s().convert(text)
    # t2s maps one char to one char for the text of these reports; fall back if it does not
    return out if len(out) == len(text) else text


# Web boilerplate: forum / portal lines that carry no report content.
_BOILERPLATE = re.compile(
    r"^\s*[•·*\-]?\s*(设为首页|收藏本站|查看[:：]\s*\d+|\[复制链接\]|TA的每日心情|签到天数|\[LV\.|Rank[:：]|"
    r"发表于\s*\d{4}-|显示全部楼层|阅读模式|积分\s*$|主题\s*$|帖子\s*$|版主\s*$|开心\s*$|"
    r"昨天\s*\d|回复\s*$|举报\s*$|分享\s*$|返回列表|上一篇|下一篇|登录|立即注册|找回密码|"
    r"浏览次数|字体[:：]|打印本页|关闭窗口|扫一扫|Powered by|Copyright|版权所有|ICP备|网站地图)"
)


# (unanchored, for one scan of the whole text; the lookahead names every character a match can
# start with — the bullet, a space, the first character of each phrase — so the scan skips the rest fast)
_BOILERPLATE_ANY = re.compile(r"(?=[•·*\-\s设收查\[T签R发显阅积主帖版开昨回举分返上下登立找浏字打关扫PCI网])"
                              + _BOILERPLATE.pattern.replace("^\\s*", "", 1), re.M)


def strip_boilerplate(text: str) -> str:
    """Blank out web boilerplate lines (menus, sign-in prompts, footers), keeping every offset.

    A line is replaced by as many spaces as it had characters, so every offset into the stripped
    text is the same offset into the raw text (evidence stays traceable, nothing is dropped)."""
    spans = [(m.start(), m.end()) for m in _BOILERPLATE_ANY.finditer(text)]
    if not spans:
        return text
    lines = text.split("\n")
    # only a line some unanchored match touches can match the anchored pattern: test those lines
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    touched = set()
    for a, b in spans:
        touched.update(range(bisect_right(starts, a) - 1, bisect_right(starts, b)))
    for k in touched:
        if _BOILERPLATE.search(lines[k].strip()):
            lines[k] = " " * len(lines[k])
    return "\n".join(lines)


# Pinyin annotations some traditional pages insert after characters: 現(xiàn)在, 項(xiàng)目, 萬(wàn)元.
# A run of latin letters with a tone mark, in ASCII or full-width parentheses, right after a
# Chinese character; removed only where the page has several (a real "(a)" stays).
# (the parenthesis first, the character before it checked behind: a pattern starting with a
# character class is scanned for it fast)
# A character may carry its annotation twice: 增(zeng)(zeng)长.
_PINYIN = re.compile(r"[(（](?<=[\u4e00-\u9fff)）][(（])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,6}[)）]")
_TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
# a toneless annotation is a pinyin syllable: initial, vowels, final nasal (zeng, zhang, ju, xiang)
_SYLLABLE = re.compile(r"[(（](?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?[aeiouvü]{1,3}(?:ng|n|r)?[)）]")


@dataclass(frozen=True)
class CleanText:
    """The text the parsers read and how to find a span of it in the raw text.

    Cleanups that change the length (pinyin annotations removed) record where they cut, so any
    span of `text` maps back to the exact span of `raw` it was read from (annotations inside the
    span included): evidence stays an exact substring of the file."""
    text: str
    raw: str
    cuts: tuple[int, ...] = ()        # positions in `text` where raw characters were removed
    removed: tuple[int, ...] = ()     # characters removed up to and including each cut (cumulative)

    def raw_pos(self, i: int) -> int:
        """Raw offset of the text character at i (of the end, for i == len(text))."""
        k = bisect_right(self.cuts, i)
        return i + (self.removed[k - 1] if k else 0)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            p = self.raw_pos(start)
            return p, p
        return self.raw_pos(start), self.raw_pos(end - 1) + 1

    def raw_of(self, start: int, end: int) -> str:
        a, b = self.raw_span(start, end)
        return self.raw[a:b]


def remove_pinyin(raw: str) -> CleanText:
    """現(xiàn)在 -> 現在, with the offsets of what was cut (see CleanText)."""
    matches = list(_PINYIN.finditer(raw))
    toned = sum(1 for m in matches if _TONE.search(m.group()))
    syllables = sum(1 for m in matches if _SYLLABLE.fullmatch(m.group()))
    if toned < 3 and syllables < 5:
        return CleanText(raw, raw)
    parts, cuts, removed, last, total = [], [], [], 0, 0
    for m in matches:
        parts.append(raw[last:m.start()])
        total += m.end() - m.start()
        cuts.append(m.start() - (total - (m.end() - m.start())))
        removed.append(total)
        last = m.end()
    parts.append(raw[last:])
    return CleanText("".join(parts), raw, tuple(cuts), tuple(removed))


# A number hard-wrapped across lines (…完成投资12\n3.4亿元): the line break becomes a zero-width
# joiner the number reader skips, one character for one, so offsets are kept. Only inside prose
# wrapped at a fixed width: the line before is long, is not a table row, and the next line goes
# on with digits and a unit (a list item "2.新建…" does not).
_WRAPPED_NUMBER = re.compile(r"\n(?<=\d\n)(?=\d[\d.,]*\s*(?:%|％|[万亿千百]?[\u4e00-\u9fff]))")
NUMBER_JOINER = "\u200b"


def join_wrapped_numbers(text: str) -> str:
    if "\n" not in text:
        return text
    out, last = [], 0
    for m in _WRAPPED_NUMBER.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start:m.start()]
        nxt = text[m.end():m.end() + 8]
        if len(line.strip()) < 20 or "|" in line or re.match(r"\d+[、.．)）](?!\d)", nxt):
            continue
        out.append(text[last:m.start()])
        out.append(NUMBER_JOINER)
        last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


# Variant forms some pages use for common characters (増 is the Japanese form of 增, 陜 a variant of
# 陕), one character for one.
_VARIANTS = str.maketrans("増陜", "增陕")
_VARIANT_RE = re.compile("[増陜]")
# Years written in Chinese numerals (二〇〇四年, 二零一六年) -> digits, four characters for four.
# (二00六年: some pages type the zeros as digits or the letter O)
_CN_YEAR = re.compile(r"(?:二[〇○零0O][〇○零0O一二三四五六七八九]{2}|一九[〇○零0O一二三四五六七八九]{2})(?=\s*年)")
_CN_DIGIT = str.maketrans("〇○零O一二三四五六七八九", "0000123456789")


def normalise_forms(text: str) -> str:
    """Variant characters to their common form, Chinese-numeral years to digits (same length)."""
    if _VARIANT_RE.search(text):
        text = text.translate(_VARIANTS)
    return _CN_YEAR.sub(lambda m: m.group().translate(_CN_DIGIT), text)


def clean_for_parsing(raw: str) -> CleanText:
    """Raw text -> the text the parsers read: pinyin annotations removed (offsets recorded),
    full-width ASCII to half-width, traditional to simplified when the text is traditional,
    variant characters and Chinese-numeral years normalised,
    wrapped numbers joined and web boilerplate blanked (these keep the length)."""
    c = remove_pinyin(raw)
    text = strip_boilerplate(join_wrapped_numbers(normalise_forms(to_simplified(normalise_width(c.text)))))
    assert len(text) == len(c.text), "a same-length cleanup changed the length"
    return CleanText(text, raw, c.cuts, c.removed)
