import pytest

from orchestration.parsing.tables import column_role, find_cell_per_line_tables, find_pipe_tables, find_space_tables


def test_roles_by_header_words():
    headers = ["序号", "项目名称", "责任单位", "目标任务", "1-8月实际完成情况", "任务完成率", "备注"]
    assert [column_role(h) for h in headers] == ["no", "task", "dept", "target", "progress", "rate", "note"]


def test_pipe_table_with_breadcrumb_and_wrapped_cell():
    text = ("信息公开 | 重要工作 | 政府绩效目标 |\n序号 | 重点工作 | 当前完成情况 |\n"
            "1 | 建设A项目。 | 已完成。 |\n2 | 建设B项目, | 正在推进,\n预计年底完成。 |\n")
    (t,) = find_pipe_tables(text)
    assert t.roles == ["no", "task", "progress"]
    assert [r[0] for r in t.rows] == ["1", "2"]
    assert t.cell(t.rows[1], "progress") == "正在推进,预计年底完成。"


def test_truncated_row_is_kept_and_counted():
    text = "序号 | 重点工作 | 责任单位 | 进展情况 |\n1 | 任务一 | 区发改局 | 已完成 |\n2 | 任务二 |"
    (t,) = find_pipe_tables(text)
    assert len(t.rows) == 2 and t.truncated_rows == 1


def test_cell_per_line_table():
    text = "\n".join(["序号", "", "重点工作", "责任单位", "进展情况", "1", "任务一", "区发改局*、区财政局", "已完成",
                      "2", "任务二", "区经信局", "正在推进"])
    (t,) = find_cell_per_line_tables(text)
    assert len(t.rows) == 2
    assert t.cell(t.rows[0], "dept") == "区发改局*、区财政局"
    assert t.cell(t.rows[1], "progress") == "正在推进"


def test_next_steps_and_target_columns():
    from orchestration.parsing.tables import table_roles

    assert table_roles(["序号", "重点工作", "全年目标任务", "牵头单位", "1-9月进展情况", "下步计划", "完成时限"]) == [
        "no", "task", "target", "dept", "progress", "note", "note"]
    assert table_roles(["序号", "工作目标", "责任单位", "进展情况"]) == ["no", "task", "dept", "progress"]


def test_row_numbers_with_punctuation_and_sub_items():
    from orchestration.parsing.progress import tasks_from_table

    text = ("序号 | 重点工作 | 进展情况 |\n1、 | 任务一 | 已完成 |\n(2) | 任务二 | 推进中 |\n2.1 | 子任务 | 推进中 |\n")
    (t,) = find_pipe_tables(text)
    rows = tasks_from_table(t, first_seq=1)
    assert [(r["task_no"], r["task_key"]) for r in rows] == [(1, "1"), (2, "2"), (None, "2.1")]


def test_tab_separated_table_reads_like_a_pipe_table():
    from orchestration.parsing.report import parse_report

    text = "序号\t重点工作\t责任单位\t进展情况\n1\t新增市场主体2000家以上。\t区市场监管局\t1-6月新增1200家,完成全年任务的60%。\n"
    p = parse_report(text.encode(), "tabs.txt")
    assert [t.task_no for t in p.tasks] == [1]
    assert [(c.stated_pct, c.actual_value, c.target_value) for c in p.completions] == [(60, 1200, 2000)]
    assert all(m.evidence in text for m in p.measures)


def test_table_without_row_numbers_and_prose_after_it():
    text = ("重点工作 | 责任单位 | 进展情况 |\n建设A项目 | 区发改局 | 已完成 |\n建设B项目 | 区交通局 | 正在推进 |\n"
            "以上为上半年进展情况。下半年将继续推进。\n")
    (t,) = find_pipe_tables(text)
    assert [t.cell(r, "task") for r in t.rows] == ["建设A项目", "建设B项目"]
    assert t.cell(t.rows[-1], "progress") == "正在推进"


def test_a_data_row_that_mentions_progress_is_not_a_header():
    text = ("序号 | 重点工作 | 当前完成情况 |\n1 | 建设项目 | 已完成 |\n"
            "2 | 华顺燃料油等项目建成投产。 | 桩基施工完成,厂房施工进展顺利。 |\n3 | 开工建设储能中心。 | 已完成方案。 |\n")
    (t,) = find_pipe_tables(text)
    assert [r[0] for r in t.rows] == ["1", "2", "3"]


def test_cell_per_line_task_list_without_progress():
    text = "\n".join(["序号", "重点工作", "责任单位", "1", "建设A项目,新增就业500人。", "区发改局", "2", "建设B项目。", "区交通局"])
    (t,) = find_cell_per_line_tables(text)
    assert t.roles == ["no", "task", "dept"] and [r[0] for r in t.rows] == ["1", "2"]
    indicator_list = "\n".join(["序号", "重点工作", "指标名称", "2022年实际", "2023年目标", "责任单位", "1", "某工作", "某指标(个)",
                                "3", "5", "区发改局"])
    assert find_cell_per_line_tables(indicator_list) == []


def test_columns_aligned_with_spaces():
    # a spreadsheet pasted as text: letters spaced out in the header, a row without its unit cell,
    # an un-numbered sub-row, and a 备注 column that names the unit responsible
    text = ("某市1-11月民生实事落实情况\n序号 考核指标 单 位 工作目标 已完成数 占年任务之比 备  注\n"
            "1 城镇新增就业 万人 5.0 6.1  122.0% 市人社局\n"
            "2 改造农村公路 公里  160 170  106.3% 市交通局\n提质改造乡道 公里  80 60  75.0%\n"
            "3 新建幼儿园10所以上 12 11 91.7% 市教育局\n以上数据截至11月底。\n")
    (t,) = find_space_tables(text)
    assert t.roles == ["no", "task", "unit", "target", "actual", "rate", "dept"]
    assert [r[:6] for r in t.rows] == [["1", "城镇新增就业", "万人", "5.0", "6.1", "122.0%"],
                                       ["2", "改造农村公路", "公里", "160", "170", "106.3%"],
                                       ["3", "新建幼儿园10所以上", "", "12", "11", "91.7%"]]
    assert t.parts[1][0][0][1:6] == ["提质改造乡道", "公里", "80", "60", "75.0%"]
    assert t.cell(t.rows[0], "dept") == "市人社局"


def test_a_line_of_words_after_a_number_is_not_a_space_table():
    assert find_space_tables("序号 重点工作 牵头单位 完成时限\n一、经济发展\n各地区要抓好落实。\n") == []


@pytest.mark.parametrize("header,role", [("当前进度", "progress"), ("形象进度", "progress"), ("考核指标", "task"),
                                         ("已完成数", "actual"), ("已完成", None)])
def test_more_header_words(header, role):
    assert column_role(header) == role


def test_three_column_space_table_and_a_letter_spaced_header():
    text = "2019年重点任务分工\n序号 工 作 任 务 责任单位\n1 新增城镇就业5000人以上 区人社局\n2 改造老旧小区30个 区住建局\n"
    (t,) = find_space_tables(text)
    assert t.headers == ["序号", "工作任务", "责任单位"]
    assert [t.cell(r, "dept") for r in t.rows] == ["区人社局", "区住建局"]


def test_one_cell_per_line_with_the_pipe_that_ended_each_cell():
    text = ("序号 |\n项目名称 |\n责任单位 |\n目标任务 |\n完成情况 |\n完成率 |\n"
            "1 |\n新建社区食堂 |\n民政局 |\n20个 |\n12 |\n60% |\n2 |\n新增城镇就业 |\n人社局 |\n5000人 |\n4100 |\n82% |\n")
    (t,) = find_cell_per_line_tables(text)
    assert [t.cell(r, "rate") for r in t.rows] == ["60%", "82%"]


def test_one_cell_per_line_with_pipes_keeps_an_empty_cell_in_its_column():
    text = ("序号 |\n项目名称 |\n责任单位 |\n目标任务 |\n完成情况 |\n完成率 |\n备注 |\n"
            "1 |\n新建社区食堂 |\n民政局 |\n20个 |\n12 |\n60% |\n|\n2 |\n新建公园 |\n住建局 |\n4个 |\n|\n|\n未启动 |\n")
    (t,) = find_cell_per_line_tables(text)
    assert [(t.cell(r, "rate"), t.cell(r, "note")) for r in t.rows] == [("60%", None), (None, "未启动")]


def test_a_row_short_of_cells_puts_numbers_in_value_columns_and_a_rate_in_its_column():
    # one cell per line, the last (备注) cell of each row missing
    text = ("序号\n项目名称\n责任单位\n目标任务\n1-6月完成情况\n完成率\n备注\n"
            "1\n新建社区食堂\n民政局\n20个\n12\n60%\n\n2\n新增城镇就业\n人社局\n5000\n4100\n82%\n")
    (t,) = find_cell_per_line_tables(text)
    assert [(t.cell(r, "target"), t.cell(r, "progress"), t.cell(r, "rate")) for r in t.rows] == \
        [("20个", "12", "60%"), ("5000", "4100", "82%")]
