from orchestration.parsing.collector import MeasureCollector
from orchestration.parsing.indicators import read_indicator_attachments
from orchestration.parsing.records import ParsedReport, ReportRecord


def parse(cells):
    text = "\n\n".join(cells)
    parsed = ParsedReport(report=ReportRecord("r", "f", "s", None, "work_plan", 2023, None, None, "utf-8", text))
    out = MeasureCollector()
    read_indicator_attachments(text, 2023, parsed, out)
    return parsed, out.measures, text


def test_indicator_table_rows_units_comparators_and_subrows():
    cells = ["附件2", "某区2023年度指标目标", "类别", "序号", "指标名称", "2022", "实际", "2023", "目标", "责任单位", "指标属性",
             "经济发展", "1", "人均生产总值(万元)", "8.9", "8.7", "区发改局", "省评价",
             "2", "文明好习惯养成实现率(%", "暂无", "≥90", "*文明指导中心、公安局", "省评价",
             "3", "一般公共预算收入占GDP比重(%)", "9.5", "10", "*财政局、税务局", "市评价",
             "税收占一般公共预算收入比重(%", "46.5", "50", "税务局",
             "4", "人均预期寿命(岁)", "暂未发布", "80.0左右", "卫生健康局", "省评价",
             "5", "恩格尔系数(%", "暂无", "稳步下降", "区发改局", "省观察"]
    parsed, ms, text = parse(cells)
    got = [(m.role, m.metric, m.value, m.unit, m.comparator, m.reference_year) for m in ms if m.value is not None]
    assert got == [
        ("baseline", "人均生产总值", 8.9, "万元", "=", 2022), ("target", "人均生产总值", 8.7, "万元", "=", 2023),
        ("target", "文明好习惯养成实现率", 90, "%", ">=", 2023),
        ("baseline", "一般公共预算收入占GDP比重", 9.5, "%", "=", 2022), ("target", "一般公共预算收入占GDP比重", 10, "%", "=", 2023),
        ("baseline", "税收占一般公共预算收入比重", 46.5, "%", "=", 2022), ("target", "税收占一般公共预算收入比重", 50, "%", "=", 2023),
        ("target", "人均预期寿命", 80, "岁", "~", 2023)]
    text_targets = [(m.metric, m.value_text) for m in ms if m.value is None]
    assert text_targets == [("恩格尔系数", "稳步下降")]
    assert all(m.evidence in text for m in ms)
    assert [t.task_no for t in parsed.tasks] == [1, 2, 3, 4, 5]
    assert parsed.tasks[0].attribute == "省评价"
    leads = {(d.task_seq, d.department_name) for d in parsed.departments if d.is_lead}
    assert (2, "文明指导中心") in leads and (3, "财政局") in leads


def test_items_carry_indicators_with_split_names_and_merged_cells():
    cells = ["附件3", "序号", "标志性成果", "指标名称", "2022", "实际值", "2023", "目标值", "重点打造的成果", "责任单位",
             "先行区(2项)", "1", "国资国企提质增量", "资产总额(亿元)", "238.8", "258.8",
             "1.优化国有经济布局结构,提升打造国有资源运营平台。", "区财政局(区国资办)", "营业收入", "(亿元)", "3.4", "3.6",
             "2", "民营经济两个健康", "企业减负", "降本金额", "(亿元)", "6", "完成省市下达指标任务", "*区府办、区经信局",
             "3", "学在洞头", "精准教学数字化应用中小学覆盖率(%", "80", "4", "健康洞头", "新增床位(张)", "120", "150", "区卫健局"]
    parsed, ms, _ = parse(cells)
    assert [t.task_text for t in parsed.tasks] == ["国资国企提质增量", "民营经济两个健康", "学在洞头", "健康洞头"]
    got = [(m.task_seq, m.role, m.metric, m.value, m.unit) for m in ms if m.value is not None]
    assert got == [(1, "baseline", "资产总额", 238.8, "亿元"), (1, "target", "资产总额", 258.8, "亿元"),
                   (1, "baseline", "营业收入", 3.4, "亿元"), (1, "target", "营业收入", 3.6, "亿元"),
                   (2, "baseline", "企业减负降本金额", 6, "亿元"),
                   (3, "target", "精准教学数字化应用中小学覆盖率", 80, "%"),
                   (4, "baseline", "新增床位", 120, "张"), (4, "target", "新增床位", 150, "张")]
    assert [(m.metric, m.value_text) for m in ms if m.value is None] == [("企业减负降本金额", "完成省市下达指标任务")]
    assert {d.department_name for d in parsed.departments if d.task_seq == 1} == {"区财政局(区国资办)"}


def test_unit_column():
    cells = ["附件1", "序号", "指标名称", "单位", "2022年实际", "2023年目标", "责任单位",
             "1", "地区生产总值", "亿元", "137.2", "145", "区发改局",
             "2", "城镇调查失业率", "%", "4.8", "≤5.5", "区人力社保局", "城镇登记失业率", "%", "2.1", "3", "区人力社保局"]
    parsed, ms, _ = parse(cells)
    assert [(m.role, m.metric, m.value, m.unit, m.comparator) for m in ms] == [
        ("baseline", "地区生产总值", 137.2, "亿元", "="), ("target", "地区生产总值", 145, "亿元", "="),
        ("baseline", "城镇调查失业率", 4.8, "%", "="), ("target", "城镇调查失业率", 5.5, "%", "<="),
        ("baseline", "城镇登记失业率", 2.1, "%", "="), ("target", "城镇登记失业率", 3, "%", "=")]
