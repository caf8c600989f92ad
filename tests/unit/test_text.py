import pytest

from orchestration.parsing.decode import decode_bytes
from orchestration.parsing.errors import UnreadableReport
from orchestration.parsing.text import strip_boilerplate, to_simplified

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


def test_boilerplate_lines_blanked_keeping_every_offset():
    text = ("设为首页收藏本站\n查看: 441|回复: 0\n2023年某区政府工作报告\n发表于 2023-5-31 19:37:13 | 显示全部楼层\n"
            "  • 签到天数: 717 天")
    out = strip_boilerplate(text)
    assert [line.strip() for line in out.split("\n")] == ["", "", "2023年某区政府工作报告", "", ""]
    assert len(out) == len(text) and out.index("2023年某区") == text.index("2023年某区")


def test_traditional_only_when_traditional_only_characters_are_present():
    simplified = "乾县发展改革局：" + "推进产业发展，展会经济发展。" * 20
    assert to_simplified(simplified) == simplified          # 展 is in both scripts: 乾县 stays
    assert to_simplified("乾縣發展和改革局報告：地區生產總值增長6%，這個縣經濟實現穩定增長。").startswith("乾县发展")


def test_pinyin_annotations_removed_and_evidence_maps_to_the_raw_span():
    from orchestration.parsing.text import clean_for_parsing

    raw = "現(xiàn)在，全市實(shí)現(xiàn)地區生產總值1360萬(wàn)元，增長(zhǎng)9.4%。"
    c = clean_for_parsing(raw)
    assert c.text == "现在，全市实现地区生产总值1360万元，增长9.4%。"
    i = c.text.index("地区生产总值1360万元")
    assert c.raw_of(i, i + len("地区生产总值1360万元")) == "地區生產總值1360萬(wàn)元"
    i = c.text.index("增长9.4%")
    assert c.raw_of(i, i + 6) == "增長(zhǎng)9.4%"
    # a page without pinyin noise keeps its parentheses
    assert clean_for_parsing("项目(a)完成，项目(b)完成").text == "项目(a)完成，项目(b)完成"


def test_wrapped_and_separated_numbers_keep_exact_evidence():
    from orchestration.parsing.report import parse_report

    raw = ("某某县2024年政府工作报告\n过去一年，全县经济运行稳中有进，全年完成固定资产投资12\n3.4亿元，"
           "社会消费品零售总额1,234.5亿元，城镇居民人均可支配收入４５６７８元。")
    got = {(m.value, m.unit): m.evidence for m in parse_report(raw.encode("utf-8"), "x.txt").measures}
    assert "12\n3.4亿元" in got[(123.4, "亿元")] and "1,234.5亿元" in got[(1234.5, "亿元")]
    assert "４５６７８元" in got[(45678, "元")]
    assert all(ev in raw for ev in got.values())


LONG = ("某某县2024年政府工作报告\n" + "全县地区生产总值增长5.2%，一般公共预算收入完成12.3亿元。\n" * 200)


def test_a_nul_byte_in_a_long_report_costs_that_byte_with_a_warning():
    raw = LONG.encode("utf-8")
    i = raw.index("一般".encode())
    d = decode_bytes(raw[:i] + b"\x00" + raw[i:])
    assert d.text == LONG and d.encoding == "utf-8"
    assert d.warnings == ("1 NUL byte(s) dropped",)


def test_invalid_utf8_mid_file_costs_those_bytes_not_the_report():
    raw = LONG.encode("utf-8")
    i = raw.index("一般".encode(), len(raw) // 2)
    d = decode_bytes(raw[:i] + b"\xff\xfe\xfd" + raw[i:])
    assert d.encoding == "utf-8" and d.text == LONG, "read as UTF-8, not garbled as GB18030"
    assert len(d.warnings) == 1 and "undecodable" in d.warnings[0]


def test_a_gbk_report_with_a_damaged_byte_stays_gbk():
    raw = LONG.encode("gbk")
    i = len(raw) // 2 - (len(raw) // 2) % 2
    d = decode_bytes(raw[:i] + b"\xff" + raw[i:])
    assert d.encoding == "gb18030" and "地区生产总值增长5.2%" in d.text and d.warnings


def test_many_nul_bytes_are_binary_not_a_report():
    raw = LONG.encode("utf-8")
    with pytest.raises(UnreadableReport, match="NUL"):
        decode_bytes(raw.replace("，".encode(), b"\x00\x00\x00\x00"))


def test_utf16_with_a_lone_surrogate_costs_those_bytes_not_the_report():
    raw = LONG.encode("utf-16")
    i = len(raw) // 2 & ~1
    d = decode_bytes(raw[:i] + b"\x00\xd8" + raw[i:])
    assert d.encoding == "utf-16" and d.text == LONG
    assert len(d.warnings) == 1 and "undecodable" in d.warnings[0]


def test_mostly_binary_text_is_still_rejected():
    import os

    noise = os.urandom(50_000).replace(b"\x00", b"\x01")
    with pytest.raises(UnreadableReport):
        decode_bytes(LONG.encode("utf-8")[:2000] + noise)
    with pytest.raises(UnreadableReport, match="UTF-16"):
        decode_bytes(LONG.encode("utf-16")[:2000] + b"\x00\xd8" * 500)


def test_variant_characters_and_chinese_numeral_years_are_normalised_keeping_offsets():
    from orchestration.parsing.text import clean_for_parsing
    raw = "二〇〇四年收入増长8.5%，二00六年，一九九八年，陜西"
    c = clean_for_parsing(raw)
    assert c.text == "2004年收入增长8.5%，2006年，1998年，陕西"
    assert len(c.text) == len(raw)


def test_toneless_and_doubled_pinyin_annotations_are_removed():
    from orchestration.parsing.text import clean_for_parsing
    raw = "来源(yuan)：长沙(sha)县，固定资产投(tou)资增(zeng)(zeng)长(zhang)(zhang)9.9%"
    c = clean_for_parsing(raw)
    assert c.text == "来源：长沙县，固定资产投资增长9.9%"
    assert c.raw_of(c.text.index("增长"), c.text.index("9.9%") + 4) == "增(zeng)(zeng)长(zhang)(zhang)9.9%"
    # a page with a few bracketed letters is not annotated: they stay
    assert clean_for_parsing("方案(a)和(b)").text == "方案(a)和(b)"
