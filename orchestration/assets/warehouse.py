"""dbt models over the landing tables (staging -> intermediate -> marts); dbt tests are asset checks."""

import os
from collections.abc import Mapping
from contextlib import contextmanager
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from ..dbt_build_link import build_link, keep_parse, seed_parse
from ..resources import WarehouseResource
from ..settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()   # parses only under `dagster dev`; `make` runs `dbt parse` beforehand


class WarehouseTranslator(DagsterDbtTranslator):
    """Sources map to the landing assets' keys; models are keyed <schema>/<name> and grouped by layer."""

    def get_asset_key(self, props: Mapping[str, Any]) -> dg.AssetKey:
        if props["resource_type"] == "source":
            return dg.AssetKey([props["source_name"], props["name"]])
        return dg.AssetKey([props["config"].get("schema") or "main", props["name"]])

    def get_group_name(self, props: Mapping[str, Any]) -> str | None:
        if props["resource_type"] == "seed":
            return "reference"
        return props["config"].get("schema") or "main"


@contextmanager
def _env(**values: str):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def manifest_path():
    path = dbt_project.manifest_path
    if not path.exists():
        raise FileNotFoundError(
            f"dbt manifest {path} is missing: run `make prepare` (dbt parse) before loading the definitions")
    return path


@dbt_assets(manifest=manifest_path(), project=dbt_project, dagster_dbt_translator=WarehouseTranslator(),
            pool="warehouse_writer")
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    """`dbt build` into this run's work warehouse (seeds, models and their tests), through the
    constant path dbt_build_link points at it, so dbt reuses its parse of the project."""
    s = warehouse.settings
    target = s.work_dir / f"run-{context.run.run_id}-dbt"
    with build_link(s.work_dir, s.work_path(context.run.run_id), note=context.log.info) as link, \
            _env(DBT_DUCKDB_PATH=str(link)):
        seed_parse(s.work_dir, target)
        yield from dbt.cli(["build"], context=context, target_path=target).stream()
        keep_parse(s.work_dir, target)
