import pytest

from orchestration.parsing.collector import MeasureCollector
from orchestration.parsing.prose import Section, _read_sentence, read_prose, sections


def read_text(text, year, kind):
    """Every figure read_prose finds in a whole text."""
    out = MeasureCollector()
    read_prose(text, year, kind, out)
    return out


def read(sentence, mode="target", year=2023):
    out = MeasureCollector()
    _read_sentence(sentence, Section(0, len(sentence), "", mode, year), out)
    return out


def test_headline_targets():
    out = read("主要预期目标为:地区生产总值增长6%,一般公共预算收入增长10%以上,"
               "城乡居民人均可支配收入分别增长6%和7%,限上固定资产投资增速与经济发展基本同步,研发投入强度达到2.45%。")
    got = [(m.metric, m.value, m.comparator, m.is_growth_rate) for m in out.measures]
    assert got == [("地区生产总值", 6, "=", True), ("一般公共预算收入", 10, ">=", True),
                   ("城镇居民人均可支配收入", 6, "=", True), ("农村居民人均可支配收入", 7, "=", True),
                   ("研发投入强度", 2.45, "=", False), ("限上固定资产投资", None, "=", True)]
    assert out.measures[-1].value_text == "增速与经济发展基本同步"


def test_actuals_inherit_metric_and_signs():
    out = read("实现地区生产总值137.2亿元,同比增长5.4%;工业投资下降2.0%。", mode="actual", year=2022)
    got = [(m.metric, m.value, m.unit, m.is_growth_rate, m.role, m.reference_year) for m in out.measures]
    assert got == [("地区生产总值", 137.2, "亿元", False, "actual", 2022), ("地区生产总值", 5.4, "%", True, "actual", 2022),
                   ("工业投资", -2.0, "%", True, "actual", 2022)]


def test_completion_in_prose_and_implied_target():
    out = read("年度计划投资41.7亿元,完成年度投资77.72亿元,完成率186.38%。", mode="actual")
    (c,) = out.completions
    assert (c.stated_pct, c.actual_value, c.target_value) == (186.38, 77.72, 41.7)
    out = read("规上工业增加值增长9.8%,高于目标2.1个百分点。", mode="actual")
    derived = [m for m in out.measures if m.is_derived]
    assert [(m.role, m.value, m.is_growth_rate) for m in derived] == [("target", 7.7, True)]
    out = read("地区生产总值增长4.7%,塌目标1.8个百分点。", mode="actual")
    assert [m.value for m in out.measures if m.is_derived] == [6.5]


def test_sections_review_vs_plan():
    text = "一、2023年计划执行情况 完成固定资产投资80亿元。二、2024年主要预期目标与任务 固定资产投资增长15%以上。"
    secs = sections(text, 2024, "plan_report")
    assert [(s.mode, s.year) for s in secs if s.title] == [("actual", 2023), ("target", 2024)]
    out = read_text(text, 2024, "plan_report")
    assert [(m.role, m.value, m.reference_year) for m in out.measures] == [("actual", 80, 2023), ("target", 15, 2024)]


def test_plan_figures_in_a_review_are_targets_and_urban_rural_pairs():
    out = read("列入省“千项万亿”工程项目共计11个,年度计划投资41.7亿元,完成年度投资77.72亿元,完成率186.38%。", mode="actual")
    roles = {m.evidence.split(",")[-1]: m.role for m in out.measures}
    assert roles["年度计划投资41.7亿元"] == "target" and roles["完成年度投资77.72亿元"] == "actual"
    out = read("城镇和农村居民人均可支配收入分别达68801元和38425元,分别增长7%和8.6%。", mode="actual")
    assert [(m.metric, m.value) for m in out.measures] == [
        ("城镇居民人均可支配收入", 68801), ("农村居民人均可支配收入", 38425),
        ("城镇居民人均可支配收入", 7), ("农村居民人均可支配收入", 8.6)]


def test_gap_is_not_a_measure_of_its_own():
    out = read("规上工业增加值增长9.1%,高于年度目标1.1个百分点。", mode="actual", year=2023)
    assert [(m.role, m.value, m.is_derived) for m in out.measures] == [("actual", 9.1, False), ("target", 8.0, True)]


def test_plan_report_paragraph_on_one_line():
    text = ("关于某某市2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告\n"
            "一、2023年国民经济和社会发展计划执行情况 2023年,全市地区生产总值完成409.49亿元,同比增长8.7%;"
            "一般公共预算收入20.47亿元,完成年初预算的102.3%;固定资产投资完成年计划710亿元的89.4%。"
            "二、2024年经济社会发展主要预期目标 地区生产总值增长7%左右;单位GDP能耗下降3%。")
    out = read_text(text, 2024, "plan_report")
    got = [(m.role, m.reference_year, m.metric, m.value) for m in out.measures]
    assert got == [("actual", 2023, "地区生产总值", 409.49), ("actual", 2023, "地区生产总值", 8.7),
                   ("actual", 2023, "一般公共预算收入", 20.47), ("target", 2023, "固定资产投资", 710),
                   ("target", 2024, "地区生产总值", 7), ("target", 2024, "单位GDP能耗", -3)]
    assert [(c.stated_pct, c.actual_value, c.target_value) for c in out.completions] == [(102.3, 20.47, None), (89.4, None, 710)]


def test_report_without_headings_tells_review_from_plan_by_sentence():
    text = ("过去一年,全县实现地区生产总值312.5亿元,增长7.1%。"
            "今年经济社会发展的主要预期目标是:地区生产总值增长7%左右。")
    out = read_text(text, 2024, "work_report")
    assert [(m.role, m.reference_year, m.value) for m in out.measures] == [
        ("actual", 2023, 312.5), ("actual", 2023, 7.1), ("target", 2024, 7)]


def _roles(text, year=2025, kind="work_report"):
    out = read_text(text, year, kind)
    return [(m.role, m.reference_year, m.value, m.comparator) for m in out.measures]


def test_review_then_plan_without_numbered_headings():
    text = ("过去一年工作回顾\n全县地区生产总值增长4.6%。\n"
            "2025年主要任务\n主要预期目标是：地区生产总值增长5%左右。")
    assert _roles(text) == [("actual", 2024, 4.6, "="), ("target", 2025, 5, "~")]


def test_review_heading_with_work_summary_and_main_is_not_a_plan_word():
    text = "一、2024年工作总结\n主要指标：全县地区生产总值增长4.6%。\n二、2025年工作安排\n地区生产总值增长5%。"
    assert _roles(text) == [("actual", 2024, 4.6, "="), ("target", 2025, 5, "=")]


def test_reported_speech_review_then_plan():
    text = ("报告回顾了2023年工作。全市实现地区生产总值812亿元,增长6%左右。"
            "对于2024年工作,报告提出,地区生产总值增长6.5%。")
    assert _roles(text, year=2024) == [("actual", 2023, 812, "="), ("actual", 2023, 6, "~"),
                                       ("target", 2024, 6.5, "=")]
    text = ("区长在报告中说,2023年全区经济社会发展取得显著成效。财政收入12.3亿元、增长8.1%。"
            "报告提出了2024年经济社会发展主要预期目标:财政收入增长7%。")
    assert _roles(text, year=2024) == [("actual", 2023, 12.3, "="), ("actual", 2023, 8.1, "="),
                                       ("target", 2024, 7, "=")]


def test_done_verbs_make_an_actual_of_the_reviewed_half_year():
    text = "会议认为,上半年全县地区生产总值完成8.2亿元,同比增长6.1%。"
    assert _roles(text, year=2024, kind="other") == [("actual", 2024, 8.2, "="), ("actual", 2024, 6.1, "=")]
    # a modal word keeps it a plan figure
    assert _roles("力争全年地区生产总值完成20亿元。", year=2024, kind="other") == [("target", 2024, 20, "=")]


def test_completion_in_prose_is_not_a_measure():
    text = "会议认为,上半年全县地区生产总值完成8.2亿元,占年计划的45.1%,同比增长6.1%。"
    out = read_text(text, 2024, "other")
    assert [(m.role, m.value) for m in out.measures] == [("actual", 8.2), ("actual", 6.1)]
    assert [(c.stated_pct, c.actual_value, c.target_value) for c in out.completions] == [(45.1, 8.2, None)]


def _measures(sentence, mode="actual"):
    return [(m.metric, m.value, m.unit, m.comparator, m.is_growth_rate) for m in read(sentence, mode).measures]


def test_lists_sharing_one_verb():
    assert _measures("城镇、农村常住居民人均可支配收入分别增长5.2%、6.8%。") == [
        ("城镇常住居民人均可支配收入", 5.2, "%", "=", True), ("农村常住居民人均可支配收入", 6.8, "%", "=", True)]
    assert _measures("一产、二产、三产增加值分别增长3%左右、6.5%以上、5.5%左右。", "target") == [
        ("一产增加值", 3, "%", "~", True), ("二产增加值", 6.5, "%", ">=", True), ("三产增加值", 5.5, "%", "~", True)]
    assert _measures("至少建成6家共享菜园、14家社区食堂。", "target") == [
        ("共享菜园", 6, "家", ">=", False), ("社区食堂", 14, "家", ">=", False)]
    assert _measures("限上批发、零售业销售额各增长12%。") == [
        ("限上批发销售额", 12, "%", "=", True), ("零售业销售额", 12, "%", "=", True)]
    assert _measures("城、乡居民人均可支配收入分别增长8%、9%。", "target") == [
        ("城镇居民人均可支配收入", 8, "%", "=", True), ("农村居民人均可支配收入", 9, "%", "=", True)]


def test_list_shares_a_fall_but_a_new_verb_does_not_share():
    assert [m.value for m in read("单位GDP能耗、水耗分别下降2%、3.5%和4%。").measures] == [-2, -3.5, -4]
    got = _measures("新增就业超过1万人、失业率3%。", "target")
    assert got == [("新增就业", 1, "万人", ">=", False), ("失业率", 3, "%", "=", False)]


def _derived(sentence):
    return [(m.value, m.unit, m.is_growth_rate) for m in read(sentence, "actual").measures if m.is_derived]


def test_stated_gaps_imply_targets():
    assert _derived("规上工业增加值增长7.2%，高于目标1.2个百分点。") == [(6.0, "%", True)]
    assert _derived("固定资产投资增长5.2%，低于年度目标0.8个百分点。") == [(6.0, "%", True)]
    assert _derived("出口增长9%，比目标高2个点。") == [(7.0, "%", True)]
    assert _derived("开工项目86个，超年度计划目标12个。") == [(74.0, "个", False)]
    # the gap is not a measure of its own
    assert [m.value for m in read("开工项目86个，超年度计划目标12个。", "actual").measures if not m.is_derived] == [86]


def test_examples_before_a_count_are_not_its_metric():
    (m,) = [m for m in read("甲材料、乙制药等36个亿元以上项目开工建设。", "actual").measures]
    assert (m.value, m.metric) == (36, "亿元以上项目开工建设")


def test_five_year_goals_are_targets_of_the_plan_period():
    out = read("「十五五」期间地区生产总值年均增长6%，今年增长5.5%左右。", "target", 2026)
    got = [(m.metric, m.value, m.reference_year, m.period_label) for m in out.measures]
    assert got == [("地区生产总值", 6, 2030, "2026-2030"), ("地区生产总值", 5.5, 2026, None)]
    (m,) = read("到2027年研发投入强度达到3%。", "target", 2025).measures
    assert (m.metric, m.reference_year) == ("研发投入强度", 2027)


def test_comparison_with_another_place_is_not_a_figure_and_five_years_reviewed():
    out = read("五年来，全省经济年均增长6.1%，高于全国1.1个百分点。", "actual", 2023)
    assert [(m.value, m.unit, m.period_label) for m in out.measures] == [(6.1, "%", "2019-2023")]
    # a gap to the plan is read as the target it implies
    assert [m.value for m in read("出口增长9%，高于年度目标1.5个百分点。", "actual").measures if m.is_derived] == [7.5]


def test_plan_state_keeps_plain_completion_verbs_as_targets():
    text = "今年主要预期目标是：地区生产总值增长6%。全年完成固定资产投资80亿元以上。同比增长不是目标的写法。"
    got = _roles(text, year=2024)
    assert got[:2] == [("target", 2024, 6, "="), ("target", 2024, 80, ">=")]


def test_a_sentence_turning_from_review_to_plan_is_read_in_parts():
    text = "报告指出，2023年全省地区生产总值增长5.2%，2024年预期目标为增长5.5%左右。"
    assert _roles(text, year=2024) == [("actual", 2023, 5.2, "="), ("target", 2024, 5.5, "~")]


def test_plan_achieved_is_a_review_cue_not_a_plan_cue():
    text = "一年来，全市较好完成了年初确定的主要目标任务，地区生产总值增长5%。"
    assert _roles(text, year=2024) == [("actual", 2023, 5, "=")]


def test_subject_count_of_a_completion_statement_is_not_a_figure():
    out = read("全市18个重点项目完成年度投资计划的131.2%。", "actual")
    assert out.measures == [] and [c.stated_pct for c in out.completions] == [131.2]


def test_plan_announced_inside_a_review_section_and_the_five_years_ahead():
    text = ("一、过去一年的工作\n全市地区生产总值增长5%。\n"
            "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。今后五年，全市经济年均增长6.5%。")
    out = read_text(text, 2024, "work_report")
    assert [(m.role, m.reference_year, m.value, m.period_label) for m in out.measures] == [
        ("actual", 2023, 5, "全年"), ("target", 2024, 6, None), ("target", 2028, 6.5, "2024-2028")]


def test_half_year_review_is_of_the_report_year():
    text = "上半年计划执行情况良好。全县固定资产投资增长8.2%。"
    assert _roles(text, year=2024, kind="plan_report") == [("actual", 2024, 8.2, "=")]
    text = "过去一年，全县固定资产投资增长8.2%。"
    assert _roles(text, year=2024, kind="plan_report") == [("actual", 2023, 8.2, "=")]


def test_plan_report_without_headings_review_first():
    text = ("关于某某县2023年计划执行情况与2024年计划草案的报告\n"
            "全年新开工项目120个，超年度计划目标20个；重点项目完成年度投资计划的112.3%。\n"
            "2024年主要预期目标建议为：地区生产总值增长6%左右。")
    out = MeasureCollector()
    read_prose(text, 2024, "plan_report", out, body_start=text.index("\n"))
    got = [(m.role, m.reference_year, m.value, m.is_derived) for m in out.measures]
    assert got == [("actual", 2023, 120, False), ("target", 2023, 100, True), ("target", 2024, 6, False)]
    assert [c.stated_pct for c in out.completions] == [112.3]


def test_announcement_of_review_and_plan_keeps_the_review_first():
    text = ("受区人民政府委托，现将2023年预算执行情况和2024年预算草案提请审议。"
            "政府性基金预算收入完成12.3亿元，为年初预算的61.5%，下降35.2%。"
            "2024年全区一般公共预算收入预期增长5%，安排一般公共预算支出60.2亿元。")
    out = read_text(text, 2024, "other")
    got = [(m.role, m.reference_year, m.metric, m.value) for m in out.measures]
    assert got == [("actual", 2023, "政府性基金预算收入", 12.3), ("actual", 2023, "政府性基金预算收入", -35.2),
                   ("target", 2024, "一般公共预算收入", 5), ("target", 2024, "一般公共预算支出", 60.2)]


def test_period_leading_a_sentence_and_last_year_are_review_cues():
    text = ("今年主要预期目标是：地区生产总值增长6%。"
            "1—6月，全市规上工业增加值增长7.1%。去年，全市地区生产总值增长5%。"
            "下半年，力争固定资产投资增长8%。")
    assert _roles(text, year=2024, kind="other") == [("target", 2024, 6, "="), ("actual", 2024, 7.1, "="),
                                                     ("actual", 2023, 5, "="), ("target", 2024, 8, "=")]


def test_estimates_of_the_year_are_review_figures():
    # 预计全年 / 预计2024年 / 成绩单: the estimated outcome of the reviewed year, not a target
    text = "■ 2024年成绩单\n●预计全县地区生产总值增长5%左右\n■ 2025年主要预期目标\n●地区生产总值增长6%左右"
    assert _roles(text, year=2025) == [("actual", 2024, 5, "~"), ("target", 2025, 6, "~")]
    text = "县长作报告时称，预计2024年全县GDP迈上500亿元台阶。进出口总额突破90亿元、增长9%。"
    assert [r[:3] for r in _roles(text, year=2024, kind="other")] == [
        ("actual", 2024, 500), ("actual", 2024, 90), ("actual", 2024, 9)]


def test_each_of_a_list_with_jun_and_a_bare_scale():
    out = read("城镇居民收入和农村居民收入均增长8%左右。", "target")
    assert [(m.metric, m.value, m.comparator) for m in out.measures] == [
        ("城镇居民收入", 8, "~"), ("农村居民收入", 8, "~")]
    out = read("批发业销售额、零售业销售额均突破千亿元。", "actual")
    assert [(m.metric, m.value, m.unit, m.comparator) for m in out.measures] == [
        ("批发业销售额", 1000, "亿元", ">="), ("零售业销售额", 1000, "亿元", ">=")]
    out = read("两县营收均突破万亿元。", "actual")
    assert [(m.value, m.unit) for m in out.measures] == [(1, "万亿元")]   # 两县: one subject, no list


def test_months_from_january_and_reported_speech_lead_a_review():
    # 今年前4个月 is a period reviewed (not 今年 the plan); 符合预期 is a judgment, not a modal
    text = "记者从县发改局获悉，今年前4个月，全县项目建设进展良好、符合预期，累计完成投资55.3亿元。"
    assert _roles(text, year=2024, kind="other") == [("actual", 2024, 55.3, "=")]


def test_a_later_year_told_in_the_perfective_is_a_review():
    # 去年…(title) then 2016年,…提供了…: what was done in 2016, not a plan for it
    text = "去年全县支出完成59.2亿元\n2016年，全县财政运行平稳，提供了有力保障。全县一般公共预算收入完成17.5亿元，增长7%。"
    got = _roles(text, year=2016, kind="other")
    assert [r[0] for r in got] == ["actual", "actual", "actual"]


def test_a_plan_stated_earlier_in_the_paragraph_is_the_denominator():
    text = "今年安排重点项目80个,年度投资计划120亿元。1-9月项目累计完成投资96亿元,占年度投资计划的80%。"
    out = read_text(text, 2024, "other")
    assert [(c.stated_pct, c.actual_value, c.target_value) for c in out.completions] == [(80, 96, 120)]


def test_comparisons_with_others_and_the_calendar_and_a_plan_named_after_its_figure():
    out = read("全县收入增幅比全省平均增幅(12.5%)高3个百分点，投资超过时间进度6.2个百分点。", "actual")
    assert out.measures == []
    out = read("新增就业超8万人、超额完成省下达的6万人年度任务。", "actual")
    assert [(m.role, m.value, m.comparator) for m in out.measures] == [("actual", 8, ">="), ("target", 6, "=")]


def test_hard_wrapped_prose_reads_across_its_line_breaks():
    # a PDF's lines: a sentence runs on over the break (增长\n4.8%), a heading line does not
    text = ("一、过去一年工作回顾\n"
            "过去一年，全县上下攻坚克难，经济社会发展取得新成效，全县\n"
            "地区生产总值增长5.1%；一般公共预算收入完成12.3亿元，增长\n"
            "4.8%；城镇居民人均可支配收入增长4.5%，农村居民人均可支配\n"
            "收入增长8.4%，居民消费价格涨幅控制在合理区间，就业稳定。\n")
    out = read_text(text, 2024, "work_report")
    got = [(m.metric, m.value, m.is_growth_rate) for m in out.measures]
    assert got == [("地区生产总值", 5.1, True), ("一般公共预算收入", 12.3, False), ("一般公共预算收入", 4.8, True),
                   ("城镇居民人均可支配收入", 4.5, True), ("农村居民人均可支配收入", 8.4, True)]
    # short lines are not a wrap: each line is its own
    out = read_text("主要指标\n地区生产总值增长5%\n4.8%的增速", 2024, "work_report")
    assert [m.value for m in out.measures] == [5, 4.8]


def test_for_this_year_in_a_review_and_a_higher_aim_of_the_same_growth():
    text = "过去一年，全县地区生产总值增长5.2%，为今年发展奠定了坚实基础。全年新增城镇就业3.1万人。"
    assert [r[0] for r in _roles(text, year=2025)] == ["actual", "actual"]
    out = read("主要预期目标是：地区生产总值增长6%以上，力争达到6.5%。", "target")
    assert [(m.value, m.is_growth_rate, m.comparator) for m in out.measures] == [(6, True, ">="), (6.5, True, "=")]


def test_a_rank_held_is_a_review_and_comparisons_with_other_places_are_not_figures():
    text = "●2023年全县地区生产总值达到850亿元、增长6.1%，总量连续5年居全市首位；"
    assert [r[0] for r in _roles(text, year=2023)] == ["actual", "actual"]
    text = "今年主要预期目标是：地区生产总值增长6%，力争居全市第一。"
    assert [r[0] for r in _roles(text, year=2024)] == ["target"]
    out = read("全县生产总值增长8.4%，比全省(7.7%)和全国平均水平(7.0%)分别高0.7、1.4个百分点。", "actual")
    assert [m.value for m in out.measures] == [8.4]


def test_a_gap_to_a_plan_set_by_someone_implies_it():
    out = read("规模以上工业增加值增长13%，高于县政府下达目标4个百分点。", "actual")
    assert [(m.role, m.value, m.is_derived) for m in out.measures] == [("actual", 13, False), ("target", 9, True)]


def test_a_label_line_names_the_figure_on_the_next_line():
    # news graphics: the label on its own line, the figure and its growth on the next
    text = "上半年全县\n税收收入\n12.5亿元 同比增长8.1%\n规上工业增加值\n增长6.2%\n"
    out = read_text(text, 2023, "other")
    got = [(m.metric, m.value, m.unit, m.is_growth_rate) for m in out.measures]
    assert ("税收收入", 12.5, "亿元", False) in got and ("税收收入", 8.1, "%", True) in got
    # a label above a line that does not start with its figure is not joined
    assert not any(m.metric.startswith("规上工业增加值增长") for m in out.measures)


def test_the_plan_inside_a_completion_statement_is_not_what_grew():
    out = read("全区一般公共预算收入完成8.5亿元，占年初预算数15亿元的56.7%，同比增长9.1%。", mode="actual")
    (c,) = out.completions
    assert (c.stated_pct, c.actual_value, c.target_value) == (56.7, 8.5, 15)
    growth = [m for m in out.measures if m.is_growth_rate]
    assert [(m.metric, m.value) for m in growth] == [("一般公共预算收入", 9.1)]


def test_a_sentence_led_by_an_earlier_year_reviews_it_after_the_plan():
    text = ("县长作政府工作报告。今年经济社会发展的主要预期目标：地区生产总值增长6%左右。\n"
            "据介绍，2023年全县实现地区生产总值120亿元，增长5.5%。")
    out = read_text(text, 2024, "work_report")
    got = [(m.role, m.value, m.reference_year) for m in out.measures]
    assert got == [("target", 6, 2024), ("actual", 120, 2023), ("actual", 5.5, 2023)]


@pytest.mark.parametrize("lead", ["据统计，", "初步核算，", "预计", "全区成立一年以来，圆满完成了全年目标任务。预计"])
def test_review_leads_without_a_year(lead):
    text = f"区长作政府工作报告。{lead}地区生产总值超过500亿元，增长6%左右。"
    out = read_text(text, 2024, "work_report")
    assert [(m.role, m.reference_year) for m in out.measures] == [("actual", 2023)] * 2


def test_a_heading_reviewing_the_targets_is_a_review():
    text = ("一、主要指标完成情况\n（一）全市主要预期目标完成情况\n上半年，全市完成地区生产总值640亿元，"
            "比上年同期增长7.4%，高出全省0.3个百分点。")
    out = read_text(text, 2021, "task_progress")
    got = [(m.role, m.metric, m.value, m.reference_year) for m in out.measures]
    # a progress report reviews its own year; a comparison with the province is not a figure of the city
    assert got == [("actual", "地区生产总值", 640, 2021), ("actual", "地区生产总值", 7.4, 2021)]


def test_a_heading_naming_the_past_year_without_a_review_word_is_a_review():
    text = ("关于某市2023年计划执行情况与2024年计划草案的报告\n一、2023年国民经济和社会发展总体态势\n"
            "全市生产总值实现1500亿元，增长5.2%。\n二、2024年经济社会发展的主要目标\n地区生产总值增长5.5%左右。")
    out = read_text(text, 2024, "plan_report")
    got = [(m.role, m.value, m.reference_year) for m in out.measures]
    assert got == [("actual", 1500, 2023), ("actual", 5.2, 2023), ("target", 5.5, 2024)]


def test_a_plan_of_an_earlier_paragraph_is_the_denominator_when_it_gives_the_stated_rate():
    text = ("全县重点工程项目共24项，总投资400亿元，当年计划投资50亿元。\n"
            "1-12月份，完成投资61亿元，投资完成率122%。\n")
    out = read_text(text, 2021, "other")
    (c,) = out.completions
    assert (c.actual_value, c.target_value) == (61, 50)   # not 400: 61/400 is not 122%


def test_five_year_review_and_five_year_goals():
    text = ("省长作政府工作报告。过去五年，全省财政收入由2015年的80亿元增加到2020年的120亿元，年均增长8.4%。\n"
            "“十三五”成就：地区生产总值年均增长6.5%。\n“十四五”目标：人均生产总值达到9万元左右。")
    out = read_text(text, 2021, "work_report")
    got = [(m.role, m.metric, m.value, m.reference_year) for m in out.measures]
    assert ("actual", "财政收入", 120, 2020) in got and ("actual", "财政收入", 8.4, 2020) in got
    assert ("actual", "地区生产总值", 6.5, 2020) in got
    assert got[-1][:3] == ("target", "人均生产总值", 9)


def test_figures_after_a_statement_that_tasks_were_done_early_are_achieved():
    text = "截至10月底，6个项目已提前完成全年目标任务。其中，发放补助9500万元，新增床位150张。"
    out = read_text(text, 2019, "task_progress")
    assert {m.role for m in out.measures} == {"actual"}


def test_a_class_of_projects_by_size_is_not_a_target():
    out = read("计划实施5000万元以上重点建设项目60个，年度计划投资40亿元。")
    assert [(m.value, m.unit) for m in out.measures] == [(60, "个"), (40, "亿元")]


def test_a_change_that_happened_and_the_year_of_its_clause():
    text = ("省长在会上作《政府工作报告》指出，全省生产总值由2002年的0.9万亿元增加到2007年的2.1万亿元，"
            "五年年均增长13.1%，2007年比上年增长12.8%。财政总收入由1500亿元增加到4200亿元。")
    out = read_text(text, 2008, "work_report")
    got = [(m.role, m.metric, m.value, m.reference_year) for m in out.measures]
    assert ("actual", "生产总值", 2.1, 2007) in got
    assert ("actual", "生产总值", 12.8, 2007) in got                 # 2007年比上年: its own clause's year
    assert ("actual", "财政总收入", 4200, 2007) in got                 # 由…增加到…: a change that happened
    assert all(m.metric != "五年" for m in out.measures)


def test_a_plan_to_raise_from_one_level_to_another_stays_a_plan():
    out = read_text("今年主要预期目标：力争城镇化率由60%提高到62%。", 2024, "work_report")
    assert {m.role for m in out.measures} == {"target"}


def test_a_target_stated_earlier_is_the_denominator_when_it_gives_the_stated_rate():
    text = ("某区公布上年度量化指标落实情况。\n新增城镇就业4000人以上。这项工作由区人社局负责，"
            "去年全区新增城镇就业4600人，完成目标任务的115%。")
    out = read_text(text, 2021, "task_progress")
    (c,) = out.completions
    assert (c.actual_value, c.target_value) == (4600, 4000)
    assert all(not m.metric.startswith("去年") for m in out.measures)


@pytest.mark.parametrize("text,year,kind", [
    # 初步预计 leads the review; the sentence after it goes on reviewing
    ("省长作政府工作报告。他说，初步预计，2020年，全省生产总值突破3万亿元。财政总收入突破4000亿元，增长6.2%。", 2021, "work_report"),
    # a plan named as achieved, then 预计增长: a review
    ("报告指出，2021年，全省较好完成了省人大会议确定的国民经济和社会发展计划主要目标任务。全年全省生产总值预计增长6.8%以上。",
     2022, "plan_report"),
    # 低于预期目标 compares an actual with its target: not a plan cue
    ("省长作政府工作报告时说，2020年全省在固定资产投资增长8.2%、低于预期目标的情况下，实现地区生产总值增长6.1%。", 2021, "work_report"),
])
def test_review_goes_on_after_estimates_and_comparisons_with_the_target(text, year, kind):
    out = read_text(text, year, kind)
    assert out.measures and {(m.role, m.reference_year) for m in out.measures} == {("actual", year - 1)}
