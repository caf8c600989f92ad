from orchestration.parsing.indicator_tables import value_column
from orchestration.parsing.report import parse_report

PLAN = """关于2023年某县国民经济和社会发展计划执行情况与2024年计划草案的报告
一、2023年计划执行情况
表1 2023年主要指标完成情况
指标名称 | 单位 | 2023年计划 | 2023年完成 | 完成计划(%) |
地区生产总值增速 | % | 7 | 7.4 | 105.7 |
一般公共预算收入 | 亿元 | 20 | 21.3 | 106.5 |
二、2024年主要预期目标
指标 | 单位 | 2023年实际 | 2024年目标 |
地区生产总值增速 | % | 7.4 | 6.5左右 |
城镇调查失业率 | % | 4.8 | ≤5.5 |
"""


def test_value_columns_by_header():
    assert value_column("2023年计划") == ("target", 2023)
    assert value_column("1-6月完成") == ("actual", None)
    assert value_column("完成计划(%)") == ("rate", None)
    assert value_column("比上年增长(%)") == ("growth", None)
    assert value_column("备注") is None


def test_pipe_indicator_tables_in_a_plan_report():
    p = parse_report(PLAN.encode(), "plan.txt")
    got = [(m.role, m.metric, m.value, m.unit, m.comparator, m.reference_year) for m in p.measures]
    assert got == [
        ("target", "地区生产总值增速", 7, "%", "=", 2023), ("actual", "地区生产总值增速", 7.4, "%", "=", 2023),
        ("target", "一般公共预算收入", 20, "亿元", "=", 2023), ("actual", "一般公共预算收入", 21.3, "亿元", "=", 2023),
        ("baseline", "地区生产总值增速", 7.4, "%", "=", 2023), ("target", "地区生产总值增速", 6.5, "%", "~", 2024),
        ("baseline", "城镇调查失业率", 4.8, "%", "=", 2023), ("target", "城镇调查失业率", 5.5, "%", "<=", 2024)]
    assert [(c.stated_pct, c.actual_value, c.target_value) for c in p.completions] == [(105.7, 7.4, 7), (106.5, 21.3, 20)]


def test_numbered_indicator_table_with_units_is_read_once():
    text = ("2024年某区政府工作报告\n二、2024年主要目标\n"
            "序号 | 指标名称 | 单位 | 2024年目标 | 责任单位 |\n1 | 地区生产总值增速 | % | 6.5 | 区发改局 |\n"
            "2 | 新增市场主体 | 家 | 3000 | 区市场监管局 |\n")
    p = parse_report(text.encode(), "x.txt")
    assert [(m.role, m.metric, m.value, m.unit) for m in p.measures] == [
        ("target", "地区生产总值增速", 6.5, "%"), ("target", "新增市场主体", 3000, "家")]


def test_a_completion_column_named_as_the_share_of_the_target():
    text = ("某县2023年1-6月主要经济指标完成情况\n| 指标名称 | 单位 | 年度目标 | 1-6月完成 | 增长% | 完成年度目标% |\n"
            "| 地区生产总值 | 亿元 | 120 | 58.6 | 5.2 | 48.8 |\n")
    p = parse_report(text.encode(), "x.txt")
    (c,) = p.completions
    assert (c.stated_pct, c.actual_value, c.target_value) == (48.8, 58.6, 120)
    assert not [m for m in p.measures if m.value == 48.8]              # not a target of 48.8 亿元
    (g,) = [m for m in p.measures if m.is_growth_rate]
    assert g.reference_year == 2023                                   # the growth of this year's 1-6月


def test_share_of_target_headers():
    for h in ("完成年度目标%", "完成目标(%)", "占年计划%", "占全年目标"):
        assert value_column(h)[0] == "rate", h
