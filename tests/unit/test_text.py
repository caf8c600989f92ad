import pytest

from orchestration.parsing.text import UnreadableReport, decode_bytes, strip_boilerplate, to_simplified

REPORT = "序号 | 重点工作 | 责任单位 | 进展情况 |\n1 | 地区生产总值增长6.5%。 | 区发改局 | 1—6月增速为6.6%。 |\n"


def test_utf8_bom_and_crlf():
    d = decode_bytes(b"\xef\xbb\xbf" + REPORT.replace("\n", "\r\n").encode("utf-8"))
    assert d.had_bom and d.encoding == "utf-8" and d.text == REPORT


def test_gbk_is_detected_and_decoded():
    d = decode_bytes(REPORT.encode("gbk"))
    assert d.encoding == "gb18030" and d.text == REPORT


@pytest.mark.parametrize("data,reason", [(b"", "empty"), (b"   \n", "empty"),
                                         (bytes(range(256)) * 20, "binary"),
                                         (b"hello world, nothing chinese here\n" * 10, "no Chinese")])
def test_unreadable(data, reason):
    with pytest.raises(UnreadableReport, match=reason):
        decode_bytes(data)


def test_traditional_to_simplified_keeps_length():
    trad = "地區生產總值增長6.5%,這個區縣經濟發展對產業會實現"
    simp = to_simplified(trad)
    assert "地区生产总值增长" in simp and len(simp) == len(trad)


def test_boilerplate_lines_blanked_keeping_line_count():
    text = "设为首页收藏本站\n查看: 441|回复: 0\n2023年某区政府工作报告\n发表于 2023-5-31 19:37:13 | 显示全部楼层"
    out = strip_boilerplate(text)
    assert out.split("\n") == ["", "", "2023年某区政府工作报告", ""]
