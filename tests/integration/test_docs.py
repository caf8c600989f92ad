"""Documentation where BI users look: every mart and mart column carries a DuckDB comment in the
published file (persist_docs, in the work file landing made in the v1.4.0 storage version and
published by a rename), plain integer types, primary keys, the dbt docs catalog, and Dagster's column tables."""
import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from orchestration.settings import DBT_PROJECT_DIR
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

MARTS_YML = DBT_PROJECT_DIR / "models" / "marts" / "_marts.yml"


def mart_models() -> dict:
    """{model name: {column name: data_type}} as declared in _marts.yml."""
    models = yaml.safe_load(MARTS_YML.read_text())["models"]
    return {m["name"]: {c["name"]: c.get("data_type") for c in m.get("columns", [])} for m in models}


def published_columns(path: Path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("""select table_name, column_name, data_type, comment from duckdb_columns()
                              where schema_name = 'marts' order by table_name, column_index""").fetchall()


def test_every_mart_and_column_has_a_comment_in_the_published_file(built):
    cols = published_columns(built["warehouse"])
    with duckdb.connect(str(built["warehouse"]), read_only=True) as con:
        tables = dict(con.execute("select table_name, comment from duckdb_tables() where schema_name = 'marts'").fetchall())
    sql_models = {p.stem for p in (DBT_PROJECT_DIR / "models" / "marts").glob("*.sql")}
    assert set(tables) == sql_models == set(mart_models())
    assert len(cols) >= 100
    assert [t for t, c in tables.items() if not (c or "").strip()] == []
    assert [f"{t}.{c}" for t, c, _, comment in cols if not (comment or "").strip()] == []


def test_duckdb_cli_1x_sees_the_comments(built):
    """The comments survive the copy into the 1.x storage version: the DuckDB 1.x CLI reads them."""
    cli = Path(sys.executable).with_name("duckdb")
    q = ("select count(*) || ' ' || count(comment) from duckdb_columns() where schema_name = 'marts'")
    r = subprocess.run([str(cli), "-readonly", "-noheader", "-csv", str(built["warehouse"]), "-c", q],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    n, commented = map(int, r.stdout.split())
    assert n >= 100 and commented == n


def test_mart_types_are_plain_and_match_the_contract(built):
    cols = published_columns(built["warehouse"])
    assert [f"{t}.{c}" for t, c, ty, _ in cols if "HUGEINT" in ty] == []
    types = {(t, c): ty for t, c, ty, _ in cols}
    assert types[("fct_indicator_scorecard", "n_statements")] == "INTEGER"
    assert types[("dim_report", "n_files")] == "INTEGER"
    declared = {(m, c): ty.upper() for m, columns in mart_models().items() for c, ty in columns.items()}
    assert declared == types, "every published column is declared in _marts.yml with its type"


def test_marts_have_primary_keys(built):
    with duckdb.connect(str(built["warehouse"]), read_only=True) as con:
        pks = dict(con.execute("""select table_name, constraint_column_names from duckdb_constraints()
                                  where schema_name = 'marts' and constraint_type = 'PRIMARY KEY'""").fetchall())
    assert pks["dim_report"] == ["report_id"] and pks["fct_task"] == ["task_id"]
    assert pks["bridge_task_department"] == ["task_id", "department_id"]
    # the scorecard's natural key includes region, which is null for reports that name no place
    assert set(mart_models()) - set(pks) == {"fct_indicator_scorecard"}


def test_dbt_docs_catalog_lists_every_mart_column(built, tmp_path):
    """What `make docs` runs: the catalog holds every mart column with its type and comment, and
    the static page needs no network (no external scripts, styles or fonts)."""
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "dbt_docs.py"), "--warehouse", str(built["warehouse"]),
                          "--out", str(tmp_path / "docs")], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr + out.stdout
    catalog = json.loads((tmp_path / "docs" / "catalog.json").read_text())["nodes"]
    for table, column, ty, comment in published_columns(built["warehouse"]):
        entry = catalog[f"model.gov_reports.{table}"]["columns"][column]
        assert (entry["type"], entry["comment"]) == (ty, comment), (table, column)
    page = (tmp_path / "docs" / "static_index.html").read_text()
    assert "fct_indicator_scorecard" in page
    assert re.findall(r'(?:src|href)="https?://(?!\[::1\]|localhost)[^"]*"', page) == []


def test_dbt_docs_refuses_a_missing_warehouse(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "dbt_docs.py"), "--warehouse", str(tmp_path / "none.duckdb"),
                          "--out", str(tmp_path / "docs")], capture_output=True, text=True, timeout=60)
    assert out.returncode != 0 and "make run" in out.stderr


def test_dagster_column_tables_show_descriptions_and_types(built):
    """The marts' assets carry their column schema (type and description) in the Dagster UI."""
    import dagster as dg

    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    published = {}
    for t, c, ty, _ in published_columns(built["warehouse"]):
        published.setdefault(t, {})[c] = ty
    for table, columns in published.items():
        schema = graph.get(dg.AssetKey(["marts", table])).metadata["dagster/column_schema"]
        shown = {col.name: (col.type.upper(), bool((col.description or "").strip())) for col in schema.columns}
        assert shown == {c: (ty, True) for c, ty in columns.items()}, table
