"""Bytes -> text: the first step of parsing. PDF, DOCX and HTML are converted (formats.py);
plain text is decoded as UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030/Big5 by
detection.

A few bad bytes cost only those bytes: NUL bytes and undecodable sequences in an otherwise
readable report are dropped and named in `DecodedText.warnings` (landing shows them as a
warning of the file); a file where they are more than a trace is binary and rejected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import formats
from .errors import UnreadableReport

# at most this share of a text's bytes may be dropped (NUL or undecodable) before it counts as binary
MAX_BAD_BYTE_SHARE = 0.001
MIN_BAD_BYTES_ALLOWED = 16


@dataclass(frozen=True)
class DecodedText:
    text: str          # the decoded text, line ends normalised to \n (what evidence refers to)
    encoding: str      # encoding the bytes were read with
    had_bom: bool
    warnings: tuple[str, ...] = field(default=())


def decode_bytes(data: bytes) -> DecodedText:
    """Report bytes -> text. Raises UnreadableReport for empty files, binary junk and unsupported
    formats, with the reason."""
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
        return _checked(formats.html_to_text(inner.text), f"html/{inner.encoding}", inner.had_bom, inner.warnings)
    inner = _decode_text_bytes(data)
    return _checked(inner.text, inner.encoding, inner.had_bom, inner.warnings)


def _allowed_bad(n_bytes: int) -> int:
    return max(MIN_BAD_BYTES_ALLOWED, int(n_bytes * MAX_BAD_BYTE_SHARE))


def _decode_text_bytes(data: bytes) -> DecodedText:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return DecodedText(data.decode("utf-16"), "utf-16", True)
        except UnicodeDecodeError:
            # a lone surrogate or a cut-off last byte: drop those, unless they are more than a trace
            n_bad = data.decode("utf-16", errors="replace").count("\ufffd") - data.decode(
                "utf-16", errors="ignore").count("\ufffd")
            if n_bad > _allowed_bad(len(data)):
                raise UnreadableReport("UTF-16 byte order mark but undecodable content") from None
            return DecodedText(data.decode("utf-16", errors="ignore"), "utf-16", True,
                               (f"{n_bad} undecodable byte sequence(s) dropped (utf-16)",))
    warnings = []
    n_nul = data.count(b"\x00")
    if n_nul:
        if n_nul > _allowed_bad(len(data)):
            raise UnreadableReport(f"binary content ({n_nul} NUL bytes), not a text report")
        data = data.replace(b"\x00", b"")
        warnings.append(f"{n_nul} NUL byte(s) dropped")
    had_bom = data.startswith(b"\xef\xbb\xbf")
    if had_bom:
        data = data[3:]
    text, encoding, n_bad = _decode_with_fewest_losses(data)
    if n_bad:
        warnings.append(f"{n_bad} undecodable byte sequence(s) dropped ({encoding})")
    return DecodedText(text, encoding, had_bom, tuple(warnings))


def _decode_with_fewest_losses(data: bytes) -> tuple[str, str, int]:
    """(text, encoding, bytes dropped). Strict UTF-8, GB18030 and Big5 first (GB18030 is a
    superset of GBK/GB2312); then the one of UTF-8 / GB18030 that loses a trace of bytes at most;
    then charset detection."""
    for enc in ("utf-8", "gb18030", "big5"):
        try:
            return data.decode(enc), enc, 0
        except UnicodeDecodeError:
            continue
    allowed = _allowed_bad(len(data))
    for enc in ("utf-8", "gb18030"):
        # a UTF-8 file cut or damaged in a few places: decoding it as GB18030 would garble it all
        text = data.decode(enc, errors="replace")
        n_bad = text.count("\ufffd") - data.decode(enc, errors="ignore").count("\ufffd")
        if n_bad <= allowed:
            return data.decode(enc, errors="ignore"), enc, n_bad
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableReport("binary or undecodable bytes: no text encoding fits")
    return str(best), best.encoding, 0


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")    # category Cc except \t \n \v \f \r
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def _checked(text: str, encoding: str, had_bom: bool, warnings: tuple[str, ...] = ()) -> DecodedText:
    if "\x00" in text:                    # from a converted format: drop like NUL bytes of a text file
        n = text.count("\x00")
        if n > _allowed_bad(len(text)):
            raise UnreadableReport("binary content (control characters), not a text report")
        text, warnings = text.replace("\x00", ""), warnings + (f"{n} NUL character(s) dropped",)
    if _control_ratio(text) > 0.02:
        raise UnreadableReport("binary content (control characters), not a text report")
    if _cjk_ratio(text) < 0.05:
        raise UnreadableReport("no Chinese text found: not a government report")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text=text, encoding=encoding, had_bom=had_bom, warnings=warnings)


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


def _cjk_ratio(text: str) -> float:
    sample = text[:20000]
    return len(_CJK_RE.findall(sample)) / max(1, len(sample.strip()))
