"""Dagster definitions of the floor: landing -> 10 dbt models (20 tests) -> one GX check -> publish."""
import hashlib
import os
import shutil

import dagster as dg
import duckdb
import pandas as pd
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from . import DBT_PROJECT_DIR, dbt_executable, paths

project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


@dg.asset(key=dg.AssetKey(["landing", "files"]), kinds={"duckdb", "python"})
def landing_files(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    """One row per file of RAW_DIR: name, bytes, sha256, text (UTF-8, errors replaced), length."""
    p = paths()
    p.work_dir.mkdir(parents=True, exist_ok=True)
    for leftover in (p.work_file, p.work_file.with_name(p.work_file.name + ".wal")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(p.dbt_target, ignore_errors=True)
    rows = []
    for f in sorted(x for x in p.raw_dir.iterdir() if x.is_file()):
        data = f.read_bytes()
        text = data.decode("utf-8", errors="replace")
        rows.append({"file_name": f.name, "n_bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                     "text": text, "n_chars": len(text)})
    df = pd.DataFrame(rows, columns=["file_name", "n_bytes", "sha256", "text", "n_chars"])
    with duckdb.connect(str(p.work_file)) as con:
        con.execute("create schema landing")
        con.execute("create table landing.files as select * from df")
    return dg.MaterializeResult(metadata={"rows": len(df)})


@dbt_assets(manifest=project.manifest_path, project=project)
def floor_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """`dbt build` of dbt_project/ (models and their tests) into the work file."""
    yield from dbt.cli(["build"], context=context, target_path=paths().dbt_target).stream()


@dg.asset_check(asset=dg.AssetKey(["fct_file"]), blocking=True)
def gx_fct_file(context: dg.AssetCheckExecutionContext) -> dg.AssetCheckResult:
    """One Great Expectations expectation on fct_file: every sha256 is 64 characters long."""
    with duckdb.connect(str(paths().work_file), read_only=True) as con:
        df = con.sql("select * from main.fct_file").df()
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = {"globally": False, "metric_calculations": False, "profilers": False}
    batch = ctx.data_sources.add_pandas("floor").add_dataframe_asset("fct_file").add_batch_definition_whole_dataframe("all")
    suite = ctx.suites.add(gx.ExpectationSuite(
        name="fct_file", expectations=[gx.expectations.ExpectColumnValueLengthsToEqual(column="sha256", value=64)]))
    vd = ctx.validation_definitions.add(gx.ValidationDefinition(name="fct_file", data=batch, suite=suite))
    result = vd.run(batch_parameters={"dataframe": df})
    return dg.AssetCheckResult(passed=bool(result.success), metadata={"rows_validated": len(df)})


@dg.asset(key=dg.AssetKey(["published", "warehouse"]), deps=floor_models.keys, kinds={"duckdb"})
def published_warehouse(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    """The work file becomes WAREHOUSE_PATH by an atomic rename."""
    p = paths()
    p.warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(p.work_file, p.warehouse_path)
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(p.warehouse_path))})


floor_job = dg.define_asset_job("floor", selection=dg.AssetSelection.all(), executor_def=dg.in_process_executor)

defs = dg.Definitions(
    assets=[landing_files, floor_models, published_warehouse],
    asset_checks=[gx_fct_file],
    jobs=[floor_job],
    resources={"dbt": DbtCliResource(project_dir=project, dbt_executable=dbt_executable())},
)
