"""Dagster resources: where things are (from the environment) and the dbt CLI."""
from __future__ import annotations

import importlib.metadata
import shutil
import sys
from functools import cached_property
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource
from packaging import version

from .settings import DBT_PROJECT_DIR, Settings


class WarehouseResource(dg.ConfigurableResource):
    """Paths of the pipeline. Empty fields fall back to the environment (RAW_DIR, WAREHOUSE_PATH,
    WORK_DIR, CACHE_DIR, GX_DOCS_DIR, REPORT_CARD_PATH) and their defaults; tests set them to tmp_path."""

    raw_dir: str = ""
    warehouse_path: str = ""
    work_dir: str = ""
    cache_dir: str = ""
    docs_dir: str = ""
    report_card_path: str = ""

    @property
    def settings(self) -> Settings:
        env = Settings.from_env()
        pick = lambda mine, default: Path(mine).resolve() if mine else default  # noqa: E731
        return Settings(raw_dir=pick(self.raw_dir, env.raw_dir),
                        warehouse_path=pick(self.warehouse_path, env.warehouse_path),
                        work_dir=pick(self.work_dir, env.work_dir),
                        cache_dir=pick(self.cache_dir, env.cache_dir),
                        docs_dir=pick(self.docs_dir, env.docs_dir),
                        report_card_path=pick(self.report_card_path, env.report_card_path))


def dbt_resource():
    return WarehouseDbtCli(project_dir=str(DBT_PROJECT_DIR), profiles_dir=str(DBT_PROJECT_DIR),
                           dbt_executable=dbt_executable())


class WarehouseDbtCli(DbtCliResource):
    """dagster-dbt's dbt CLI resource, minus two set-ups per run it does for features this project
    does not use: a `dbt --version` subprocess (~4 s: it imports all of dbt to print a version this
    environment already knows: the executable is this environment's own dbt, dbt_executable below, so
    its version is the installed dbt-core's) and an in-process dbt adapter (~3 s)."""

    @cached_property
    def _cli_version(self) -> version.Version:
        if Path(self.dbt_executable).parent == Path(sys.prefix) / "bin":
            return version.parse(importlib.metadata.version("dbt-core"))
        return super()._cli_version

    def _initialize_dbt_core_adapter(self, args):
        """No dbt adapter in the run's own process (~3 s: it loads the profile and all of dbt-duckdb).
        dagster-dbt keeps it for `fetch_row_counts()` / `fetch_column_metadata()`, which this project
        does not call; `dbt build` runs in its own process either way."""
        return None


def dbt_executable() -> str:
    """dbt of this environment (.venv/bin/dbt), which is not on PATH when .venv is not activated."""
    for candidate in (Path(sys.prefix) / "bin" / "dbt", Path(sys.executable).with_name("dbt")):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("dbt")
    if found:
        return found
    raise FileNotFoundError(f"dbt not found in {sys.prefix}/bin or on PATH: run `make setup`")
