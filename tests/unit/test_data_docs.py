"""The Data Docs site: every suite's latest validation, offline, failing rows by name, safe when
several runs write it at once."""
import multiprocessing as mp
import re

from orchestration.quality.data_docs import record_validation
from orchestration.quality.runner import ExpectationOutcome, SuiteOutcome


def _outcome(suite: str, ok: bool = True) -> SuiteOutcome:
    rows = [] if ok else [{"indicator_name": "城镇新增就业", "region": "某某县", "reference_year": 2023,
                           "values_std": "1300 / 1350"}]
    return SuiteOutcome(suite=suite, asset="marts/fct_measure", description="invented suite", n_rows=7, outcomes=[
        ExpectationOutcome(suite=suite, expectation="expect_column_values_to_be_in_set", column="values_agree",
                           rule="one value per indicator", severity="warning", success=ok,
                           unexpected_count=0 if ok else 1, failing_rows=rows)])


def test_site_keeps_every_suite_and_names_failing_rows(tmp_path):
    record_validation(tmp_path, _outcome("alpha"), {"success": True}, tmp_path / "w.duckdb", "run-1")
    page = record_validation(tmp_path, _outcome("beta", ok=False), {"success": False}, tmp_path / "w.duckdb", "run-2")
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="suites/alpha.html"' in index and 'href="suites/beta.html"' in index
    text = page.read_text(encoding="utf-8")
    assert page.exists() and "城镇新增就业" in text and "某某县" in text and "1300 / 1350" in text
    # a later validation of a suite replaces its record, the other suite stays
    record_validation(tmp_path, _outcome("beta", ok=True), {"success": True}, tmp_path / "w.duckdb", "run-3")
    assert "城镇新增就业" not in page.read_text(encoding="utf-8")
    assert 'suites/alpha.html' in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_pages_load_nothing_from_the_network(tmp_path):
    record_validation(tmp_path, _outcome("alpha", ok=False), None, tmp_path / "w.duckdb")
    for page in tmp_path.rglob("*.html"):
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page.read_text(encoding="utf-8")), page


def _write(args):
    docs, suite = args
    for i in range(5):
        record_validation(docs, _outcome(suite, ok=i % 2 == 0), {"i": i}, docs / "w.duckdb", f"run-{suite}")


def test_concurrent_runs_leave_a_complete_site(tmp_path):
    """Two runs validating at once used to race in GX's site builder (one removed a page the other
    listed: FileNotFoundError, the run failed). Eight writers here, all suites end up listed."""
    suites = [f"s{i}" for i in range(8)]
    # (spawn, not fork: forking a process that runs threads can copy a held lock into the child,
    # which then waits on it forever)
    with mp.get_context("spawn").Pool(4) as pool:
        pool.map(_write, [(tmp_path, s) for s in suites])
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert all(f"suites/{s}.html" in index for s in suites)
    assert not [p for p in tmp_path.rglob(".*") if p.name != ".lock"], "no temp files left behind"
