"""Build the dbt docs site with a full catalog, offline: `make docs` runs this.

    .venv/bin/python scripts/dbt_docs.py [--warehouse data/warehouse.duckdb] [--out data/dbt_docs]

`dbt docs generate` reads the catalog (tables, columns, types, comments) from the database it
points at; pointed at an empty file it exits 0 with an empty catalog. So it runs against a copy
of the published warehouse (never the published file itself: dbt-duckdb opens its database
read-write, which would lock BI readers out and leave a WAL beside the file). The site is
written with --static: `<out>/static_index.html` holds the manifest and catalog inline and opens
from disk in a browser with no server and no network; `<out>/index.html` + the JSON files are
the usual site for `dbt docs serve`-like hosting.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build_docs(warehouse: Path, out: Path) -> Path:
    """Generate the dbt docs of `warehouse` into `out`; returns the static page's path."""
    from orchestration.resources import dbt_executable
    from orchestration.settings import DBT_PROJECT_DIR

    warehouse, out = Path(warehouse).resolve(), Path(out).resolve()
    if not warehouse.is_file():
        raise SystemExit(f"no warehouse at {warehouse}: run `make run` first (or set WAREHOUSE_PATH)")
    out.mkdir(parents=True, exist_ok=True)
    copy = out / "catalog-source.duckdb"
    shutil.copyfile(warehouse, copy)
    try:
        env = {**os.environ, "DBT_DUCKDB_PATH": str(copy), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
        subprocess.run([dbt_executable(), "docs", "generate", "--static", "--profiles-dir", str(DBT_PROJECT_DIR),
                        "--target-path", str(out), "--quiet"], cwd=DBT_PROJECT_DIR, env=env, check=True)
    finally:
        copy.unlink(missing_ok=True)
        Path(f"{copy}.wal").unlink(missing_ok=True)
    catalog = json.loads((out / "catalog.json").read_text())
    if not catalog.get("nodes"):
        raise SystemExit(f"dbt docs generate wrote an empty catalog from {warehouse}")
    return out / "static_index.html"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warehouse", default=os.environ.get("WAREHOUSE_PATH") or "data/warehouse.duckdb")
    ap.add_argument("--out", default=os.environ.get("DBT_DOCS_DIR") or "data/dbt_docs")
    args = ap.parse_args()
    warehouse, out = (p if Path(p).is_absolute() else ROOT / p for p in (args.warehouse, args.out))
    page = build_docs(Path(warehouse), Path(out))
    print(f"dbt docs: {page} (open it in a browser; no server or network needed)")


if __name__ == "__main__":
    main()
