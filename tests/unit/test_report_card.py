"""The report card's page, drawn from a tiny hand-made warehouse: no Dagster, no pipeline run."""
import os
import re

import duckdb
import pytest

from orchestration.report_card import render, write_report_card

MARTS = """
create schema marts;
create table marts.dim_report (report_id varchar, region varchar, report_year integer);
create table marts.fct_task (task_id varchar, report_id varchar, region varchar, report_year integer, status varchar);
create table marts.fct_completion (completion_id varchar, region varchar, report_year integer, stated_pct double,
    computed_pct double, is_consistent boolean, evidence varchar);
create table marts.fct_indicator_scorecard (region varchar, indicator_id varchar, reference_year integer,
    indicator_name varchar, target_comparator varchar, target_unit varchar, actual_unit varchar, target_value double,
    actual_value double);
create table marts.fct_quality_issue (issue_id varchar, rule varchar, report_id varchar, detail varchar,
    evidence varchar, region varchar, report_year integer);
create table marts.meta_run (run_id varchar, published_at timestamp);
insert into marts.dim_report values ('r1', '洞头区', 2023), ('r2', null, 2022);
insert into marts.fct_task values ('t1', 'r1', '洞头区', 2023, 'completed'), ('t2', 'r1', '洞头区', 2023, 'completed'),
    ('t3', 'r1', '洞头区', 2023, 'in_progress'), ('t4', 'r2', null, 2022, 'unknown');
insert into marts.fct_completion values ('c1', '洞头区', 2023, 69.4, 69.35, true, '完成全年任务的69.4%'),
    ('c2', '洞头区', 2023, 80.0, 60.0, false, '完成率80%</script><b>x</b>'),
    ('c3', '洞头区', 2023, 50.0, null, null, '完成年度任务50%');
insert into marts.fct_indicator_scorecard values
    ('洞头区', 'gdp', 2023, '地区生产总值增速', '>=', '%', '%', 6.5, 7.1),
    ('洞头区', 'gdp', 2022, '地区生产总值增速', null, null, '%', null, 8.7),
    ('洞头区', 'rd', 2023, '研发投入强度', '=', '%', null, 2.3, null),
    ('洞头区', 'rd', 2022, '研发投入强度', null, null, '%', null, 2.23),
    ('洞头区', 'new', 2023, '新增市场主体', '=', '家', null, 1200, null),
    ('洞头区', 'none', 2023, '只有目标', '=', '%', null, 50.0, null),
    ('洞头区', 'x', 2023, '无目标', null, null, '%', null, 3.0);
insert into marts.fct_quality_issue values ('q1', 'indicator_value_conflict', 'r1', '两份报告<数值>不同', 'ev', '洞头区', 2023);
insert into marts.meta_run values ('run-a', '2026-11-24 10:00:00'), ('run-b', '2026-11-25 02:00:00');
"""


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(MARTS)
    return path


def _section(page: str, heading: str) -> str:
    start = page.index(f"<h2>{heading}</h2>")
    end = page.find("<h2>", start + 1)
    return page[start:end if end > 0 else None]


def test_one_section_per_place_and_year_with_its_own_figures(warehouse):
    page = render(warehouse)
    # (洞头区 2022 has actuals only: no target, so no section of its own)
    assert re.findall(r"<h2>(.*?)</h2>", page) == ["(no place) · 2022", "洞头区 · 2023"]
    dongtou = _section(page, "洞头区 · 2023")
    # headline indicators are those with a target; the one with none is left out
    assert "地区生产总值增速" in dongtou and "新增市场主体" in dongtou and "无目标" not in dongtou
    # target against the actual of the same year and of the year before (what it was set against)
    assert "<td>地区生产总值增速</td><td>%</td><td>&gt;=</td><td>6.5</td><td>8.7</td><td>7.1</td>" in dongtou
    assert "<td>研发投入强度</td><td>%</td><td>=</td><td>2.3</td><td>2.23</td><td></td>" in dongtou
    assert "<td>只有目标</td><td>%</td><td>=</td><td>50.0</td><td></td><td></td>" in dongtou
    (chart,) = [js.split("</script>")[0] for js in dongtou.split("<script") if "Indicators in %" in js]
    # charted: the % indicators with an actual to compare, one bar series per year
    assert '"地区生产总值增速","研发投入强度"' in chart and "只有目标" not in chart and "新增市场主体" not in chart
    assert '"name":"actual 2022"' in chart and '"name":"target 2023"' in chart and '"name":"actual 2023"' in chart
    assert "Tasks by status" in dongtou and '"completed","in_progress"' in dongtou and "[2,1]" in dongtou
    assert "3 stated completion rate(s), 2 computable, 1 inconsistent." in dongtou
    assert "Completion rates: stated against" in dongtou
    assert "两份报告&lt;数值&gt;不同" in dongtou, "quality issues listed, escaped"
    nowhere = _section(page, "(no place) · 2022")
    assert "Tasks by status" in nowhere and "地区生产总值增速" not in nowhere
    assert '<p class="muted">none</p>' in nowhere, "no quality issue for that place-year"


def test_as_of_is_the_last_published_run(warehouse):
    page = render(warehouse)
    assert "as of 2026-11-25 02:00:00 (2 published run(s))" in page


def test_page_is_self_contained_and_source_text_cannot_break_it(warehouse):
    page = render(warehouse)
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page), "nothing loaded from elsewhere"
    assert page.count("<script") >= 2 and len(page) > 1_000_000, "plotly.js inlined"
    assert "</script><b>x</b>" not in page, "report text inside a chart's data stays data"


def test_reads_the_warehouse_read_only(warehouse):
    with duckdb.connect(str(warehouse), read_only=True):     # a BI tool reading it at the same time
        assert "洞头区 · 2023" in render(warehouse)


def test_write_is_atomic_and_readable_by_others(warehouse, tmp_path):
    out = tmp_path / "site" / "card.html"
    out.parent.mkdir()
    out.write_text("old page", encoding="utf-8")
    assert write_report_card(warehouse, out) == out
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert os.stat(out).st_mode & 0o777 == 0o644
    assert [p.name for p in out.parent.iterdir()] == ["card.html"], "no temp file left"


def test_a_failed_render_leaves_the_previous_page(tmp_path):
    out = tmp_path / "card.html"
    out.write_text("old page", encoding="utf-8")
    with pytest.raises(duckdb.Error):
        write_report_card(tmp_path / "missing.duckdb", out)
    assert out.read_text(encoding="utf-8") == "old page"
    assert [p.name for p in tmp_path.iterdir()] == ["card.html"]
