"""Property tests: the number, unit and period parsers never raise and round-trip what they read."""
import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from orchestration.parsing.completions import read_completions
from orchestration.parsing.numbers import UNITS, find_quantities, normalise_period, parse_number

CHINESE = st.text(alphabet=st.sampled_from(list("增长完成率亿万元家个人以上左右不低于控制在%％。,，—-~0123456789.两三十百千月季度上半年截至日")),
                  max_size=60)
SAFE_UNITS = [u for u in UNITS if u not in ("%", "％", "‰", "个百分点")]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), CHINESE))
def test_parsers_never_raise(text):
    for q in find_quantities(text):
        assert q.start <= q.end and text[q.start:q.end] == q.raw
    normalise_period(text)
    read_completions(text)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(SAFE_UNITS))
def test_value_unit_round_trip(value, unit):
    text = f"力争实现{value}{unit}。"
    (q,) = [q for q in find_quantities(text) if q.unit == unit]
    assert abs(q.value - float(value)) < 1e-9


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2, max_value=9999))
def test_chinese_numeral_round_trip(n):
    assert parse_number(cn2an.an2cn(n)) == n


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=12), st.sampled_from(["—", "-", "–", "~", "至"]))
def test_period_round_trip(end, dash):
    assert normalise_period(f"1{dash}{end}月累计完成") == f"1-{end}月"


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=0, max_value=500, places=2), st.sampled_from(["完成率", "完成全年任务的", "完成年度计划的"]))
def test_completion_rate_round_trip(pct, phrase):
    (r,) = read_completions(f"累计完成投资3.2亿元,{phrase}{pct}%。")
    assert abs(r.stated_pct - float(pct)) < 1e-9


TABLEISH = st.lists(st.one_of(CHINESE, st.sampled_from(["序号 | 重点工作 | 责任单位 | 进展情况 |", "1 | ", " | ", "附件2",
                                                       "序号", "指标名称", "2022", "2023", "目标", "一、2023年工作回顾",
                                                       "主要预期目标为:", "完成率", "\n"])), max_size=30).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=300), TABLEISH.map(lambda s: s.encode("utf-8"))))
def test_parse_report_reads_or_rejects_with_a_reason(data):
    from orchestration.parsing.report import parse_report
    from orchestration.parsing.text import UnreadableReport

    try:
        parsed = parse_report(data, "fuzz.txt")
    except UnreadableReport as e:
        assert str(e)
        return
    for m in parsed.measures:
        assert m.evidence and m.evidence in parsed.report.raw_text
