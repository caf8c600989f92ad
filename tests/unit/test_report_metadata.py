"""Report metadata: issuing place (gazetteer), kind, report year and period.

The first test reads the real reports from ../shared (seeds and practice corpus; CI has ../shared
beside the clone) with the values read off each file by hand. The others pin each rule on small
invented strings."""
import subprocess
import sys

import pytest

from orchestration.parsing import layout, places
from orchestration.parsing.numbers import normalise_period
from orchestration.parsing.report import parse_report
from orchestration.parsing.text import clean_for_parsing
from tests.conftest import ROOT

SHARED = ROOT.parent / "shared"

# file -> (province, city, county, admin_level, region, report_year, period_label, report_kind)
EXPECTED = {
    # seeds (../shared/GUIDE.md, "The reports")
    "seeds/000_0b31169d8f16ae2d.txt": ("浙江省", "温州市", "龙湾区", "county", "龙湾区", 2023, "1-6月", "task_progress"),
    "seeds/001_6943a8643e280105.txt": ("浙江省", "温州市", "洞头区", "county", "洞头区", 2021, "1-3月", "task_progress"),
    "seeds/002_2cfc610a66b24e44.txt": ("浙江省", "温州市", "洞头区", "county", "洞头区", 2023, "全年", "work_report"),
    "seeds/003_f855646ea6645c30.txt": ("浙江省", "温州市", "龙港市", "county", "龙港市", 2024, "全年", "plan_report"),
    # a 工作要点 hands out the year's work: it reports no progress yet
    "seeds/004_5dfb79844aef722a.txt": ("浙江省", "温州市", "洞头区", "county", "洞头区", 2023, None, "work_plan"),
    # practice corpus (../shared/practice/docs/SOURCES.md)
    # 审查意见 on the 2017 上半年 计划执行情况 (崇信县, the title)
    "practice/docs/chongxin_2017h1_jihua_shencha.txt":
        ("甘肃省", "平凉市", "崇信县", "county", "崇信县", 2017, "1-6月", "plan_report"),
    # 民生实事 目标任务分解 (cites 《2016年政府工作报告》): tasks handed out, no progress period yet
    "practice/docs/dazhu_2016_minsheng_shishi_fenjie.txt":
        ("四川省", "达州市", "大竹县", "county", "大竹县", 2016, None, "task_progress"),
    # traditional news of 綿陽市涪城區's work report: 2018 review, 2019 主要预期目标
    "practice/docs/fucheng_mianyang_2019_gzbg_xinwen_trad.txt":
        ("四川省", "绵阳市", "涪城区", "county", "涪城区", 2019, "全年", "work_report"),
    # 《关于高邮市2020年…计划执行情况与2021年计划草案的报告》; 扬州市 is only its parent
    "practice/docs/gaoyou_2021_jihua_xinwen.txt":
        ("江苏省", "扬州市", "高邮市", "county", "高邮市", 2021, "全年", "plan_report"),
    # 广州市 work report read in 2018 (回顾了2017年工作); 广东省 and 白云(国际会议中心) only mentioned
    "practice/docs/guangzhou_2018_gzbg_xinwen.txt":
        ("广东省", "广州市", None, "city", "广州市", 2018, "全年", "work_report"),
    # names no place (全市 only; 珠海 is a company's name): null. Only 2019 is named, no 计划草案 year
    "practice/docs/jingmen_2019_jihua_zhixing.txt":
        (None, None, None, None, None, 2019, "全年", "plan_report"),
    # 鞍山市立山区人民政府: 重点工作任务分解和责任分工方案
    "practice/docs/lishan_anshan_2023_gzbg_renwu_fengong.txt":
        ("辽宁省", "鞍山市", "立山区", "county", "立山区", 2023, None, "task_progress"),
    # 我代表龙岗区人民政府向大会作工作报告; 一、2024年工作回顾 -> targets for 2025
    "practice/docs/longgang_shenzhen_2025_gzbg.txt":
        ("广东省", "深圳市", "龙岗区", "county", "龙岗区", 2025, "全年", "work_report"),
    # ——2016年1月6日在馬鞍山市第十五屆人民代表大會…; 向大會報(bào)告政府工作
    "practice/docs/maanshan_2016_gzbg_trad.txt":
        ("安徽省", "马鞍山市", None, "city", "马鞍山市", 2016, "全年", "work_report"),
    # a statistics table (1-3月 column) of 青海省人民政府; the text names no year (2018 is in the URL only)
    "practice/docs/qinghai_2018q1_gaozhiliang_zhibiao.txt":
        ("青海省", None, None, "province", "青海省", None, "1-3月", "other"),
    # 实事项目 list, all done at year end (2016-12-29)
    "practice/docs/shanghai_2016_shishi_wancheng.txt":
        ("上海市", None, None, "province", "上海市", 2016, "全年", "task_progress"),
    # 为民办实事 completion table: 均已提前完成全年目标任务
    "practice/docs/shanghai_2024_weimin_shishi_wancheng.txt":
        ("上海市", None, None, "province", "上海市", 2024, "全年", "task_progress"),
    # 关于沙洋县2022年预算执行情况和2023年预算草案的报告
    "practice/docs/shayang_2022_yusuan_zhixing.txt":
        ("湖北省", "荆门市", "沙洋县", "county", "沙洋县", 2023, "全年", "plan_report"),
    # a city's 为民办实事 table that names no place (各縣(市、區)): null; 2018年7月進展情況
    "practice/docs/unnamedshi_2018_weimin_shishi_7yue_trad.txt":
        (None, None, None, None, None, 2018, "1-7月", "task_progress"),
    # 民生实事 progress table of a city that lists its counties (端州区、鼎湖区…四会市) and names
    # 肇庆(高新区); no date of the report in the text
    "practice/docs/zhaoqing_2020_minsheng_shishi_jinzhan.txt":
        ("广东省", "肇庆市", None, "city", "肇庆市", 2020, None, "task_progress"),
    # 重大民生实事项目目标任务责任分解表: 全区, 常州(盛宣怀故居), “幸福钟楼”
    "practice/docs/zhonglou_changzhou_2021_minsheng_shishi_fenjie.txt":
        ("江苏省", "常州市", "钟楼区", "county", "钟楼区", 2021, None, "task_progress"),
}


def _parse(path):
    if not path.exists():
        pytest.skip(f"{path} not found (../shared beside the clone)")
    return parse_report(path.read_bytes(), path.name).report


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_metadata_of_the_real_reports(rel):
    r = _parse(SHARED / rel)
    got = (r.province, r.city, r.county, r.admin_level, r.region, r.report_year, r.period_label, r.report_kind)
    assert got == EXPECTED[rel]


def test_sources_md_beside_the_practice_reports_parses():
    _parse(SHARED / "practice" / "docs" / "SOURCES.md")


# ---------------------------------------------------------------- places (invented strings)

def place(text, title=None, year=None):
    r = layout.find_place(text, title, year)
    return (r.province, r.city, r.county, r.admin_level, r.region)


def test_region_from_the_title_most_specific_of_the_chain():
    assert place("全区上下共同努力，完成各项任务。", "关于嘉兴市南湖区2022年重点工作完成情况的报告") == \
        ("浙江省", "嘉兴市", "南湖区", "county", "南湖区")


def test_title_beats_places_mentioned_in_the_body():
    text = "在杭州市委、市政府的领导下，全县经济平稳。杭州市下达的任务全部完成。"
    assert place(text, "2022年淳安县政府工作报告")[:3] == ("浙江省", "杭州市", "淳安县")


def test_issuer_phrase_without_title():
    text = "各位代表：\n现在，我代表鹿城区人民政府向大会报告工作。在温州市委的领导下，全区生产总值增长5%。"
    assert place(text)[:3] == ("浙江省", "温州市", "鹿城区")


def test_speech_at_the_meeting_of_a_city():
    text = "——2019年1月8日在嘉兴市第八届人民代表大会第四次会议上\n各位代表：全市地区生产总值增长7%。"
    assert place(text) == ("浙江省", "嘉兴市", None, "city", "嘉兴市")


def test_ambiguous_county_resolved_by_the_parent_named():
    assert place("福州市鼓楼区：全区新增就业3000人。")[:3] == ("福建省", "福州市", "鼓楼区")
    assert place("徐州市下辖的鼓楼区，全区新增就业3000人。")[:3] == ("江苏省", "徐州市", "鼓楼区")


def test_ambiguous_county_without_parent_leaves_the_unresolvable_levels_null():
    assert place("鼓楼区人民政府：全区新增就业3000人。") == (None, None, "鼓楼区", "county", "鼓楼区")


def test_district_report_mentions_its_parent_city_more_often():
    text = ("全区新增就业1200人。温州市下达的任务完成。温州市考核第一。落实温州市部署。"
            "对照《温州市人民政府办公室关于实施惠企政策的通知》，全区兑现资金2亿元。洞头区海岛公园开园。全区旅游增长9%。")
    assert place(text)[:3] == ("浙江省", "温州市", "洞头区")


def test_city_report_lists_its_counties():
    text = ("全市低保标准提高到每人每月800元。端州区、鼎湖区、四会市、广宁县分别完成改造任务；"
            "肇庆高新区新建养老院1所。全市完成率100%。")
    assert place(text) == ("广东省", "肇庆市", None, "city", "肇庆市")


def test_short_names_count_when_parent_and_child_are_both_named():
    text = "全区新增就业15000人。修缮常州名人故居，举办“幸福钟楼”文化月，全区新建书苑2家。"
    assert place(text)[:3] == ("江苏省", "常州市", "钟楼区")


def test_a_short_name_alone_is_a_word_not_a_place():
    # 朝阳 is the short name of 朝阳区 and 朝阳市, 珠海 of 珠海市: nothing related is named
    assert place("发展朝阳产业，引进珠海一家药企，全市新增企业100家。") == (None,) * 5


def test_no_place_is_null():
    assert place("全市新增就业1.2万人，各县（市、区）完成年度任务，市民政局牵头。") == (None,) * 5


def test_a_place_in_a_url_only_is_null():
    assert place("来源：http://example.cn/温州市/龙湾区/news.html\n全区新增就业1200人。") == (None,) * 5


def test_county_level_city_under_its_prefecture():
    text = "本报讯 市发改委向大会提交《关于高邮市2020年计划执行情况的报告》。全市贯彻扬州市决策部署。"
    assert place(text) == ("江苏省", "扬州市", "高邮市", "county", "高邮市")


def test_names_of_the_report_year():
    # 高要市 became 高要区 in 2015: a 2014 report is read with the divisions of 2014
    assert place("高要市人民政府：全市生产总值增长8%。", year=2014)[:3] == ("广东省", "肇庆市", "高要市")
    assert place("洞头县人民政府：全县生产总值增长8%。", year=2014)[:3] == ("浙江省", "温州市", "洞头县")


def test_longest_name_wins():
    assert place("马鞍山市人民政府：全市生产总值增长8%。")[:2] == ("安徽省", "马鞍山市")


def test_province_level_report():
    assert place("指标 | 1-3月 |\n主办：青海省人民政府办公厅") == ("青海省", None, None, "province", "青海省")


def test_municipality_is_province_level():
    assert place("2024年上海市为民办实事项目完成情况") == ("上海市", None, None, "province", "上海市")


def test_traditional_text_is_converted_before_the_lookup():
    text = "綿陽市涪城區第六屆人民代表大會第四次會議開幕，區長作政府工作報告。這個區經濟發展，實現總額增長，農業產業與發展對為會實現務。"
    r = parse_report(text.encode("utf-8"), "trad.txt").report
    assert (r.province, r.city, r.county) == ("四川省", "绵阳市", "涪城区")


def test_autonomous_division_by_short_name_and_level_word():
    text = "石柱县人民政府办公室关于印发重点工作任务分解的通知。全县各乡镇、县级各部门：请抓好落实。"
    assert place(text) == ("重庆市", None, "石柱土家族自治县", "county", "石柱土家族自治县")
    text = "——在恩施州第八届人民代表大会第三次会议上\n各位代表：全州生产总值增长6%。"
    assert place(text) == ("湖北省", "恩施土家族苗族自治州", None, "city", "恩施土家族苗族自治州")


def test_banner_by_its_initials():
    text = "现在，我代表察右后旗人民政府向大会报告工作。全旗生产总值增长5%，盟委交办任务全部完成。"
    assert place(text)[2:] == ("察哈尔右翼后旗", "county", "察哈尔右翼后旗")


def test_two_character_county_as_issuer_or_in_the_title():
    assert place("各乡镇人民政府：现将目标任务分解印发。\n歙县人民政府\n2023年2月1日") == \
        ("安徽省", "黄山市", "歙县", "county", "歙县")
    assert place("全县30项民生实事，已完成19项。", "沛县9月份民生实事进展情况")[:3] == ("江苏省", "徐州市", "沛县")
    # generic words stay words: 城区, 新区 alone are no place
    assert place("新区管委会：城区人民政府配合，全区完成改造。") == (None,) * 5


def test_short_name_in_a_news_lead():
    text = "宁海新闻网讯 7月15日，县人大常委会听取上半年计划执行情况的汇报，我县地区生产总值增长5%。"
    assert place(text)[:3] == ("浙江省", "宁波市", "宁海县")
    # the same short name inside a sentence is a word
    assert place("我们要让宁海在线消息传遍全县，全县生产总值增长5%。".replace("宁海在", "把宁海在")) == (None,) * 5


def test_a_place_named_only_in_a_cited_document_is_not_the_issuer():
    text = ("根据《中华人民共和国预算法》《宁夏回族自治区预算审查监督条例》有关规定，现将全县1-6月"
            "预算执行情况报告如下。全县一般公共预算收入完成3亿元。")
    assert place(text) == (None,) * 5


def test_gazetteer_is_loaded_once_and_lazily():
    code = ("import orchestration.definitions\n"
            "from orchestration.parsing import places\n"
            "assert places.gazetteer.cache_info().currsize == 0, 'gazetteer loaded at import time'\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    places.gazetteer()
    before = places.gazetteer.cache_info().hits
    places.gazetteer()
    assert places.gazetteer.cache_info().hits == before + 1


# ---------------------------------------------------------------- periods

@pytest.mark.parametrize("text,label", [
    ("上半年全县地区生产总值完成11亿元", "1-6月"), ("1-6月完成投资", "1-6月"), ("1—11月累计增长", "1-11月"),
    ("前三季度实现", "1-9月"), ("一季度完成", "1-3月"), ("截至10月底，累计完成", "1-10月"), ("全年完成", "全年"),
    ("2018年7月进展情况", "1-7月"), ("12月底前完成", None),   # a deadline is not a period
    ("截至10月31日", "1-10月"), ("截至2月29日", "1-2月"), ("截至6月30日", "1-6月"), ("截至7月18日", "截至7月18日"),
])
def test_period_forms(text, label):
    assert normalise_period(text) == label


def test_period_of_kinds():
    assert layout.find_period("各位代表：全区生产总值增长5%。", "2023年某区政府工作报告", "work_report") == "全年"
    assert layout.find_period("…", "关于某县2017年上半年国民经济和社会发展计划执行情况的审查意见", "plan_report") == "1-6月"
    assert layout.find_period("指标 | 单位 | 1-3月 |\n增长率 | % | 7.2 |", None, "other") == "1-3月"
    assert layout.find_period("今年实施的34项为民办实事项目均已提前完成全年目标任务。", "为民办实事项目完成情况",
                              "task_progress") == "全年"
    assert layout.find_period("…", "某区政府2023年重点工作任务分解和责任分工方案", "task_progress") is None
    assert layout.find_period("序号 | 重点工作 | 进展情况 |", None, "task_progress",
                              progress_texts=["1—6月完成8亿元", "上半年增长5%", "已完成"]) == "1-6月"


# ---------------------------------------------------------------- years

@pytest.mark.parametrize("text,title,year", [
    ("各位代表：\n现在，我代表区人民政府向大会报告工作。\n一、2024年工作回顾\n2024年全区生产总值增长6%。", None, 2025),
    ("区长在报告中说，2018年全区经济发展。报告提出了2019年经济社会发展主要预期目标：增长9%。", None, 2019),
    ("——2016年1月6日在某市第十五届人民代表大会第五次会议上\n一、2015年工作回顾", None, 2016),
    ("报告首先回顾了2017年工作。今年主要预期目标是增长7.5%。", "某市人大开幕，市长作《政府工作报告》", 2018),
    ("2022年全区生产总值增长5%。", "2023年某区政府工作报告", 2023),
    ("2022年主要预期目标全面完成。2023年经济社会发展主要预期目标是：增长6%。", None, 2023),
])
def test_work_report_year_is_the_year_its_targets_are_for(text, title, year):
    assert layout.find_year(text, title, "work_report") == year


def test_plan_report_year_is_the_plan_year():
    title = "关于2023年某市国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告"
    assert layout.find_year("…", title, "plan_report") == 2024
    quoted = "本报讯 主任提交了《关于某市2020年国民经济和社会发展计划执行情况与2021年计划草案的报告》。"
    assert layout.find_year(quoted, None, "plan_report") == 2021


def test_half_year_review_keeps_its_year():
    assert layout.find_year("…", "关于某县2017年上半年国民经济和社会发展计划执行情况的审查意见", "plan_report") == 2017


def test_no_year_named_is_null():
    assert layout.find_year("指标 | 1-3月 |\n增长率 | % | 7.2 |", None, "other") is None


# ---------------------------------------------------------------- kinds

@pytest.mark.parametrize("text,title,tables,kind", [
    ("根据《2016年政府工作报告》安排部署，现将2016年民生实事目标任务分解下达。", "关于对2016年民生实事进行重点督办的通知", False,
     "task_progress"),
    ("…", "某区政府2023年重点工作任务分解和责任分工方案", False, "task_progress"),
    ("受县人民政府委托，现将2022年预算执行情况和2023年预算草案提请审议。", "关于某县2022年预算执行情况和2023年预算草案的报告",
     False, "plan_report"),
    ("会议听取了计划执行情况的报告。", "关于某县2017年上半年国民经济和社会发展计划执行情况的审查意见", False, "plan_report"),
    ("各位代表：\n现在，我代表区人民政府向大会作工作报告，请予审议。", None, False, "work_report"),
    ("各位代表：\n现在，我代表市人民政府，向大会报(bào)告政府工作，请予审议。", None, False, "work_report"),
    ("现将工作要点印发给你们。\n附件：1.主要指标", "某区2023年度工作要点", False, "work_plan"),
    ("序号 | 重点工作 | 进展情况 |\n1 | 新建道路 | 已完成 |", None, True, "task_progress"),
    ("一级指标 | 二级指标 | 计量单位 | 1-3月 |", None, False, "other"),
])
def test_kind_labels(text, title, tables, kind):
    assert layout.classify(text, title, has_task_table=tables) == kind


# ---------------------------------------------------------------- rules from real reports (invented strings)

def test_title_skips_breadcrumbs_and_sentences_and_reads_a_title_field():
    text = "您当前所在位置: 首页 > 政府信息公开 > 年度重点工作进展和完成情况\n关于2023年9月份民生实事进展情况的通报\n各乡镇："
    assert layout.find_title(text) == "关于2023年9月份民生实事进展情况的通报"
    assert layout.find_title("大会听取了区长所作的政府工作报告。报告分为三部分。\n") is None
    text = "索引号: | 1134/2020-001 |\n标 题: | 某县人民政府办公室关于印发重点工作任务分解表的通知 | ||\n各乡镇："
    assert layout.find_title(text) == "某县人民政府办公室关于印发重点工作任务分解表的通知"


@pytest.mark.parametrize("text,title,kind", [
    # a news lead on the work report
    ("1月10日上午，县第十八届人民代表大会第三次会议开幕。县长代表县人民政府作政府工作报告。", None, "work_report"),
    ("大会首先听取了旗长代表旗人民政府所作的工作报告。", None, "work_report"),
    ("州长受州人民政府的委托，向大会作《政府工作报告》。", None, "work_report"),
    # a notice on the work report's tasks is a task list, though its title names the work report
    ("县政府督查室对《政府工作报告》落实情况进行了督查。", "关于2023年《政府工作报告》重点任务三季度落实情况的通报", "task_progress"),
    ("区长在区人民代表大会第四次会议所作的《政府工作报告》安排部署了今年的工作。现将任务分解表印发给你们。",
     "关于印发2020年政府工作报告重点工作任务分解表的通知", "task_progress"),
    # a plan report read by a deputy head is a plan report, not the speech
    ("我代表区人民政府，向本次会议报告上半年计划执行情况，请予审议。",
     "关于某区2023年上半年国民经济和社会发展计划执行情况的报告", "plan_report"),
])
def test_kinds_from_real_layouts(text, title, kind):
    assert layout.classify(text, title, has_task_table=False) == kind


def test_work_report_news_year_from_its_date_line():
    text = ("2018-01-24 22:07:23 | 来源：某报\n自治区十三届人大一次会议开幕，自治区主席代表自治区人民政府作政府工作报告。"
            "报告指出，2017年是自治区成立70周年。")
    assert layout.find_year(text, None, "work_report") == 2018


def test_a_congress_in_december_meets_for_the_coming_year():
    text = "——2019年12月28日在某区第十七届人民代表大会第四次会议上\n各位代表：全区生产总值增长6%。"
    assert layout.find_year(text, None, "work_report") == 2020


def test_plan_report_year_from_the_draft_named_in_the_opening():
    text = ("为做好关于2022年某市国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划草案的报告初审工作，"
            "市人大常委会听取了汇报。2022年全市生产总值增长3%。")
    assert layout.find_year(text, None, "plan_report") == 2023


@pytest.mark.parametrize("text,title,kind,label", [
    # a headline with the period, though the text says 全年任务
    ("前三季度我市民生实事加快推进\n省政府民生实事中，10个事项已提前完成全年任务。", None, "task_progress", "1-9月"),
    # the month whose progress a title reports
    ("截至目前，65件民生实事已完成26件。", "关于2023年10月份民生实事项目进展情况的通报", "task_progress", "1-10月"),
    ("已完成19项。", "某县9月份民生工程进展情况", "task_progress", "1-9月"),
    # a plan report on part of the year (监督办法 is no 督办)
    ("根据《某某预算审查监督办法》，现将2024年1-6月财政预算执行情况报告如下。全旗收入完成10亿元。", None, "plan_report",
     "1-6月"),
    ("某县网讯 为分析全县上半年国民经济和社会发展计划执行情况，县人大常委会召开座谈会。", None, "plan_report", "1-6月"),
    # statistics in prose: the period its sentences name most
    ("1-11月，全县规模工业增加值增长4.5%，比1-10月提高0.5个百分点。\n1-11月，全县固定资产投资增长9%。", None, "other",
     "1-11月"),
])
def test_periods_from_real_layouts(text, title, kind, label):
    assert layout.find_period(text, title, kind) == label


def test_a_division_created_after_the_report_is_not_its_place():
    # 光明区 was created in 2018: in 2016 光明新区 was a zone of 深圳市
    text = "我代表新区管委会报告工作。2015年，光明新区地区生产总值增长9%，增速位居深圳全市第二。"
    assert place(text, "光明新区2016年工作报告", year=2016) == ("广东省", "深圳市", None, "city", "深圳市")
    assert place(text, "光明区2019年政府工作报告", year=2019)[2] == "光明区"


def test_work_report_year_from_the_coming_years_work_named_loosely():
    text = "1月14日，省十四届人大三次会议开幕，省长代表省人民政府向大会作政府工作报告。报告里有2024年成绩和2025年任务目标。"
    assert layout.find_year(text, None, "work_report") == 2025
    # 预计2024年 is the outcome of the year reviewed
    text = "省长作《政府工作报告》时称，预计2024年全省生产总值增长5%。"
    assert layout.find_year(text, None, "work_report") == 2025
    # a review's 2023年目标任务全面完成 is not the coming year
    text = "县长代表县人民政府作政府工作报告。2023年目标任务全面完成。一、2023年工作回顾"
    assert layout.find_year(text, None, "work_report") == 2024
    assert layout.find_year("各位代表：\n一、2023年主要工作回顾\n全县增长5%。", None, "work_report") == 2024


def test_year_of_a_dated_release_that_writes_no_year():
    assert layout.find_year("2021-12-27 15:11 来源：某报\n前11个月，全市工业增加值增长9.7%。", None, "other") == 2021


def test_headline_short_name_at_the_level_the_text_speaks_of():
    text = "1-11月 常州消费品零售总额增长8%\n全市工业增加值增长9%。全市投资增长5%。全市出口增长3%。"
    assert place(text)[:2] == ("江苏省", "常州市")
    # the short name of a county in a city's text is no headline place
    assert place("洞头旅游人数增长8%\n全市工业增加值增长9%。全市投资增长5%。全市出口增长3%。") == (None,) * 5


@pytest.mark.parametrize("text,title,kind", [
    ("省长作省政府工作报告时表示，今年预期增长5%。", None, "work_report"),
    ("2024年省委省政府10件为民实事如期全面高质量完成", None, "task_progress"),
])
def test_more_kinds(text, title, kind):
    assert layout.classify(text, title, has_task_table=False) == kind


@pytest.mark.parametrize("text,label", [("今年前11月社会消费品零售总额超去年全年", "1-11月"), ("前3个月完成", "1-3月")])
def test_first_n_months(text, label):
    assert normalise_period(text) == label


def test_year_end_completion_phrases():
    for text in ("10件民生实事均在2024年完成。", "10件为民实事如期全面高质量完成。"):
        assert layout.find_period(text, None, "task_progress") == "全年"


def test_work_report_news_year_from_the_sessions_it_covers():
    text = "聚焦2023某省两会 | 这五年\n省长作政府工作报告。报告指出，五年来全省生产总值从1.5万亿元增长到2.2万亿元。"
    assert layout.find_year(text, None, "work_report") == 2023


def test_a_city_report_naming_only_its_districts_is_the_city():
    # the text calls itself only 市政府 / 市有关部门; its districts are the columns of a table
    text = ("2022年市政府十件民生实事进展情况公示。市有关部门加强督查。\n"
            "| 项目 | 鹿城区 | 龙湾区 | 瓯海区 | 合计 |\n| 新增停车位（个） | 300 | 200 | 100 | 600 |\n")
    assert place(text, year=2022) == ("浙江省", "温州市", None, "city", "温州市")


def test_a_district_report_naming_itself_by_its_level_word_stays_a_district():
    text = "区政府认真落实民生实事。鹿城区新增停车位300个，全区完成率100%。"
    assert place(text, year=2022)[:3] == ("浙江省", "温州市", "鹿城区")


@pytest.mark.parametrize("text,title,year", [
    # a comma and a subject between the year and 主要预期目标
    ("某省省长作政府工作报告。2024年，全省发展的主要预期目标是：生产总值增长5%左右。", None, 2024),
    # only the reviewed year is written: 初步统计 / 20XX年成就 / 20XX年是…的一年
    ("市长作政府工作报告。初步统计，2022年全市生产总值1200亿元。", None, 2023),
    ("省长作政府工作报告。\n2020年成就：\n实现生产总值2.6万亿元", None, 2021),
    ("县长作政府工作报告时说，2016年是极不平凡的一年。", None, 2017),
    # a news item quoting the review only: the year whose figures were achieved, plus one
    ("省长向大会作政府工作报告。●2023年全省地区生产总值达到5.2万亿元、增长5.1%", None, 2024),
    # a year in Chinese numerals (zeros typed as digits too)
    ("大会听取了由主席所作的《政府工作报告》。二00四年主要预期目标是：增长百分之九。", None, 2004),
    # a title year that is the year reviewed; the coming year's work named in the body
    ("县长作《政府工作报告》，对2022年的主要工作作了安排。", "政府工作报告摘登：2021年全县经济社会发展目标全面完成", 2022),
])
def test_work_report_year_from_news_and_excerpts(text, title, year):
    # (the readers see the cleaned text: Chinese-numeral years are digits by then)
    assert layout.find_year(clean_for_parsing(text).text, title, "work_report") == year


@pytest.mark.parametrize("text,title", [
    ("大会听取了由自治区主席所作的《政府工作报告》。", None),
    ("省长在省人大会议上作了政府工作报告。全省生产总值增长6%。", None),
    ("据统计，全县生产总值增长6%。", "政府工作报告摘登：2023年全县经济社会发展目标全面完成"),
])
def test_news_leads_and_excerpts_of_a_work_report_are_work_reports(text, title):
    assert layout.classify(text, title, False) == "work_report"


def test_a_district_ranking_itself_within_its_city_is_still_the_district():
    text = ("宝安区第七届人民代表大会第三次会议开幕，区长作政府工作报告。深圳新闻网讯。"
            "社会消费品零售总额增长9%，增速居全市前列；新增专精特新企业120家，总量全市第二，全市排名第一。")
    assert place(text, year=2019)[:3] == ("广东省", "深圳市", "宝安区")


def test_a_county_level_city_naming_its_parent_more_often_is_the_county_level_city():
    text = ("本市承担的省市县三级民生实事共98项，在市委市政府领导下全部完成。省级实事21项；"
            "温州市级实事33项，温州市通报表扬；瑞安市级实事44项，其中9项提前完成。")
    assert place(text, year=2021)[:3] == ("浙江省", "温州市", "瑞安市")


def test_a_numbered_line_of_a_table_of_contents_is_not_the_title():
    text = "目录\n一、2022年全县一般公共预算收支执行情况表\n二、2023年全县预算情况表\n关于某县2022年预算执行情况的报告\n"
    assert layout.find_title(text) == "关于某县2022年预算执行情况的报告"


def test_titles_of_task_lists():
    assert layout.find_title("附件1\n  某市2021年民生实事工作目标\n  一、交通出行\n") == "某市2021年民生实事工作目标"


def test_period_from_the_opening_of_a_progress_notice():
    text = "县政府督查室对2022年民生实事上半年完成情况开展了专项督查。现将督查情况通报如下：\n"
    assert layout.find_period(text, None, "task_progress") == "1-6月"


def test_a_province_by_its_short_name_in_a_text_speaking_at_its_level():
    assert place("我区今年的目标是生产总值增长6.5%。推进新疆特色林果业发展，全区就业稳定。")[:2] == \
        ("新疆维吾尔自治区", None)
    assert place("全省生产总值增长6%，湖北经济稳中向好，全省上下共同努力。")[:2] == ("湖北省", None)
    # the same short name in a city's text is a word of another place, not the issuer
    assert place("全市新增就业1万人，与湖北企业签约。")[:2] == (None, None)


def test_a_province_naming_only_places_inside_it():
    text = "自治区人代会在呼和浩特开幕。全区地区生产总值增长6%左右，全区就业形势保持稳定。"
    assert place(text) == ("内蒙古自治区", None, None, "province", "内蒙古自治区")


def test_a_verb_that_is_also_a_county_name_is_not_a_place():
    assert place("目前实事项目总体完成率55%。县财政局要会同县审计局开展资金检查。") == (None,) * 5


def test_the_years_target_in_a_title_is_not_the_period():
    text = "某省完成全年目标的民生小项又增4个\n截至4月底，全省新建农村公路1200公里。"
    assert layout.find_period(text, "某省完成全年目标的民生小项又增4个", "other") == "1-4月"


def test_the_year_a_change_started_from_is_not_the_reports_year():
    text = "截至8月底，我市民生工程资金到位26亿元。民生工程项目由2008年的10项拓展为2014年的30项。"
    assert layout.find_year(text, None, "other") == 2014


def test_work_report_news_year_from_the_reviewed_years_change():
    text = "省长在会上作《政府工作报告》指出，全省生产总值由2002年的0.9万亿元增加到2007年的2.1万亿元，2007年比上年增长12.8%。"
    assert layout.find_year(text, None, "work_report") == 2008


@pytest.mark.parametrize("text,year", [
    ("省长作政府工作报告。他说，刚刚过去的2021年，全省经济平稳发展。初步统计，全省生产总值增长7%。", 2022),
    ("主席作政府工作报告。报告显示，2022年全区地区生产总值增长4.1%。报告指出，今年全区的主要预期目标是：增长6%左右。", 2023),
    ("聚焦两会\n省长作政府工作报告，回顾了2020年全省主要工作。预计生产总值增长3.5%左右。", 2021),
])
def test_work_report_year_from_the_year_reviewed_in_news(text, year):
    assert layout.find_year(text, None, "work_report") == year
