import pytest

from orchestration.parsing.numbers import find_quantities, metric_before, normalise_period, parse_number


def one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, [(q.value, q.unit) for q in qs]
    return qs[0]


@pytest.mark.parametrize("text,value,unit,comp,growth", [
    ("地区生产总值增长6.5%", 6.5, "%", "=", True),
    ("规上工业增加值增长9.5%左右", 9.5, "%", "~", True),
    ("为市场主体减负30亿元以上", 30, "亿元", ">=", False),
    ("力争基金投资超10亿元", 10, "亿元", ">=", False),
    ("进出口额突破730亿元", 730, "亿元", ">=", False),
    ("登记失业率控制在2.8%以内", 2.8, "%", "<=", False),
    ("非重点项目支出压减不低于10%", 10, "%", ">=", True),
    ("新增大学生1.5万人以上", 1.5, "万人", ">=", False),
    ("集装箱吞吐量达到45万标箱", 45, "万标箱", "=", False),
    ("培育两家企业", 2, "家", "=", False),
    ("建成三个驿站", 3, "个", "=", False),
    ("研发投入强度达到2.45%", 2.45, "%", "=", False),
    ("同比下降2.0%", -2.0, "%", "=", True),
    ("≥90", 90, None, ">=", False),
    ("80.0左右", 80, None, "~", False),
    ("百分之六", 6, "%", "=", False),
])
def test_quantity_language(text, value, unit, comp, growth):
    q = one(text)
    assert (q.value, q.unit, q.comparator, q.is_growth) == (value, unit, comp, growth)
    assert q.raw in text


def test_range_keeps_both_bounds():
    q = one("增长4.5%-5%")
    assert (q.value, q.value_high, q.unit, q.is_growth) == (4.5, 5.0, "%", True)


@pytest.mark.parametrize("text", ["2023年", "10月份公布", "全省前八", "228国道", "实现全市“五连冠”", "“8+4”经济政策",
                                  "1—6月", "《关于2023年的通知》"])
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_yi_yuan_threshold_does_not_qualify_the_count():
    qs = find_quantities("力争落地亿元以上产业项目35个、总部项目36个")
    assert [(q.value, q.unit, q.comparator) for q in qs] == [(35, "个", "="), (36, "个", "=")]


def test_metric_strips_time_and_verbs():
    text = "1—6月全区实现规上工业增加值增长11.0%"
    q = one(text)
    assert metric_before(text, q.start)[0] == "规上工业增加值"


@pytest.mark.parametrize("s,v", [("1,234.5", 1234.5), ("两", 2), ("三十", 30), ("百亿", 1e10), ("x", None)])
def test_parse_number(s, v):
    assert parse_number(s) == v


@pytest.mark.parametrize("text,label", [
    ("1—6月全区GDP增速为6.6%", "1-6月"), ("1-8月实际完成", "1-8月"), ("一季度完成", "1-3月"),
    ("上半年完成", "1-6月"), ("截至7月18日,新增", "截至7月18日"), ("截至3月底", "1-3月"),
    ("前三季度", "1-9月"), ("没有时间", None),
])
def test_periods(text, label):
    assert normalise_period(text) == label


def test_counted_thing_after_the_number_is_the_metric():
    from orchestration.parsing.collector import MeasureCollector

    out = MeasureCollector()
    text = "稳步推进97个重点建设项目,至少形成10家规上企业。"
    for q in find_quantities(text):
        out.add_quantity(q, text, "target", 1)
    assert [(m.metric, m.value, m.comparator) for m in out.measures] == [
        ("稳步推进重点建设项目", 97, "="), ("规上企业", 10, ">=")]
    assert all(m.evidence in text for m in out.measures)


@pytest.mark.parametrize("text,expected", [("启动投资超百亿元的项目", [(100, "亿元", ">=")]), ("新增就业两万人", [(2, "万人", "=")]),
                                           ("根据区委二届三次全会精神", [])])
def test_chinese_scale_words_and_ordinals(text, expected):
    assert [(q.value, q.unit, q.comparator) for q in find_quantities(text)] == expected


def test_unit_ranges_and_listed_counts():
    from orchestration.parsing.collector import MeasureCollector

    (q,) = find_quantities("力争全年增加建缴人数8000人至10000人以上")
    assert (q.value, q.value_high, q.unit, q.comparator) == (8000, 10000, "人", ">=")
    out = MeasureCollector()
    text = "深入推动10项深化改革攻坚项目和16项部门特色改革项目以及23个“微改革”项目"
    for q in find_quantities(text):
        out.add_quantity(q, text, "actual", None)
    assert [m.metric for m in out.measures] == ["深入推动深化改革攻坚项目", "部门特色改革项目", "“微改革”项目"]


@pytest.mark.parametrize("text,value,unit", [
    ("粮食产量稳定在12.5亿斤", 12.5, "亿斤"), ("PM2.5平均浓度37微克/立方米", 37, "微克/立方米"),
    ("护理补贴提高到200元/人月", 200, "元/人月"), ("补贴标准300元/年", 300, "元/年"),
    ("最低生活保障标准750元/月", 750, "元/月"), ("清淤疏浚20万方", 20, "万方"),
    ("接待游客1200万人次", 1200, "万人次"), ("工业产值突破1.5亿", 1.5, "亿"), ("新增3千人", 3, "千人"),
    ("低保补助365.95元/人.月", 365.95, "元/人.月"), ("单位GDP能耗0.45吨标准煤/万元", 0.45, "吨标准煤/万元"),
    ("每千人口床位数6.5张", 6.5, "张"),
])
def test_unit_grammar(text, value, unit):
    q = one(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize("text", ["签订三方协议", "培育5头部企业"])
def test_measure_words_inside_words_are_not_units(text):
    assert find_quantities(text) == []


def test_every_unit_of_the_grammar_is_standardised_by_the_seed():
    from orchestration.parsing.units import standardise

    assert standardise(12.5, "亿斤") == (6.25e8, "千克")
    assert standardise(20, "万方") == (2e5, "立方米")
    assert standardise(1.5, "亿") == (1.5e8, "元")
    assert standardise(200, "元/人月") == (200, "元/人月")


@pytest.mark.parametrize("text,value,growth", [
    ("渔业良种覆盖率提升到92%", 92, False), ("城镇登记失业率下降到3.1%", 3.1, False),
    ("地区生产总值增速提高到8%", 8, True), ("居民消费价格指数微降0.3%", -0.3, True),
    ("出口同比下滑2.1%", -2.1, True), ("一般性支出零增长", 0, True),
    ("力争实现7%左右的增长", 7, True),
])
def test_levels_vs_growth(text, value, growth):
    q = one(text)
    assert (q.value, q.unit, q.is_growth) == (value, "%", growth)


@pytest.mark.parametrize("text,expected", [
    ("工业产值努力突破百亿大关", [(100, "亿", ">=")]), ("产值超百亿元", [(100, "亿元", ">=")]),
    ("打造千亿级产业集群", []), ("建设10万吨级码头", []), ("谋划百亿项目", []),
    ("某产业营收首次突破万亿元", [(1, "万亿元", ">=")]), ("迈入万亿级规模", []),
])
def test_bare_scale_thresholds_and_classes(text, expected):
    assert [(q.value, q.unit, q.comparator) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("开工建设一批10亿元以上项目", []), ("引进10亿元以上项目5个", [(5, "个")]),
    ("报告从五个方面回顾了工作", []), ("重点做好八项工作", []), ("完成12项重点工作", [(12, "项")]),
])
def test_classes_of_things_and_parts_of_a_speech_are_not_figures(text, expected):
    assert [(q.value, q.unit) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("举办铁人三项赛等活动", []), ("13项主要指标中10项较好完成", []), ("完成5项赛事活动", [(5, "项", False)]), ("免费为80岁以上老人投保", []), ("人均预期寿命达到80.5岁", [(80.5, "岁", False)]),
    ("大黄鱼、紫菜育苗率分别提升到100%和80%", [(100, "%", False), (80, "%", False)]),
])
def test_names_age_groups_and_levels_in_lists(text, expected):
    assert [(q.value, q.unit, q.is_growth) for q in find_quantities(text)] == expected


def test_per_mille_rates_are_levels_and_months_counted_from_january():
    q = one("人口自然增长率控制在5‰以内")
    assert (q.value, q.unit, q.is_growth, q.comparator) == (5, "‰", False, "<=")
    assert normalise_period("今年前5个月，全县") == "1-5月"
    assert normalise_period("前两个月") == "1-2月"


@pytest.mark.parametrize("text,expected", [
    ("外贸进出口实现两位数增长", []), ("在全省13个地级市中居第2位", []), ("新增3个乡镇卫生院", [(3, "个")]),
])
def test_digits_and_the_field_of_a_ranking_are_not_counts(text, expected):
    assert [(q.value, q.unit) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text,value,unit", [
    ("全县生产总值达到二万五千九百六十八点五五亿元", 25968.55, "亿元"),
    ("城镇居民人均可支配收入一万六千零一六元", 16016, "元"),
    ("地区生产总值达二万五千九百多亿元", 25900, "亿元"),
])
def test_chinese_numerals_with_a_wan_group(text, value, unit):
    q = one(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize("text,got", [
    ("增长-8.7%", [(-8.7, True)]),                       # the minus sign written
    ("分别增长12.5%、-8.3%", [(12.5, True), (-8.3, True)]),
    ("下降百分之二点七", [(-2.7, True)]),                # 下降 before a Chinese-numeral percent
    ("增长3-5%", [(3.0, True)]),                        # a range, not a sign
])
def test_signs_of_change_rates(text, got):
    assert [(q.value, q.is_growth) for q in find_quantities(text)] == got


@pytest.mark.parametrize("text,value,unit", [
    ("生产总值1234. 56亿元", 1234.56, "亿元"), ("人口自然增长率4. 8‰", 4.8, "‰"),
])
def test_a_space_typed_after_the_decimal_point(text, value, unit):
    (q,) = find_quantities(text)
    assert (q.value, q.unit) == (value, unit)


def test_a_list_number_before_a_figure_is_not_a_decimal():
    assert [(q.value, q.unit) for q in find_quantities("1. 新增就业300人")] == [(300, "人")]


def test_the_metric_of_an_amount_after_its_growth_is_the_one_that_grew():
    text = "一般公共预算收入增长5%达9亿元"
    assert metric_before(text, text.index("9亿元"))[0] == "一般公共预算收入"


@pytest.mark.parametrize("text,got", [
    ("建成376个村居广播室", [(376, "个", "=")]),          # 个 counts the 村居: not the unit 个村
    ("覆盖100个村", [(100, "个村", "=")]),
    ("迈上14万亿元新台阶", [(14, "万亿元", ">=")]),       # 迈上 a level: at least
    ("迈上5万亿台阶", []),                               # 台 of 台阶 is not a unit of machines
])
def test_unit_words_and_steps(text, got):
    assert [(q.value, q.unit, q.comparator) for q in find_quantities(text)] == got


@pytest.mark.parametrize("text,value,unit", [
    ("新增 25.6万 平方米 屋顶绿化", 25.6, "万平方米"),   # the number set off by spaces, its scale kept
    ("完成 1200万 平方米 改造", 1200, "万平方米"),
])
def test_a_scale_and_its_base_unit_split_by_a_space(text, value, unit):
    (q,) = find_quantities(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize("text,comp", [
    ("救助标准不低于当地低保标准的1.4倍", ">="),   # the bound is a multiple of something named
    ("支出不超过上年收入的5%", "<="),
    ("达到标准的1.5倍", "="),
])
def test_a_bound_on_a_multiple_of_something_named(text, comp):
    (q,) = find_quantities(text)
    assert q.comparator == comp


@pytest.mark.parametrize("text,label", [
    ("5月，全县税收收入累计完成8800万元", "1-5月"),    # a month leading a running total
    ("2018年7月进展情况", "1-7月"),
    ("12月底前完成", None),
    ("5月，新建公园", None),
])
def test_a_month_leading_a_running_total(text, label):
    assert normalise_period(text) == label


@pytest.mark.parametrize("text", ["一般公共预算收入完成15.6亿元，同口径增长7.2%", "生产总值800亿元，按可比价格计算增长5.1%"])
def test_a_basis_of_comparison_is_not_a_metric(text):
    q = find_quantities(text)[-1]
    assert metric_before(text, q.start)[0] == ""
