"""Settings from the environment. Relative paths are taken from the project root, so the
pipeline behaves the same whether started by make, dagster dev or a test."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
# The storage version of the warehouse files (work and published): DuckDB 1.4 and later read it, so
# BI tools that embed the 1.x line (DuckDB CLI 1.5, @duckdb/node-api 1.5, Evidence) open the
# published file as well as Python duckdb 2. Landing creates each work file in it (publish.py).
READER_STORAGE_VERSION = "v1.4.0"


def _path(var: str, default: str) -> Path:
    p = Path(os.environ.get(var) or default).expanduser()
    return p if p.is_absolute() else (PROJECT_ROOT / p)


@dataclass(frozen=True)
class Settings:
    raw_dir: Path          # RAW_DIR: the reports to load (never modified)
    warehouse_path: Path   # WAREHOUSE_PATH: the published file BI tools open read-only
    work_dir: Path         # WORK_DIR: per-run work warehouses and dbt output
    cache_dir: Path        # CACHE_DIR: parses by content hash, so unchanged reports are not re-parsed
    docs_dir: Path         # GX_DOCS_DIR: Great Expectations Data Docs (static HTML)
    report_card_path: Path = PROJECT_ROOT / "data" / "report_card.html"   # REPORT_CARD_PATH

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            raw_dir=_path("RAW_DIR", "raw"),
            warehouse_path=_path("WAREHOUSE_PATH", "data/warehouse.duckdb"),
            work_dir=_path("WORK_DIR", "data/work"),
            cache_dir=_path("CACHE_DIR", "data/cache"),
            docs_dir=_path("GX_DOCS_DIR", "data/gx_docs"),
            report_card_path=_path("REPORT_CARD_PATH", "data/report_card.html"),
        )

    def work_path(self, run_id: str) -> Path:
        """The warehouse file one run builds into; published only after its checks pass."""
        return self.work_dir / f"run-{run_id}.duckdb"
