"""The report card: one offline page per published warehouse, per place and year."""
import re

import duckdb
import pytest

from orchestration.report_card import render

pytestmark = pytest.mark.slow


def test_the_pipeline_writes_the_report_card_with_its_path_in_the_metadata(built):
    (event,) = [e for e in built["result"].all_events if e.event_type_value == "ASSET_MATERIALIZATION"
                and e.asset_key.path == ["published", "report_card"]]
    path = event.materialization.metadata["path"].path
    assert path == str(built["env"]["REPORT_CARD_PATH"])
    with open(path, encoding="utf-8") as f:
        page = f.read()
    assert "洞头区 · 2023" in page and "Indicators in %: the target against" in page and "Tasks by status" in page


def test_page_is_self_contained_and_shows_every_place_and_year(built):
    page = render(built["warehouse"])
    # nothing is loaded from elsewhere: no external scripts, styles or images
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)
    assert "Plotly.newPlot" in page and len(page) > 1_000_000, "plotly.js is inlined"
    with duckdb.connect(str(built["warehouse"]), read_only=True) as con:
        places = con.execute("select distinct coalesce(region, '(no place)'), report_year from marts.fct_task").fetchall()
    for region, year in places:
        assert f"<h2>{region} · {year}</h2>" in page


def test_quality_issues_appear_on_the_card(built, tmp_path):
    import shutil

    wh = tmp_path / "w.duckdb"
    shutil.copy(built["warehouse"], wh)
    with duckdb.connect(str(wh)) as con:
        con.execute("create table marts.q as select * from marts.fct_quality_issue")
        con.execute("drop table marts.fct_quality_issue")
        con.execute("alter table marts.q rename to fct_quality_issue")
        con.execute("insert into marts.fct_quality_issue (issue_id, rule, severity, report_id, detail, evidence, "
                    "region, report_year) select 'x', 'completion_rate_inconsistent', 'warning', report_id, "
                    "'编造的问题 detail', 'e', region, report_year from marts.dim_report where region = '龙湾区'")
    page = render(wh)
    section = page[page.index("<h2>龙湾区 · 2023</h2>"):]
    assert "编造的问题 detail" in section.split("<h2>")[1], "listed under its place and year"


def test_a_failing_report_card_never_blocks_publishing_and_fails_the_run_visibly(built_copy, monkeypatch, capsys):
    """The card is drawn after publishing, from the published file: when it fails, the new warehouse
    is out all the same, the previous card stays whole (its "as of" says how old it is), and the run
    says both (exit 1, "published:", the card's step failure) so nobody reads a stale card unawares."""
    import orchestration.assets.report_card as asset_module
    from orchestration import __main__ as cli
    from tests.integration.conftest import sha

    card = built_copy["REPORT_CARD_PATH"]
    card_before = sha(card)
    with duckdb.connect(str(built_copy["WAREHOUSE_PATH"]), read_only=True) as con:
        runs_before = {r for (r,) in con.execute("select run_id from marts.meta_run").fetchall()}

    def broken(warehouse_path, out_path):
        raise RuntimeError("plotly went missing")

    monkeypatch.setattr(asset_module, "write_report_card", broken)
    for k, v in built_copy.items():
        monkeypatch.setenv(k, str(v))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    assert cli.cmd_run(None) == 1
    out = capsys.readouterr().out
    assert f"published: {built_copy['WAREHOUSE_PATH']}" in out
    assert "report_card failed: RuntimeError: plotly went missing" in out
    with duckdb.connect(str(built_copy["WAREHOUSE_PATH"]), read_only=True) as con:
        runs_after = {r for (r,) in con.execute("select run_id from marts.meta_run").fetchall()}
    assert len(runs_after - runs_before) == 1, "the new warehouse was published"
    assert sha(card) == card_before, "the previous card is left whole"
