"""Bytes -> clean text: encoding detection, script conversion, boilerplate stripping."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


class UnreadableReport(ValueError):
    """The bytes cannot be read as a text report; the message says why."""


@dataclass(frozen=True)
class DecodedText:
    text: str          # the decoded text, line ends normalised to \n (what evidence refers to)
    encoding: str      # encoding the bytes were read with
    had_bom: bool


_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"),)


def decode_bytes(data: bytes) -> DecodedText:
    """Report bytes -> text: PDF, DOCX and HTML are converted (formats.py); text is decoded as
    UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030/GBK/Big5 by detection.

    Raises UnreadableReport for empty files, binary junk and unsupported formats, with the reason.
    """
    from . import formats

    if not data or not data.strip():
        raise UnreadableReport("empty file")
    fmt = formats.detect_format(data)
    if fmt in formats.UNSUPPORTED:
        raise UnreadableReport(f"unsupported format: {formats.UNSUPPORTED[fmt]}")
    if fmt == "pdf":
        return _checked(formats.pdf_to_text(data), "pdf", False)
    if fmt == "docx":
        return _checked(formats.docx_to_text(data), "docx", False)
    if fmt == "html":
        inner = _decode_text_bytes(data)
        return _checked(formats.html_to_text(inner.text), f"html/{inner.encoding}", inner.had_bom)
    return _decode_text_bytes(data, check=True)


def _decode_text_bytes(data: bytes, check: bool = False) -> DecodedText:
    if not data or not data.strip():
        raise UnreadableReport("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(data.decode("utf-16"), "utf-16", True)
        except UnicodeDecodeError:
            raise UnreadableReport("UTF-16 byte order mark but undecodable content") from None
    if b"\x00" in data[:65536]:
        raise UnreadableReport("binary content (NUL bytes), not a text report")
    had_bom = data.startswith(b"\xef\xbb\xbf")
    if had_bom:
        data = data[3:]
    text = None
    encoding = "utf-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, encoding = _decode_non_utf8(data)
    if check:
        return _checked(text, encoding, had_bom)
    return DecodedText(text=text.replace("\r\n", "\n").replace("\r", "\n"), encoding=encoding, had_bom=had_bom)


def _checked(text: str, encoding: str, had_bom: bool) -> DecodedText:
    if "\x00" in text or _control_ratio(text) > 0.02:
        raise UnreadableReport("binary content (control characters), not a text report")
    if _cjk_ratio(text) < 0.05:
        raise UnreadableReport("no Chinese text found: not a government report")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text=text, encoding=encoding, had_bom=had_bom)


def _decode_non_utf8(data: bytes) -> tuple[str, str]:
    # Government sites publish GBK/GB18030 (mainland) and Big5 (traditional) text.
    # Strict decoding in a fixed order first: GB18030 is a superset of GBK/GB2312.
    for enc in ("gb18030", "big5"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableReport("binary or undecodable bytes: no text encoding fits")
    return str(best), best.encoding


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    return bad / max(1, len(sample))


def _cjk_ratio(text: str) -> float:
    sample = text[:20000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return cjk / max(1, len(sample.strip()))


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


_TRAD_MARKERS = set("這個們區縣經濟產業與發展對為會實現務農業鎮辦劃計總額億萬項達")


def looks_traditional(text: str) -> bool:
    sample = text[:5000]
    return sum(1 for ch in sample if ch in _TRAD_MARKERS) >= 5


# full-width ASCII (１２３％，ＧＤＰ) -> half-width, one character for one, so offsets are kept;
# the Chinese full-width comma/semicolon/colon stay, they are what the parsers split on anyway
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in "，；：！？（）"}
_WIDTH[0x3000] = 0x20


def normalise_width(text: str) -> str:
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
    r"^\s*(设为首页|收藏本站|查看[:：]\s*\d+|\[复制链接\]|TA的每日心情|签到天数|\[LV\.|Rank[:：]|"
    r"发表于\s*\d{4}-|显示全部楼层|阅读模式|积分\s*$|主题\s*$|帖子\s*$|版主\s*$|开心\s*$|"
    r"昨天\s*\d|回复\s*$|举报\s*$|分享\s*$|返回列表|上一篇|下一篇|登录|立即注册|找回密码|"
    r"浏览次数|字体[:：]|打印本页|关闭窗口|扫一扫|Powered by|Copyright|版权所有|ICP备|网站地图)"
)


def strip_boilerplate(text: str) -> str:
    """Blank out web boilerplate lines (menus, sign-in prompts, footers) keeping line numbers.

    Lines are replaced by empty lines rather than removed so that every offset into the
    stripped text is an offset into the raw text too (evidence stays traceable).
    """
    out = []
    for line in text.split("\n"):
        s = line.strip()
        if _BOILERPLATE.search(s):
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)
