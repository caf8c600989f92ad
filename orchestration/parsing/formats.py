"""Report files that are not plain text: HTML pages, DOCX and PDF -> text.

Tables become pipe rows (`a | b | c |`) so the table readers see them like the text reports;
paragraphs become lines. The extracted text is the report's raw text: evidence points into it.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from html.parser import HTMLParser

from .errors import UnreadableReport

# Limits checked on the raw bytes before a converter builds anything in memory: a file over one is
# rejected with the limit in its reason, in milliseconds to a second (a zip bomb, a DOCX of millions of
# empty paragraphs or of one paragraph of a million runs, a PDF of thousands of pages or whose streams
# inflate to gigabytes, an HTML page of millions of tags). Real reports sit far below: ~2,000
# paragraphs and ~100,000 XML elements, a few MB of XML, 10-200 pages, a few thousand HTML tags.
# Whatever passes them is still bounded by the worker's time and memory limits (parse_pool).
MAX_DOCX_UNCOMPRESSED_MB = 100
MAX_DOCX_ELEMENTS = 100_000       # paragraphs plus table rows
MAX_DOCX_XML_ELEMENTS = 500_000   # every element of word/document.xml (runs, text, properties...)
MAX_PDF_PAGES = 1_000
MAX_PDF_UNCOMPRESSED_MB = 256     # Flate streams other than images, inflated
MAX_HTML_ELEMENTS = 200_000       # start tags


def detect_format(data: bytes) -> str:
    """pdf | docx | html | doc | xlsx | text, from the bytes (not the file name)."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "text"
        if "word/document.xml" in names:
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    head = data[:4096].lower()
    if re.search(rb"<!doctype html|<html|<body|<table|<p[ >]|<div[ >]", head):
        return "html"
    return "text"


def _row(cells: list[str]) -> str:
    return " | ".join(re.sub(r"\s+", " ", c).strip() for c in cells) + " |"


_PDF_STREAM = re.compile(rb"stream\r?\n")
_PDF_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def _pdf_inflated_size(data: bytes, stop_after: int) -> int:
    """Bytes the Flate streams of a PDF inflate to (images excluded: text extraction never decodes
    them), counted in bounded chunks without keeping the output; stops once over `stop_after`.
    Linear in the file: each byte is inflated at most once."""
    total, pos = 0, 0
    for m in _PDF_STREAM.finditer(data):
        if m.start() < pos:
            continue                     # inside a stream already counted
        head = data[max(pos, m.start() - 2048):m.start()]
        head = head[head.rfind(b"obj") + 1:] if b"obj" in head else head
        if _PDF_IMAGE.search(head):
            continue
        d = zlib.decompressobj()
        i = m.end()
        try:
            while i < len(data) and not d.eof:
                chunk = data[i:i + 65536]
                out = d.decompress(chunk, 1 << 20)
                total += len(out)
                while d.unconsumed_tail and not d.eof and total <= stop_after:
                    total += len(d.decompress(d.unconsumed_tail, 1 << 20))
                if total > stop_after:
                    return total
                i += len(chunk) - len(d.unused_data)    # at the stream's end: the bytes after it
        except zlib.error:
            pass                         # not Flate, or damaged: pdfminer decides (what was inflated counts)
        pos = i
    return total


def _pdf_page_count(data: bytes) -> int | None:
    """The page count the PDF's catalog declares (read without loading any page), or None."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
        count = resolve1(resolve1(doc.catalog.get("Pages")).get("Count"))
        return int(count) if isinstance(count, int) else None
    except Exception:    # a damaged file: pdfplumber below says why
        return None


def _check_pdf_limits(data: bytes) -> None:
    limit = MAX_PDF_UNCOMPRESSED_MB * 2**20
    if _pdf_inflated_size(data, limit) > limit:
        raise UnreadableReport(f"PDF over the limit: its streams inflate to more than {MAX_PDF_UNCOMPRESSED_MB} MB "
                               f"(MAX_PDF_UNCOMPRESSED_MB = {MAX_PDF_UNCOMPRESSED_MB})")
    pages = _pdf_page_count(data)
    if pages is not None and pages > MAX_PDF_PAGES:
        raise UnreadableReport(f"PDF over the limit: {pages} pages (MAX_PDF_PAGES = {MAX_PDF_PAGES})")


def pdf_to_text(data: bytes) -> str:
    import pdfplumber

    _check_pdf_limits(data)
    lines = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise UnreadableReport(f"PDF over the limit: {len(pdf.pages)} pages (MAX_PDF_PAGES = {MAX_PDF_PAGES})")
            for page in pdf.pages:
                tables = page.find_tables()
                if tables:
                    bboxes = [t.bbox for t in tables]
                    outside = page.filter(lambda o, boxes=bboxes: not any(
                        b[0] <= o.get("x0", 0) <= b[2] and b[1] <= o.get("top", 0) <= b[3] for b in boxes))
                    lines.append(outside.extract_text() or "")
                    for t in tables:
                        for r in t.extract():
                            lines.append(_row([c or "" for c in r]))
                else:
                    lines.append(page.extract_text() or "")
    except UnreadableReport:
        raise
    except Exception as e:  # pdfminer raises many kinds of errors on damaged files
        raise UnreadableReport(f"unreadable PDF: {type(e).__name__}: {e}") from None
    return "\n".join(lines)


def _check_docx_limits(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            size = sum(i.file_size for i in z.infolist())
            if size > MAX_DOCX_UNCOMPRESSED_MB * 2**20:
                raise UnreadableReport(f"DOCX over the limit: {size / 2**20:.0f} MB uncompressed "
                                       f"(MAX_DOCX_UNCOMPRESSED_MB = {MAX_DOCX_UNCOMPRESSED_MB})")
            body = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as e:
        raise UnreadableReport(f"unreadable DOCX: {type(e).__name__}: {e}") from None
    n = len(re.findall(rb"<w:(?:p|tr)[\s/>]", body))
    if n > MAX_DOCX_ELEMENTS:
        raise UnreadableReport(f"DOCX over the limit: {n} paragraphs and table rows (MAX_DOCX_ELEMENTS = {MAX_DOCX_ELEMENTS})")
    n = _count_start_tags(body)
    if n > MAX_DOCX_XML_ELEMENTS:
        raise UnreadableReport(f"DOCX over the limit: {n} XML elements (MAX_DOCX_XML_ELEMENTS = {MAX_DOCX_XML_ELEMENTS})")


_START_TAG = re.compile(rb"<[A-Za-z]")


def _count_start_tags(markup: bytes | str) -> int:
    if isinstance(markup, str):
        markup = markup.encode("utf-8", "surrogatepass")
    return len(_START_TAG.findall(markup))


def docx_to_text(data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_docx_limits(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:
        raise UnreadableReport(f"unreadable DOCX: {type(e).__name__}: {e}") from None
    lines = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for r in Table(block, document).rows:
                cells, seen = [], None
                for c in r.cells:
                    if c._tc is not seen:      # a horizontally merged cell is listed once
                        cells.append(c.text)
                    seen = c._tc
                lines.append(_row(cells))
    return "\n".join(lines)


class _HTMLText(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "tr", "table"}
    SKIP = {"script", "style", "noscript", "head", "nav", "footer"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append("".join(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.out.append("\n" + _row(self.row) + "\n")
            self.row = None
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.out.append(data)


def html_to_text(html: str) -> str:
    n = _count_start_tags(html)
    if n > MAX_HTML_ELEMENTS:
        raise UnreadableReport(f"HTML over the limit: {n} tags (MAX_HTML_ELEMENTS = {MAX_HTML_ELEMENTS})")
    p = _HTMLText()
    p.feed(html)
    p.close()
    text = "".join(p.out)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


UNSUPPORTED = {"doc": "legacy Word .doc: save it as .docx", "xlsx": "spreadsheet (.xlsx): export it as CSV/text",
               "zip": "zip archive: unpack it into the raw directory"}
