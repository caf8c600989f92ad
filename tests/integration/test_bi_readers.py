"""The published warehouse opens in the DuckDB 1.x CLI (what many BI tools embed), read-only."""
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

README_QUERIES = [
    "select region, report_kind, report_year, title from marts.dim_report",
    """select t.task_no, t.task_text, c.stated_pct, c.computed_pct, c.is_consistent
       from marts.fct_completion c join marts.fct_task t using (task_id)""",
    """select r.region, r.title, q.rule, q.stated_value, q.computed_value, q.evidence, q.detail
       from marts.fct_quality_issue q join marts.dim_report r using (report_id)""",
]


def test_duckdb_cli_1x_reads_the_published_file(built):
    cli = Path(sys.executable).with_name("duckdb")
    out = subprocess.run([str(cli), "--version"], capture_output=True, text=True, check=True).stdout
    assert out.startswith("v1."), out
    for q in README_QUERIES:
        r = subprocess.run([str(cli), "-readonly", "-csv", str(built["warehouse"]), "-c", q],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0 and "Error" not in r.stderr, r.stderr
        assert len(r.stdout.splitlines()) > 1, q
    assert built["warehouse"].stat().st_mode & stat.S_IROTH, "readable by other accounts"
