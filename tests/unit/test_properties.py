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
    from orchestration.parsing.errors import UnreadableReport
    from orchestration.parsing.report import parse_report

    try:
        parsed = parse_report(data, "fuzz.txt")
    except UnreadableReport as e:
        assert str(e)
        return
    for m in parsed.measures:
        assert m.evidence and m.evidence in parsed.report.raw_text


# cells in the shape of every reader: work-plan attachments, one cell per line tables, pipe tables,
# tables whose cells ran together, numbered lists, prose with headings, traditional script
READER_CELLS = st.sampled_from([
    "某区2024年工作要点", "附件1", "附件2", "序号", "指标名称", "2022年实际", "2023年目标", "单位", "责任单位", "重点工作",
    "1", "2", "3", "95", "≥90", "80.0左右", "稳步提升", "暂无", "%", "亿元", "(个)", "区发改局", "区财政局*", "省评价",
    "序号 | 重点工作 | 责任单位 | 进展情况 |", "1 | 新增就业500人 | 区人社局 | 已完成,完成率100% |", "| 4385 | 110% |",
    "合计 | 300 | 150 | 50% |", "一 | 教育 | |", "序号项目名称主要内容牵头单位1新建学校3所2新增学位", "1.新建公园5个。",
    "（一）聚力发展。", "①改造道路2公里。", "牵头单位:区发改局", "责任单位:各街道", "实际完成情况:已建成3个,完成年度目标任务的60%。",
    "一、2023年工作回顾", "地区生产总值增长6%左右。", "二、2024年主要预期目标", "完成年计划710亿元的89.4%", "項(xiàng)目",
    "金額單位:萬(wàn)元 |", "1-6月 实际完成情况 |", "任务完成率 | 备注 |", "分享到:", "\t", "| |", "",
])
ROW_PARTS = st.lists(st.sampled_from(["人均生产总值", "(万元)", "%", "95", "≥90", "3", "稳步提升", "区发改局", "省评价",
                                      "新增就业500人", "已完成"]), max_size=5)


@st.composite
def numbered_block(draw):
    """A header of some reader, then rows that each start with the next 序号 and hold any parts."""
    header = draw(st.sampled_from([["附件1", "序号", "指标名称", "2023年目标"], ["序号", "重点工作", "责任单位", "进展情况"],
                                   ["附件2", "类别", "序号", "指标名称", "单位", "2022年实际", "2023年目标", "责任单位"],
                                   ["十件民生实事"], ["序号", "民生实事", "责任单位", "完成时限"]]))
    first = draw(st.integers(min_value=1, max_value=3))
    rows = [[str(first + i)] + parts for i, parts in enumerate(draw(st.lists(ROW_PARTS, max_size=6)))]
    return header + [cell for row in rows for cell in row]


READER_SHAPED = st.lists(st.one_of(READER_CELLS.map(lambda c: [c]), numbered_block()), min_size=1, max_size=8).map(
    lambda blocks: "\n".join(cell for block in blocks for cell in block))


def _bounded(seconds: float):
    """Run the body under a wall-clock bound: a reader that loops fails the test instead of hanging it."""
    import signal

    def on_alarm(*_):
        raise TimeoutError(f"parse_report did not return within {seconds} s")
    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    return lambda: signal.setitimer(signal.ITIMER_REAL, 0)


@settings(max_examples=300, deadline=None)
@given(READER_SHAPED)
def test_reader_shaped_inputs_return_quickly_with_exact_evidence(text):
    from orchestration.parsing.errors import UnreadableReport
    from orchestration.parsing.report import parse_report

    cancel = _bounded(5.0)
    try:
        parsed = parse_report(text.encode("utf-8"), "shaped.txt")
    except UnreadableReport:
        return
    finally:
        cancel()
    for rec in parsed.measures + parsed.completions:
        assert rec.evidence and rec.evidence in parsed.report.raw_text


def test_a_row_number_followed_by_a_value_in_an_attachment_does_not_loop():
    from orchestration.parsing.report import parse_report

    cancel = _bounded(5.0)
    try:
        parse_report("某区2024年工作要点\n附件1\n序号\n指标名称\n2023年目标\n1\n95\n".encode(), "loop.txt")
    finally:
        cancel()
