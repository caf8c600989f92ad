"""HTML pages, DOCX and PDF reports read like the text ones; unsupported formats get a reason."""
import io

import pytest

from orchestration.parsing.errors import UnreadableReport
from orchestration.parsing.formats import detect_format
from orchestration.parsing.report import parse_report

ROWS = [["序号", "重点工作", "责任单位", "进展情况"],
        ["1", "新增市场主体2000家以上。", "区市场监管局*、区商务局", "1—6月新增市场主体1200家,完成全年任务的60%。"],
        ["2", "完成固定资产投资50亿元以上。", "区发改局", "1—6月完成固定资产投资26亿元。"]]


def check_progress(parsed):
    assert parsed.report.report_kind == "task_progress"
    assert [t.task_no for t in parsed.tasks] == [1, 2]
    assert [(d.department_name, d.is_lead) for d in parsed.departments if d.task_seq == 1] == [
        ("区市场监管局", True), ("区商务局", False)]
    (c,) = parsed.completions
    assert (c.stated_pct, c.actual_value, c.target_value) == (60, 1200, 2000)
    assert all(m.evidence in parsed.report.raw_text for m in parsed.measures)


def test_html_page_with_table_and_boilerplate():
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in ROWS)
    html = (f"<html><head><title>x</title><script>var a=1;</script></head><body><nav>首页 | 登录</nav>"
            f"<h1>某区2023年重点工作进展情况</h1><table>{rows}</table><footer>版权所有</footer></body></html>")
    data = html.encode("gb18030")
    assert detect_format(data) == "html"
    parsed = parse_report(data, "page.html")
    assert parsed.report.encoding.startswith("html/")
    check_progress(parsed)


def test_docx_with_table():
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("某区2023年重点工作进展情况")
    t = d.add_table(rows=len(ROWS), cols=4)
    for i, r in enumerate(ROWS):
        for j, c in enumerate(r):
            t.cell(i, j).text = c
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    assert detect_format(data) == "docx"
    check_progress(parse_report(data, "report.docx"))


def test_pdf_work_report():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("STSong-Light", 12)
    for i, line in enumerate(["2023年某某区政府工作报告", "一、2022年工作回顾", "实现地区生产总值137.2亿元,同比增长5.4%。",
                              "二、2023年主要目标任务和重点工作", "主要预期目标为:地区生产总值增长6%,研发投入强度达到2.45%。"]):
        c.drawString(50, 800 - 20 * i, line)
    c.save()
    parsed = parse_report(buf.getvalue(), "report.pdf")
    assert parsed.report.report_kind == "work_report" and parsed.report.report_year == 2023
    got = {(m.role, m.value, m.reference_year) for m in parsed.measures}
    assert {("actual", 137.2, 2022), ("actual", 5.4, 2022), ("target", 6, 2023), ("target", 2.45, 2023)} <= got


@pytest.mark.parametrize("data,reason", [(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "legacy Word"),
                                         (b"%PDF-1.4 garbage", "unreadable PDF")])
def test_unsupported_or_damaged(data, reason):
    with pytest.raises(UnreadableReport, match=reason):
        parse_report(data, "x")


CONTENT_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '</Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')


def _docx_with_body(body_xml: bytes, pad_member: int = 0) -> bytes:
    """A minimal DOCX that python-docx opens, whose document.xml holds `body_xml` (and an optional
    padding member): without the limits, python-docx would build it all."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                   b'2006/main"><w:body>' + body_xml + b"</w:body></w:document>")
        if pad_member:
            z.writestr("word/media/pad.bin", b"\0" * pad_member)
    return buf.getvalue()


def test_docx_of_millions_of_empty_paragraphs_is_rejected_fast():
    """5 M empty paragraphs compress to a few dozen KB and took python-docx hours: rejected by count."""
    import time

    data = _docx_with_body(b"<w:p/>" * 5_000_000)
    assert len(data) < 200_000
    t0 = time.perf_counter()
    with pytest.raises(UnreadableReport, match="MAX_DOCX_ELEMENTS"):
        parse_report(data, "bomb.docx")
    assert time.perf_counter() - t0 < 5


def test_docx_zip_bomb_is_rejected_by_uncompressed_size(monkeypatch):
    import orchestration.parsing.formats as formats

    monkeypatch.setattr(formats, "MAX_DOCX_UNCOMPRESSED_MB", 1)
    with pytest.raises(UnreadableReport, match="MAX_DOCX_UNCOMPRESSED_MB"):
        parse_report(_docx_with_body(b"<w:p/>", pad_member=3 * 2**20), "bomb.docx")


def test_pdf_over_the_page_limit_is_rejected(monkeypatch):
    from reportlab.pdfgen import canvas

    import orchestration.parsing.formats as formats

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for _ in range(3):
        c.drawString(50, 800, "page")
        c.showPage()
    c.save()
    monkeypatch.setattr(formats, "MAX_PDF_PAGES", 2)
    with pytest.raises(UnreadableReport, match="MAX_PDF_PAGES"):
        parse_report(buf.getvalue(), "long.pdf")


def test_docx_of_one_paragraph_of_a_million_runs_is_rejected_fast():
    """60 KB on disk, 35 s in python-docx: rejected by its XML element count before it is built."""
    import time

    data = _docx_with_body(b"<w:p>" + "<w:r><w:t>区</w:t></w:r>".encode() * 1_000_000 + b"</w:p>")
    assert len(data) < 200_000
    t0 = time.perf_counter()
    with pytest.raises(UnreadableReport, match="MAX_DOCX_XML_ELEMENTS"):
        parse_report(data, "runs.docx")
    assert time.perf_counter() - t0 < 5


def test_html_of_too_many_tags_is_rejected_before_it_is_parsed(monkeypatch):
    import orchestration.parsing.formats as formats

    monkeypatch.setattr(formats, "MAX_HTML_ELEMENTS", 1000, raising=False)
    with pytest.raises(UnreadableReport, match="MAX_HTML_ELEMENTS"):
        parse_report(b"<html><body>" + "<p>区</p>".encode() * 1001 + b"</body></html>", "flood.html")


def _pdf_with_stream(content: bytes, count: int = 1) -> bytes:
    import zlib

    body = zlib.compress(content, 1)
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count " + str(count).encode() + b" >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
            b"4 0 obj << /Length " + str(len(body)).encode() + b" /Filter /FlateDecode >>\nstream\n" + body
            + b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def test_pdf_whose_streams_inflate_over_the_limit_is_rejected_before_extraction(monkeypatch):
    import orchestration.parsing.formats as formats

    monkeypatch.setattr(formats, "MAX_PDF_UNCOMPRESSED_MB", 1, raising=False)
    with pytest.raises(UnreadableReport, match="MAX_PDF_UNCOMPRESSED_MB"):
        parse_report(_pdf_with_stream(b" " * (2 * 2**20)), "bomb.pdf")
    # images are not decoded by text extraction, so they do not count
    img = _pdf_with_stream(b" " * (2 * 2**20)).replace(b"/Filter /FlateDecode", b"/Subtype /Image /Filter /FlateDecode")
    assert formats._pdf_inflated_size(img, 2**30) == 0


def test_pdf_declaring_more_pages_than_the_limit_is_rejected_without_loading_them():
    with pytest.raises(UnreadableReport, match="MAX_PDF_PAGES"):
        parse_report(_pdf_with_stream(b"BT ET", count=10**9), "pages.pdf")
