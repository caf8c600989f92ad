import pytest

from orchestration.parsing.completions import find_completion_statements, read_completions
from orchestration.parsing.numbers import find_quantities


@pytest.mark.parametrize("text,pcts", [
    ("完成率达78%", [78]), ("完成全年任务的69.4%", [69.4]), ("已完成年度任务78.5%", [78.5]),
    ("完成年初预算的62.8%", [62.8]), ("任务完成率100%", [100]), ("完成年计划710亿元的89.4%", [89.4]),
    ("硕士和博士招引数完成64.40%、88.64%", [64.4, 88.64]),
    ("桥梁主体完成95%", []), ("累计完成总体形象进度的工程量的46%", []), ("覆盖率达到98%", []),
    ("年度开工率100%", []),
])
def test_statements(text, pcts):
    assert [c.stated_pct for c in find_completion_statements(text)] == pcts


def test_plan_in_sentence():
    (r,) = read_completions("年度计划投资41.7亿元,完成年度投资77.72亿元,完成率186.38%")
    assert (r.actual.value, r.target.value, r.target_source) == (77.72, 41.7, "sentence")


def test_plan_inside_statement():
    (r,) = read_completions("完成年计划710亿元的89.4%")
    assert r.actual is None and (r.target.value, r.target.unit) == (710, "亿元")


def test_subject_is_not_an_actual():
    (r,) = read_completions("1—6月全区11个省“千项万亿”已完成年度任务78.5%")
    assert r.actual is None and r.target is None


def test_task_target_by_metric():
    task = "技能人才7400人以上,新增大学生1.5万人以上。"
    targets = [(q, m) for q, m in [(q, task[max(0, q.start - 6):q.start]) for q in find_quantities(task)]]
    rs = read_completions("完成新招引高校毕业生7269人,大学生招引总量达年度任务的47.51%", targets)
    assert (rs[0].actual.value, rs[0].target.value, rs[0].target.unit) == (7269, 1.5, "万人")


def test_enumerated_rates_pair_with_their_subjects():
    text = ("完成新招引高校毕业生7269人,其中硕士275人、博士39人,大学生招引总量达年度任务的47.51%,"
            "硕士和博士招引数完成64.40%、88.64%。")
    rs = read_completions(text)
    assert [(r.stated_pct, r.actual.value) for r in rs] == [(47.51, 7269), (64.4, 275), (88.64, 39)]


@pytest.mark.parametrize("text,actual", [("一季度,完成10项政策处理事项,完成率100%。", (10, "项")),
                                         ("完成3604万元投资额,完成率为109.21%", (3604, "万元"))])
def test_actual_as_object_of_achievement_verb(text, actual):
    (r,) = read_completions(text)
    assert (r.actual.value, r.actual.unit) == actual


def test_a_task_target_of_another_thing_is_not_the_denominator():
    from orchestration.parsing.collector import MeasureCollector

    task = "开展“全民眼健康”工程,免费为700名老人清除白内障。"
    out = MeasureCollector()
    targets = [(q, out.add_quantity(q, task, "target", 1).metric) for q in find_quantities(task)]
    assert targets[0][1] == "免费老人清除白内障"
    (r,) = read_completions("已为全区12938名龙湾群众实施眼健康检查,任务完成率129.38%。", targets)
    assert r.actual.value == 12938 and r.target is None


@pytest.mark.parametrize("text,pcts", [
    ("占年计划的41.8%", [41.8]), ("占计划的53.1%", [53.1]), ("占预算的52.6%", [52.6]),
    ("占调整预算的100%", [100]), ("为年度目标的96.5%", [96.5]), ("完成年度投资计划的120.6%", [120.6]),
    ("为计划的101%", [101]), ("占全年计划86%", [86]), ("年度投资计划48.2%", [48.2]),
    ("完成年初预算的75%", [75]),
    # shares, growth and targets are not completion rates
    ("占全市投资比重71.1%", []), ("年度计划增长8%", []), ("年度目标6%", []), ("年度计划5%以上", []),
    ("增长6.5%，达年度目标6%", []), ("达年度目标的96%", [96]),
    ("完成总工程量的95%", []), ("形象进度30%", []),
])
def test_plan_share_statements(text, pcts):
    assert [c.stated_pct for c in find_completion_statements(text)] == pcts


def test_actual_before_a_plan_share_and_no_denominator_from_an_account_name():
    text = "全县一般公共预算收入预计完成6500万元,占调整预算的100%,全县一般公共预算支出预计完成31000万元,占调整预算的99%。"
    rs = read_completions(text)
    assert [(r.stated_pct, r.actual.value, r.target) for r in rs] == [(100, 6500, None), (99, 31000, None)]


def test_the_thing_counted_follows_the_number():
    rs = read_completions("新增 705张 护理型床位,为计划的102%。")
    assert [(r.actual.value, r.actual.unit) for r in rs] == [(705, "张")]
    # a number inside the statement's own clause is its subject, not the actual
    (r,) = read_completions("全市8个重大产业项目完成年度投资计划的131.2%")
    assert r.actual is None


def test_counted_thing_pairs_with_the_task_target():
    from orchestration.parsing.collector import MeasureCollector

    task = "为500名失能老人提供居家上门照护服务"
    out = MeasureCollector()
    targets = [(q, out.add_quantity(q, task, "target", 1).metric) for q in find_quantities(task)]
    (r,) = read_completions("已为430名失能老人提供上门照护服务，完成率86%", targets)
    assert (r.actual.value, r.actual.unit, r.target.value, r.target.unit, r.target_source) == (430, "名", 500, "名", "task")


def test_plan_of_an_activity_and_its_part_in_brackets():
    text = "全年计划开工项目40项(其中上半年计划开工25项),已开工30项,完成年度计划开工的75%"
    (c,) = read_completions(text)
    assert (c.stated_pct, c.actual.value, c.target.value) == (75, 30, 40)


def test_a_change_over_a_period_is_not_the_amount_achieved():
    text = "重大项目累计完成投资88.2亿元,较去年同期增加12.1亿元,年度计划投资完成率31.5%"
    (c,) = read_completions(text)
    assert (c.stated_pct, c.actual.value) == (31.5, 88.2)


@pytest.mark.parametrize("text,pct,target", [
    ("税收收入累计完成2462万元,完成年初预算数6099万元的40.4%", 40.4, 6099),
    ("完成支出8388万元,为预算的(包括本级预算和上级专项)69.5%", 69.5, None),
])
def test_plan_amount_named_with_shu_and_a_note_before_the_rate(text, pct, target):
    (c,) = read_completions(text)
    assert c.stated_pct == pct and (c.target.value if c.target else None) == target


@pytest.mark.parametrize("text,actual,target", [
    ("18件民生实事已完成12件，完成率66.7%。", 12, 18),
    ("今年共实施民生实事12项，其中已完成9项，完成率75%。", 9, 12),
    ("全年新增就业5000人，已完成4500人，完成率90%。", 4500, 5000),
    # another figure between them: not read as the whole (the 5亿元 may be what 26 counts in)
    ("65件实事投资5亿元，已完成26件，完成率40%。", 26, None),
])
def test_the_whole_the_done_part_is_counted_in(text, actual, target):
    (r,) = read_completions(text)
    assert r.actual.value == actual
    assert (r.target.value if r.target else None) == target


@pytest.mark.parametrize("text,pct,target", [
    ("占年初预算数88亿元的61.2%", 61.2, (88, "亿元")),
    ("为年度计划12亿元的68.3%", 68.3, (12, "亿元")),
    ("达年度目标任务800套的75%", 75, (800, "套")),
])
def test_the_plan_amount_inside_a_share_statement_of_any_verb(text, pct, target):
    (r,) = read_completions(text)
    assert (r.stated_pct, (r.target.value, r.target.unit)) == (pct, target)


@pytest.mark.parametrize("text,pct,actual,target", [
    ("300户危房改造已完成240户（80%）", 80, 240, 300),          # the share in brackets after the part done
    ("完成投资12.6亿元，完成年度总投资的84%", 84, 12.6, None),
    ("10个重点项目完成投资8.1亿元，占年度考核任务的81%。", 81, 8.1, None),
    ("新建公厕20座，已建成16座，完成比例80%", 80, 16, 20),
])
def test_more_ways_of_stating_the_share_done(text, pct, actual, target):
    (r,) = read_completions(text)
    assert (r.stated_pct, r.actual.value, r.target.value if r.target else None) == (pct, actual, target)


@pytest.mark.parametrize("text", ["护岸工程完成进度33%", "26项完成比例达60%以上", "主体工程正在施工中（90%）"])
def test_progress_of_works_and_thresholds_are_not_completions(text):
    assert find_completion_statements(text) == []


def test_a_number_in_brackets_in_the_thing_counted_is_not_another_figure():
    (r,) = read_completions("新建 6个 社区急救(120)站点,为计划的100%。")
    assert (r.actual.value, r.actual.unit) == (6, "个")


@pytest.mark.parametrize("text,pct,actual,target", [
    # a plan of part of the year (完成1-4月投资计划的125%)
    ("1-4月累计完成投资25亿元，完成1-4月投资计划的125%", 125, 25, None),
    # a change over last year is not what was done
    ("年度投资计划200亿元，1-3月累计完成投资60亿元，较去年同期增长15亿元，同比增长33.3%，为年度投资计划的30%", 30, 60, 200),
    # a share of the budget as arranged (预算安排)
    ("各级资金实际拨付300亿元，占预算安排的28%", 28, 300, None),
    # what is planned to be done (计划完成) is the plan
    ("全年计划完成投资30亿元，1-6月累计完成投资18亿元，完成年度投资计划的60%", 60, 18, 30),
])
def test_plans_of_periods_budgets_and_changes(text, pct, actual, target):
    r = read_completions(text)[-1]
    assert (r.stated_pct, r.actual.value, r.target.value if r.target else None) == (pct, actual, target)


def test_a_part_of_the_whole_is_not_measured_against_the_whole_plan():
    plan = [(find_quantities("年度计划投资50亿元")[0], "年度计划投资")]
    (r,) = read_completions("其中续建项目20个，完成投资12亿元，完成年度计划的70%", plan)
    assert r.actual.value == 12 and r.target is None


def test_a_bare_share_opening_the_clause_after_what_was_done():
    (r,) = read_completions("已新增4200人，完成84%。")
    assert (r.stated_pct, r.actual.value) == (84, 4200)
