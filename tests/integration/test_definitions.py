"""The Dagster definitions: one lineage graph, schedule and sensor on by default, light import."""
import subprocess
import sys

import dagster as dg

from orchestration.definitions import defs
from orchestration.resources import WarehouseResource
from orchestration.sensors import raw_dir_sensor


def test_lineage_is_one_graph_from_raw_files_to_published_warehouse():
    graph = defs.resolve_asset_graph()
    published = dg.AssetKey(["published", "warehouse"])
    upstream = graph.get(published).parent_keys
    assert dg.AssetKey(["marts", "fct_completion"]) in upstream
    assert published in graph.get(dg.AssetKey(["published", "report_card"])).parent_keys
    assert dg.AssetKey(["landing", "measures"]) in graph.get(dg.AssetKey(["staging", "stg_landing__measures"])).parent_keys
    assert dg.AssetKey(["raw", "report_files"]) in graph.get(dg.AssetKey(["landing", "reports"])).parent_keys
    checks = {k.name for k in graph.asset_check_keys}
    assert {"gx_completion_consistency", "gx_provenance"} <= checks
    assert any(name.startswith("unique_fct_task") for name in checks), "dbt tests are asset checks"


def test_schedule_and_sensor_run_by_default():
    sched = defs.resolve_schedule_def("nightly_warehouse")
    assert (sched.cron_schedule, sched.execution_timezone) == ("0 2 * * *", "Asia/Shanghai")
    assert sched.default_status == dg.DefaultScheduleStatus.RUNNING
    assert raw_dir_sensor.default_status == dg.DefaultSensorStatus.RUNNING


def _evaluate(instance, cursor, raw_dir):
    ctx = dg.build_sensor_context(instance=instance, cursor=cursor,
                                  resources={"warehouse": WarehouseResource(raw_dir=str(raw_dir))})
    return raw_dir_sensor(ctx), ctx.cursor


def test_sensor_starts_a_run_when_a_report_is_added_changed_or_removed(raw_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("RAW_DIR", str(tmp_path / "not-this-one"))    # the resource's setting wins
    new = raw_copy / "new.txt"
    with dg.instance_for_test() as instance:
        result, cursor = _evaluate(instance, None, raw_copy)
        assert isinstance(result, dg.SkipReason)                       # first look: remember
        result, cursor = _evaluate(instance, cursor, raw_copy)
        assert isinstance(result, dg.SkipReason)                       # unchanged
        keys = []
        # added, removed, restored, removed again: the last state was seen before, still a new run
        for change in (lambda: new.write_text("序号 | 重点工作 |\n1 | 新增 |\n", encoding="utf-8"), new.unlink,
                       lambda: new.write_text("序号 | 重点工作 |\n1 | 新增 |\n", encoding="utf-8"), new.unlink):
            change()
            result, cursor = _evaluate(instance, cursor, raw_copy)
            assert isinstance(result, dg.RunRequest)
            keys.append(result.run_key)
        assert len(set(keys)) == 4, keys
        again, _ = _evaluate(instance, cursor, raw_copy)
        assert isinstance(again, dg.SkipReason)


def test_definitions_import_stays_light():
    code = ("import sys, orchestration.definitions; "
            "print('great_expectations' in sys.modules, 'dbt.cli.main' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_materialize_all_runs_like_build_warehouse(tmp_path, monkeypatch):
    """The UI's "Materialize all" (and any asset selection) runs the implicit asset job. It gets the
    in-process executor from `Definitions(executor=...)`. Run tags cannot ride along: Dagster 1.13's
    `Definitions` takes no `tags` and builds the implicit job without any, so the guarantee the tag
    gives build_warehouse holds for every run instead: the instance's run queue (as Dagster reads
    orchestration/dagster.yaml) starts one run at a time, and every step that writes is in the
    one-slot pool `warehouse_writer`."""
    import inspect
    import shutil

    from orchestration.settings import PROJECT_ROOT

    implicit = defs.resolve_implicit_global_asset_job_def()
    job = defs.resolve_job_def("build_warehouse")
    assert implicit.executor_def.name == job.executor_def.name == "in_process"
    assert job.tags == {"warehouse/writer": "true"}
    assert "tags" not in inspect.signature(dg.Definitions).parameters, \
        "Definitions takes run tags now: set {'warehouse/writer': 'true'} on it as on build_warehouse"

    shutil.copy(PROJECT_ROOT / "orchestration" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    instance = dg.DagsterInstance.get()
    try:
        concurrency = instance.get_concurrency_config()
    finally:
        instance.dispose()
    queue = concurrency.run_queue_config
    assert queue.max_concurrent_runs == 1, "any run, tagged or not, waits for the one before it"
    assert {"key": "warehouse/writer", "limit": 1} in queue.tag_concurrency_limits
    assert concurrency.pool_config.default_pool_limit == 1

    graph = defs.resolve_asset_graph()
    writers = {"landing/reports", "marts/fct_task", "published/warehouse"}
    pools = {k.to_user_string(): a.node_def.pool for a in graph.assets_defs if a.is_executable and a.keys
             for k in a.keys}
    assert {pools[w] for w in writers} == {"warehouse_writer"}, {w: pools[w] for w in writers}
