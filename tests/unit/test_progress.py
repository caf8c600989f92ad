import pytest

from orchestration.parsing.collector import MeasureCollector
from orchestration.parsing.progress import read_task_row, split_departments, task_status, tasks_from_table
from orchestration.parsing.tables import find_pipe_tables


def test_departments_lead_marked_or_first():
    assert split_departments("区财政局*、区发改局") == [("区财政局", True), ("区发改局", False)]
    assert split_departments("区发改局*、区交通局*") == [("区发改局", True), ("区交通局", True)]
    assert split_departments("区统计局、区发改局,各街道办事处") == [
        ("区统计局", True), ("区发改局", False), ("各街道办事处", False)]
    assert split_departments("区委组织部(人才办、组织科)*、区经信局") == [
        ("区委组织部(人才办、组织科)", True), ("区经信局", False)]
    assert split_departments("") == []


@pytest.mark.parametrize("text,status", [
    (None, "unknown"), ("", "unknown"), ("印象汇商业综合体已建成开业。", "completed"),
    ("寺前街目前尚未完工,尚未启动相关活动。", "not_started"), ("正在推进前期工作。", "in_progress"),
    ("已完成方案编制,正在推进招标。", "in_progress"),
])
def test_status_rules(text, status):
    assert task_status(text) == status


def _rows(text):
    (t,) = find_pipe_tables(text)
    return tasks_from_table(t, first_seq=1)


def test_row_targets_actuals_and_completion():
    text = ("序号 | 重点工作 | 责任单位 | 进展情况 |\n"
            "29 | 新增市场主体13000家以上。 | 区市场监管局 | 截至7月18日,新增各类市场经营主体9016户,完成全年任务的69.4%。 |\n")
    out = MeasureCollector()
    task, depts = read_task_row(_rows(text)[0], 2023, "1-6月", out)
    assert task.task_no == 29 and depts[0].is_lead
    target = [m for m in out.measures if m.role == "target"]
    actual = [m for m in out.measures if m.role == "actual"]
    assert [(m.value, m.unit, m.comparator) for m in target] == [(13000, "家", ">=")]
    assert [(m.value, m.unit, m.period_label) for m in actual] == [(9016, "户", "截至7月18日")]
    assert actual[0].pairs_with_measure_seq == target[0].measure_seq
    (c,) = out.completions
    assert (c.stated_pct, c.actual_value, c.target_value, c.target_unit) == (69.4, 9016, 13000, "家")


def test_layout_with_target_actual_and_rate_columns():
    text = ("序号 | 项目名称 | 责任单位 | 目标任务 | 1-8月实际完成情况 | 任务完成率 | 备注 |\n"
            "1 | 某某大道建设 | 区交通局 | 年度完成投资2亿元 | 完成投资1.5亿元 | 75% | |\n")
    out = MeasureCollector()
    task, _ = read_task_row(_rows(text)[0], 2023, None, out)
    assert task.task_text == "某某大道建设"
    assert [(m.role, m.value) for m in out.measures] == [("target", 2), ("actual", 1.5)]
    (c,) = out.completions
    assert (c.stated_pct, c.actual_value, c.target_value) == (75, 1.5, 2)


def test_section_rows_header_period_and_full_width_digits():
    from orchestration.parsing.report import parse_report

    text = ("序号 | 项目名称 | 责任单位 | 目标任务 | 1-8月实际完成情况 | 任务完成率 | 备注 |\n"
            "一、交通项目 | | | | | | |\n"
            "1 | 城东大道改造工程 | 县交通局 | 年度完成投资２.４亿元 | 完成投资１.８亿元 | ７５％ | |\n"
            "二、社会事业 | | | | | | |\n"
            "2 | 县人民医院迁建 | 县卫健局*、县建设局 | 年度完成投资5亿元 | 完成投资3.1亿元 | 62% | 主体结顶 |\n")
    p = parse_report(text.encode(), "x.txt")
    assert p.report.period_label == "1-8月"
    assert [(t.task_no, t.section) for t in p.tasks] == [(1, "一、交通项目"), (2, "二、社会事业")]
    assert [(m.role, m.value, m.period_label) for m in p.measures] == [
        ("target", 2.4, None), ("actual", 1.8, "1-8月"), ("target", 5, None), ("actual", 3.1, "1-8月")]
    assert [(c.stated_pct, c.actual_value, c.target_value) for c in p.completions] == [(75, 1.8, 2.4), (62, 3.1, 5)]
    assert all(m.evidence in text for m in p.measures) and all(c.evidence in text for c in p.completions)


def test_lead_written_as_a_word_and_trailing_etc():
    assert split_departments("区发改局（牵头）、区财政局等") == [("区发改局", True), ("区财政局", False)]


def test_percentage_of_an_amount_is_a_growth_rate():
    out = MeasureCollector()
    text = "1—6月全社会消费品零售总额5.1%,战略性新兴产业增加值占规上工业增加值比重31.71%"
    from orchestration.parsing.numbers import find_quantities

    for q in find_quantities(text):
        out.add_quantity(q, text, "actual", 1)
    assert [(m.value, m.is_growth_rate) for m in out.measures] == [(5.1, True), (31.71, False)]


def test_things_used_are_not_targets():
    text = ("序号 | 重点工作 | 责任单位 | 进展情况 |\n"
            "1 | 依托3个省级园区,发挥15个科创平台作用,新增孵化面积40万平方米以上。 | 区科技局 | 推进中。 |\n")
    out = MeasureCollector()
    read_task_row(_rows(text)[0], 2023, None, out)
    assert [(m.value, m.unit) for m in out.measures] == [(40, "万平方米")]


def test_actuals_pair_with_targets_by_synonym_and_inherited_metric():
    text = ("序号 | 重点工作 | 责任单位 | 进展情况 |\n"
            "1 | 地区生产总值增长6.5%,固定资产投资增长10%左右。 | 区发改局 | "
            "1—6月全区GDP增速为6.6%;完成固定资产投资220.4亿元,同比增长4.1%,另建安投资同比增长7.9%。 |\n")
    out = MeasureCollector()
    read_task_row(_rows(text)[0], 2023, None, out)
    by_seq = {m.measure_seq: m for m in out.measures}
    pairs = {m.value: by_seq[m.pairs_with_measure_seq].value for m in out.measures
             if m.role == "actual" and m.pairs_with_measure_seq}
    assert pairs[6.6] == 6.5 and pairs[4.1] == 10


def test_lead_and_partner_labels_and_duty_notes():
    assert split_departments("牵头单位：区发改局；配合单位：区财政局、区经信局") == [
        ("区发改局", True), ("区财政局", False), ("区经信局", False)]
    assert split_departments("区发改局、区财政局（按职责分工负责）") == [("区发改局", True), ("区财政局", False)]


def test_an_actual_cell_with_its_unit_written():
    text = "| 序号 | 实事项目 | 年度目标 | 1-10月完成 | 完成进度 | 责任单位 |\n| 1 | 新增城镇就业 | 5000人 | 4500人 | 90% | 县人社局 |\n"
    (t,) = find_pipe_tables(text)
    (row,) = tasks_from_table(t, 1)
    out = MeasureCollector()
    read_task_row(row, 2023, "1-10月", out)
    assert [(m.role, m.value, m.unit) for m in out.measures] == [("target", 5000, "人"), ("actual", 4500, "人")]
    assert (out.completions[0].actual_value, out.completions[0].target_value) == (4500, 5000)


def test_done_so_far_below_the_target_is_in_progress():
    text = ("| 序号 | 项目名称 | 建设内容及目标 | 责任单位 | 截至6月底进展情况 |\n"
            "| 1 | 道路畅通工程 | 改造提升道路12条 | 区住建局 | 已完成改造8条 |\n"
            "| 2 | 公园建设 | 新建口袋公园5个 | 区园林局 | 已完成5个 |\n")
    (t,) = find_pipe_tables(text)
    statuses = [read_task_row(row, 2024, None, MeasureCollector())[0].status for row in tasks_from_table(t, 1)]
    assert statuses == ["in_progress", "completed"]


def test_lead_and_partner_columns_label_their_units():
    text = ("| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n"
            "| 1 | 实施重点项目100个以上 | 县发改局、县住建局 | 县自然资源局 | 全年 |\n")
    (t,) = find_pipe_tables(text)
    (row,) = tasks_from_table(t, 1)
    _, depts = read_task_row(row, 2024, None, MeasureCollector())
    assert [(d.department_name, d.is_lead) for d in depts] == [("县发改局", True), ("县住建局", True), ("县自然资源局", False)]
