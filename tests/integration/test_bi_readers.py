"""The published warehouse opens in the DuckDB 1.x CLI (what many BI tools embed), read-only, and
in the DuckDB Node client (what Evidence embeds) when one is installed."""
import json
import os
import shutil
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


NODE_SCRIPT = """
import { DuckDBInstance, version } from '@duckdb/node-api';
const [path, queries] = [process.argv[1], JSON.parse(process.argv[2])];
const con = await (await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' })).connect();
const counts = [];
for (const q of queries) counts.push((await con.runAndReadAll(q)).getRowObjectsJson().length);
console.log(JSON.stringify({ version: version(), counts }));
"""


@pytest.mark.skipif(not (shutil.which("node") and os.environ.get("DUCKDB_NODE_DIR")),
                    reason="opt-in: mkdir /tmp/n && cd /tmp/n && npm install @duckdb/node-api@1.5.6-r.1, "
                           "then DUCKDB_NODE_DIR=/tmp/n")
def test_duckdb_node_client_reads_the_published_file(built):
    queries = [*README_QUERIES, "select run_id, published_at from marts.meta_run",
               "select region, report_year, count(*) from marts.fct_task group by all"]
    r = subprocess.run(["node", "--input-type=module", "-e", NODE_SCRIPT, str(built["warehouse"]), json.dumps(queries)],
                       cwd=os.environ["DUCKDB_NODE_DIR"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["version"].startswith("v1."), out
    assert all(n > 0 for n in out["counts"]), out
