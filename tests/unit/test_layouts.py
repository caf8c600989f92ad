"""Layout rules of task tables and task lists, each on an invented string."""
from orchestration.parsing.collector import MeasureCollector
from orchestration.parsing.lists import find_task_lists, rows_from_list
from orchestration.parsing.progress import read_task_row, split_departments, tasks_from_table
from orchestration.parsing.report import parse_report
from orchestration.parsing.tables import find_cell_per_line_tables, find_pipe_tables, find_run_together_tables, table_roles


def _read(table_text: str, year=2024):
    (t,) = find_pipe_tables(table_text)
    out = MeasureCollector()
    tasks = [read_task_row(r, year, None, out)[0] for r in tasks_from_table(t, first_seq=1)]
    return t, tasks, out


def test_header_wrapped_over_two_lines_continues_it():
    text = ("序号 | 项目名称 | 目标任务 | 1-6月 实际完成情况 |\n任务完成率 | 备注 |\n"
            "1 | 新建公园 | 新建公园4个 | 已建成3个 | 75% | 无 |\n")
    t, _, out = _read(text)
    assert t.roles == ["no", "task", "target", "progress", "rate", "note"]
    assert [(c.stated_pct, c.actual_value, c.target_value) for c in out.completions] == [(75, 3, 4)]


def test_header_wrapped_over_two_lines_splits_a_grouped_column():
    text = ("金额单位:万元 |\n类别 | 序号 | 项目名称 | 年度计划投资 | 2024年5月进展情况 | 责任单位 |\n"
            "完成投资 | 投资完成率 | 实施情况 |\n"
            "一、教育 | 1 | 新建学校 | 800 | 600 | 75% | 主体完工 | 县教育局 |\n")
    t, tasks, out = _read(text)
    assert t.roles == ["category", "no", "task", "target", "actual", "rate", "progress", "dept"]
    assert t.unit == "万元" and t.header_period == "1-5月"
    vals = {(m.role, m.value, m.unit) for m in out.measures}
    assert {("target", 800, "万元"), ("actual", 600, "万元")} <= vals
    assert [(c.stated_pct, c.actual_value, c.target_value) for c in out.completions] == [(75, 600, 800)]
    assert tasks[0].section == "一、教育"


def test_category_column_printed_on_a_groups_first_row_only():
    text = ("大类 | 序号 | 工作任务 | 分管领导 | 牵头单位及主要负责人 | 进展情况 |\n"
            "一、保障 | 1 | 新增床位100张。 | 张三 | 县民政局 李四 | 已完成。 |\n"
            "2 | 新建食堂5个。 | 张三 | 县民政局 李四 | 推进中。 |\n")
    t, tasks, out = _read(text)
    assert t.roles == ["category", "no", "task", "leader", "dept", "progress"]
    assert [x.task_no for x in tasks] == [1, 2]
    assert [x.section for x in tasks] == ["一、保障", "一、保障"]
    assert [(m.task_seq, m.value) for m in out.measures if m.role == "target"] == [(1, 100), (2, 5)]
    assert split_departments("县民政局 李四", drop_people=True) == [("县民政局", True)]


def test_traditional_row_number_header():
    text = "序號 | 重点工作 | 进展情况 |\n1 | 任务一 | 已完成 |\n"
    assert find_pipe_tables(text)[0].roles[0] == "no"


def test_empty_cells_keep_a_rate_in_its_own_column():
    text = "序号 | 项目 | 目标任务 | 完成率 | 完成情况 |\n1 | 提高补助 | 每人每月不低于150元 | 100% | 已按新标准发放 |\n"
    _, _, out = _read(text)
    assert [(c.stated_pct, c.target_value) for c in out.completions] == [(100, 150)]
    assert not [m for m in out.measures if m.role == "actual" and m.unit == "%"]


def test_bare_numbers_take_the_unit_of_the_task():
    text = "序号 | 实事项目 | 完成数 | 占全年计划 |\n1 | 新增7个口袋公园 | 5 | 71% |\n"
    _, _, out = _read(text)
    actual = [m for m in out.measures if m.role == "actual"]
    assert [(m.value, m.unit) for m in actual] == [(5, "个")]
    assert "5 | 71%" in actual[0].evidence
    assert [(c.stated_pct, c.actual_value, c.target_value) for c in out.completions] == [(71, 5, 7)]


def test_un_numbered_sub_rows_belong_to_the_task_above():
    text = ("序号 | 项目名称 | 完成情况 | 占全年计划 |\n1 | 新增200张床位 | 210 | 105% |\n"
            "新建10个食堂 | 9 | 90% | |\n2 | 新开3条线路 | 3 | 100% |\n")
    t, tasks, out = _read(text)
    assert [x.task_no for x in tasks] == [1, 2]
    assert [(c.task_seq, c.stated_pct, c.target_value) for c in out.completions] == [(1, 105, 200), (1, 90, 10), (2, 100, 3)]


def test_total_rows_are_report_level_completions():
    p = parse_report(("序号 | 项目名称 | 年度计划投资 | 完成投资 | 投资完成率 |\n合计:3个项目 | 300 | 150 | 50% |\n"
                      "1 | 项目甲 | 100 | 50 | 50% |\n").encode(), "t.txt")
    assert sorted((c.task_seq or 0, c.stated_pct, c.target_value) for c in p.completions) == [(0, 50, 300), (1, 50, 100)]
    assert [t.task_no for t in p.tasks] == [1]


def test_first_row_need_not_be_one_and_a_cut_row_is_kept():
    text = "\n".join(["序号", "民生实事", "责任单位", "完成时限", "7", "新建公厕12座。", "县城管局", "县住建局", "10月底前",
                      "8", "改造道路3公里。", "县交通局", "12月底前", "另新建停车场1个。", "9", "新建"])
    (t,) = find_cell_per_line_tables(text)
    assert [r[0] for r in t.rows] == ["7", "8", "9"]
    assert t.cell(t.rows[0], "dept") == "县城管局、县住建局" and t.cell(t.rows[0], "note") == "10月底前"
    assert [p[0][1] for p in t.parts[1]] == ["另新建停车场1个。"]
    assert t.truncated_rows == 1


def test_cells_run_together_on_one_line():
    text = ("附件序号项目名称主要内容牵头单位配合单位1改善教育新建学校3所,新增学位2000个。教育局各街道"
            "2稳定就业城镇新增就业8000人。人社局各街道3提升养老新建养老中心2家。民政局")
    (t,) = find_run_together_tables(text)
    assert [r[0] for r in t.rows] == ["1", "2", "3"]
    assert t.cell(t.rows[1], "task").startswith("稳定就业城镇新增就业8000人")


def test_numbered_list_with_responsible_units():
    text = ("某区2024年重点工作任务分解方案\n一、主要预期目标\n1.地区生产总值增长6%左右。\n牵头单位:区发改局\n"
            "责任单位:各街道\n2.一般公共预算收入增长5%。\n牵头单位:区财政局\n")
    (lst,) = find_task_lists(text)
    rows = rows_from_list(lst, 1)
    assert [r["task_no"] for r in rows] == [1, 2] and rows[0]["section"] == "一、主要预期目标"
    out = MeasureCollector()
    task, depts = read_task_row(rows[0], 2024, None, out)
    assert [(d.department_name, d.is_lead) for d in depts] == [("区发改局", True), ("各街道", False)]
    assert [(m.role, m.value, m.comparator) for m in out.measures] == [("target", 6, "~")]


def test_list_markers_and_progress_inside_items():
    for marker in ("{}、", "（{}）", "{}."):
        cn = "零一二三"
        items = [marker.format(cn[i] if "（" in marker else i) for i in (1, 2, 3)]
        text = "十件民生实事\n" + "\n".join(f"{m}新建公园{i}个,完成率{90 + i}%。" for i, m in enumerate(items, 1))
        (lst,) = find_task_lists(text)
        assert [it.number for it in lst.items] == [1, 2, 3]
    circled = "为民办实事\n①新建公厕5座。\n②改造道路2公里。"
    assert [it.number for it in find_task_lists(circled)[0].items] == [1, 2]
    alone = "实事项目完成情况\n1\n新增 50家 食堂,为计划的100%。\n2\n新建 8个 驿站,已完成。\n"
    rows = rows_from_list(find_task_lists(alone)[0], 1)
    assert rows[0]["task_is_progress"] and rows[1]["progress_text"] == "新建 8个 驿站,已完成。"


def test_numbered_prose_paragraphs_are_not_a_task_list():
    para = "项目投资持续加力。" + "全年完成投资100亿元,同比增长10%,其中工业投资增长12%,民间投资增长8%,基础设施投资增长9%。" * 3
    text = f"二、主要成效\n1.{para}\n2.{para}\n"
    assert find_task_lists(text) == []


def test_levels_before_a_raise_are_baselines():
    text = "序号 | 工作任务 | 进展情况 |\n1 | 将低保标准从每人每月500元提高到每人每月550元。 | 已完成。 |\n"
    _, _, out = _read(text, 2020)
    assert [(m.role, m.value, m.reference_year) for m in out.measures] == [("baseline", 500, 2019), ("target", 550, 2020)]


def test_numbered_indicator_table_with_group_cells_and_a_period_column():
    text = ("一级指标 | 二级指标 | 计量单位 | 1-3月 |\n经济 | 1.地区生产总值增长率 | % | 6.5 |\n"
            "2.工业用电量 | % | -2.1 | |\n结构 | 3.服务业增加值占比 | % | 50.2 |\n4.城乡收入比 | 2.1 |\n")
    p = parse_report(text.encode(), "ind.txt")
    assert [t.task_no for t in p.tasks] == [1, 2, 3, 4]
    got = [(m.task_seq, m.value, m.is_growth_rate, m.period_label) for m in p.measures]
    assert got == [(1, 6.5, True, "1-3月"), (2, -2.1, True, "1-3月"), (3, 50.2, False, "1-3月"), (4, 2.1, False, "1-3月")]


def test_roles_of_value_and_people_columns():
    assert table_roles(["序号", "项目名称", "年度计划投资(万元)", "完成投(筹)资", "投(筹)资完成率", "区政府分管领导"]) == [
        "no", "task", "target", "actual", "rate", "leader"]


def test_a_list_printed_as_one_paragraph_with_labelled_fields():
    text = ("现将民生实事项目1—6月份进展情况予以公示。 1.新建公园5个。 牵头领导:王五 责任单位:市园林局 "
            "实际完成情况:已建成3个,完成年度目标任务的60%。 2.新增公交线路10条。 牵头领导:王五 责任单位:市交通局 "
            "配合单位:市公安局 实际完成情况:已开通10条。 3.改造老旧小区20个。 责任单位:市住建局 实际完成情况:已开工15个。")
    p = parse_report(text.encode(), "para.txt")
    assert [t.task_no for t in p.tasks] == [1, 2, 3]
    assert p.tasks[0].task_text == "新建公园5个。" and p.tasks[1].progress_text == "已开通10条。"
    depts = {(d.task_seq, d.department_name, d.is_lead) for d in p.departments}
    assert depts == {(1, "市园林局", True), (2, "市交通局", True), (2, "市公安局", False), (3, "市住建局", True)}
    assert [(c.task_seq, c.stated_pct, c.actual_value) for c in p.completions] == [(1, 60, 3)]
    assert {(m.task_seq, m.role, m.value) for m in p.measures} >= {(1, "target", 5), (1, "actual", 3), (2, "actual", 10)}


def test_lines_with_an_inline_lead_unit():
    text = "二、部分项目进展情况\n1、农村道路工程,牵头部门:市交通局。进度较慢。\n2、饮水工程,牵头部门:市水利局。未完成。\n"
    p = parse_report(text.encode(), "lines.txt")
    assert [(d.task_seq, d.department_name) for d in p.departments] == [(1, "市交通局"), (2, "市水利局")]


def test_numbering_that_continues_across_section_headings():
    text = "十件民生实事\n一、教育\n1.新建幼儿园3所。\n2.新增学位500个。\n二、医疗\n3.新建卫生院2家。\n"
    (lst,) = find_task_lists(text)
    assert [(it.number, it.section) for it in lst.items] == [(1, "一、教育"), (2, "一、教育"), (3, "二、医疗")]
    assert [it.text_lines for it in lst.items][1] == ["新增学位500个。"]


def test_group_rows_with_chinese_ordinals_and_merged_row_number_cells():
    text = ("序号 | 项目名称 | 年度目标 | 完成数 | 完成率 |\n一 | 教育 | | | |\n1 | 新建学校(所) | 4 | 2 | 50% |\n"
            "| 新增学位(个) | 1000 | 800 | 80% |\n二 | 卫生 | | | |\n2 | 新建卫生院(家) | 2 | 2 | 100% |\n")
    t, tasks, out = _read(text)
    assert [(x.task_no, x.section) for x in tasks] == [(1, "一 教育"), (2, "二 卫生")]
    assert [(c.task_seq, c.stated_pct, c.actual_value, c.target_value) for c in out.completions] == [
        (1, 50, 2, 4), (1, 80, 800, 1000), (2, 100, 2, 2)]
    assert {(m.role, m.value, m.unit) for m in out.measures if m.task_seq == 1} >= {("target", 4, "所"), ("actual", 800, "个")}


def test_task_table_without_row_numbers_or_progress():
    text = "工作任务 | 牵头单位 | 配合单位 | 完成时限 |\n新建公园3个 | 县住建局 | 各乡镇 | 12月底前 |\n"
    (t,) = find_pipe_tables(text)
    assert t.roles == ["task", "dept", "dept", "note"] and len(t.rows) == 1


def test_long_items_with_responsible_units_are_still_a_task_list():
    para = "认真落实各项政策措施,大力实施减税降费,力争减轻企业各类负担50亿元,全力支持企业复产达产、健康发展,推动经济平稳运行。" * 2
    text = (f"附件1\n重点工作责任分解\n一、市长主抓重点工作\n1.支持企业发展。{para}\n"
            "责任单位:市经信局、市财政局(列第一位者为牵头单位,下同)\n"
            f"2.扩大有效投资。{para}\n责任单位:市发改委\n")
    p = parse_report(text.encode(), "split.txt")
    assert [t.task_no for t in p.tasks] == [1, 2]
    assert [(d.task_seq, d.department_name, d.is_lead) for d in p.departments] == [
        (1, "市经信局", True), (1, "市财政局", False), (2, "市发改委", True)]
    assert {(m.task_seq, m.role, m.value, m.comparator) for m in p.measures} >= {(1, "target", 50, "=")}


def test_numbered_items_under_chinese_numbered_headings_are_the_tasks():
    para = "坚持规划引领,全面推进各项改革,持续优化营商环境,加快项目建设,推动高质量发展取得新成效。" * 3
    text = (f"(一)聚力产业发展,推动经济质效提升。\n\n重点打造2个标志性成果:\n\n1.推进国企改革。{para}(牵头单位:区财政局)\n\n"
            f"2.推进民营经济发展。{para}(牵头单位:区经信局、区工商联)\n\n(二)聚力城乡协调,推动差距缩小。\n\n"
            f"3.推动海岛发展。{para}(牵头单位:区发改局)\n")
    (lst,) = find_task_lists(text)
    assert [it.number for it in lst.items] == [1, 2, 3]
    p = parse_report(text.encode(), "plan.txt")
    assert [(d.task_seq, d.department_name, d.is_lead) for d in p.departments] == [
        (1, "区财政局", True), (2, "区经信局", True), (2, "区工商联", True), (3, "区发改局", True)]


def test_a_row_number_repeated_by_a_merged_cell_makes_sub_rows():
    text = ("类别 | 序号 | 项目 | 目标 | 完成 | 完成率 |\n教育 | 1 | 新建学校(所) | 4 | 2 | 50% |\n"
            "教育 | 1 | 新增学位(个) | 1000 | 800 | 80% |\n教育 | 2 | 新建食堂(个) | 5 | 5 | 100% |\n")
    t, tasks, out = _read(text)
    assert t.roles == ["category", "no", "task", "target", "actual", "rate"]
    assert [(x.task_no, x.section) for x in tasks] == [(1, "教育"), (2, "教育")]
    assert [(c.task_seq, c.stated_pct, c.actual_value, c.target_value) for c in out.completions] == [
        (1, 50, 2, 4), (1, 80, 800, 1000), (2, 100, 5, 5)]


def test_a_photo_caption_is_no_title_and_a_headline_below_the_lead_skips_nothing():
    from orchestration.parsing.layout import find_title

    assert find_title("会场 李四 摄\n区长作政府工作报告 李四 摄\n") is None
    text = ("本报讯 区第六届人民代表大会第四次会议开幕。\n区长在报告中说，2018年全区地区生产总值达到300亿元、增长9%。\n"
            "区长作政府工作报告\n他提出2019年主要预期目标：地区生产总值增长8%。\n")
    p = parse_report(text.encode(), "news.txt")
    assert {(m.role, m.value) for m in p.measures} >= {("actual", 300), ("actual", 9), ("target", 8)}


def test_numbered_section_headings_with_paragraphs_are_not_a_task_list():
    text = ("一、一般公共预算收支完成情况\n(一)收入情况\n1-4月,收入累计完成2000万元,完成年初预算数5000万元的40%。\n"
            "(二)支出情况\n1-4月,支出累计完成8000万元,完成预算数20000万元的40%。\n")
    assert find_task_lists(text) == []
    p = parse_report(text.encode(), "budget.txt")
    assert not p.tasks and [(c.stated_pct, c.target_value) for c in p.completions] == [(40, 5000), (40, 20000)]


def test_items_numbered_with_a_chinese_full_stop():
    text = "某市2022年民生实事工作目标\n1。新建幼儿园12所。(牵头单位:市教育局)\n2。改造农村公路300公里。(牵头单位:市交通局、市住建局)\n"
    (lst,) = find_task_lists(text)
    assert [it.number for it in lst.items] == [1, 2]


def test_a_long_item_states_its_task_then_what_the_period_did():
    # a 督查 notice: each item quotes the task, then 上半年，… what was done (long items, still a task list)
    filler = "推动项目建设提速提效，强化要素保障，优化营商环境，加强跟踪调度。" * 3
    text = ("二、其他任务完成情况\n"
            f"1.新建5G基站600个；新增市场主体5000户以上。{filler}上半年，新建5G基站320个，新增市场主体2800户。\n"
            f"2.改造老旧小区40个。{filler}截至6月底，已开工改造老旧小区25个。\n")
    (lst,) = find_task_lists(text)
    rows = rows_from_list(lst, 1)
    out = MeasureCollector()
    read_task_row(rows[0], 2023, None, out)
    got = [(m.role, m.value) for m in out.measures]
    assert ("target", 600) in got and ("target", 5000) in got
    assert ("actual", 320) in got and ("actual", 2800) in got


def test_items_numbered_yi_er_with_their_lead_unit_in_a_note():
    text = ("2022年市级为民办实事项目完成情况\n一、新建中小学15所，新增学位1.2万个。（市教育局牵头）\n"
            "完成情况：已建成11所，新增学位9600个，完成年度任务的80%。\n"
            "二、新增公共停车泊位5000个。（市住建局牵头，各区政府配合）\n完成情况：已新增泊位5230个，完成年度任务的104.6%。\n")
    (lst,) = find_task_lists(text)
    rows = rows_from_list(lst, 1)
    assert [r["task_no"] for r in rows] == [1, 2]
    out = MeasureCollector()
    task, depts = read_task_row(rows[1], 2022, None, out)
    assert [(d.department_name, d.is_lead) for d in depts] == [("市住建局", True), ("各区政府", False)]
    (c,) = out.completions
    assert (c.actual_value, c.target_value) == (5230, 5000)


def test_sections_numbered_yi_er_above_numbered_items_stay_sections():
    text = ("某市2022年民生实事工作目标\n一、出行便利\n1.打通断头路12条。(牵头单位:市住建局)\n"
            "2.改造农村公路150公里。(牵头单位:市交通局)\n二、环境整治\n3.完成背街小巷整治30条。(牵头单位:市城管委)\n")
    (lst,) = find_task_lists(text)
    assert [it.number for it in lst.items] == [1, 2, 3]


def test_an_item_states_its_task_then_what_was_done_starting_with_yi():
    text = ("2023年市政府民生实事项目三季度进展情况\n1. 新建城市书房10家。已建成开放8家，完成率80%。\n"
            "2. 为全市3000名困难老人提供居家养老服务。已服务3120人。\n3. 改造提升农贸市场15个。目前已完成12个。\n")
    (lst,) = find_task_lists(text)
    out = MeasureCollector()
    for row in rows_from_list(lst, 1):
        read_task_row(row, 2023, "1-9月", out)
    got = {(m.task_seq, m.role, m.value) for m in out.measures}
    assert {(1, "target", 10), (1, "actual", 8), (2, "target", 3000), (2, "actual", 3120),
            (3, "target", 15), (3, "actual", 12)} <= got
    (c,) = out.completions
    assert (c.actual_value, c.target_value) == (8, 10)     # the one target of its unit, which gives 80%
