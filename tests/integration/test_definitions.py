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


def test_materialize_all_runs_like_build_warehouse():
    """The UI's "Materialize all" runs the implicit asset job: same in-process executor as
    build_warehouse, and the instance's run queue admits one run at a time whatever its tags."""
    import yaml

    from orchestration.settings import PROJECT_ROOT

    implicit = defs.resolve_implicit_global_asset_job_def()
    assert implicit.executor_def.name == defs.resolve_job_def("build_warehouse").executor_def.name == "in_process"
    conf = yaml.safe_load((PROJECT_ROOT / "orchestration" / "dagster.yaml").read_text())
    assert conf["concurrency"]["runs"]["max_concurrent_runs"] == 1
