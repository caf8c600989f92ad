"""Command line: `python -m orchestration run` and `python -m orchestration validate`."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def cmd_run(args) -> int:
    """Run the main job (build_warehouse) once, in this process, and print what it loaded."""
    from .parse_pool import start_early

    start_early()      # the parse workers load the parsers while Dagster loads
    import dagster as dg
    import duckdb

    from . import workfiles
    from .definitions import defs
    from .publish import sweep_publish_leftovers
    from .recovery import fail_dead_runs, run_tags
    from .settings import Settings

    s = Settings.from_env()
    if not s.raw_dir.is_dir():
        print(f"error: RAW_DIR {s.raw_dir} is not a directory: set RAW_DIR to the folder of reports", file=sys.stderr)
        return 2
    from .landing import list_raw_files

    if not list_raw_files(s.raw_dir):
        print(f"error: RAW_DIR {s.raw_dir} holds no report files (a wrong or unmounted folder?): nothing was "
              "run and the published warehouse is unchanged", file=sys.stderr)
        return 2
    print(f"RAW_DIR={s.raw_dir}\nWAREHOUSE_PATH={s.warehouse_path}", flush=True)
    t0 = time.time()
    instance = dg.DagsterInstance.get() if _has_dagster_home() else dg.DagsterInstance.ephemeral()
    for run_id in fail_dead_runs(instance):
        print(f"run {run_id} had died (its process is gone): marked failed, its pool slot freed", flush=True)
    if sweep_publish_leftovers(s.warehouse_path):
        print("removed a half-copied publish file left by a run that died", flush=True)
    if workfiles.sweep(s.work_dir):
        print(f"removed the work files of finished or dead runs from {s.work_dir}", flush=True)
    job = defs.resolve_job_def("build_warehouse")
    level = os.environ.get("LOG_LEVEL", "INFO").upper()
    result = job.execute_in_process(instance=instance, raise_on_error=False, tags=run_tags(),
                                    run_config={"loggers": {"console": {"config": {"log_level": level}}}})
    checks = [e.asset_check_evaluation_data for e in result.all_events
              if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    passed = [c for c in checks if c.passed]
    failed = [c for c in checks if not c.passed]
    print(f"\nrun {result.run_id} {'succeeded' if result.success else 'FAILED'} in {time.time() - t0:.1f}s")
    print(f"checks: {len(passed)} passed, {len(failed)} failed")
    for c in failed:
        print(f"  - {c.asset_key.to_user_string()} {c.check_name}: {c.severity.value}")
    published = any(e.event_type_value == "ASSET_MATERIALIZATION" and
                    e.asset_key == dg.AssetKey(["published", "warehouse"]) for e in result.all_events)
    if published:
        try:
            _print_summary(s.warehouse_path)
        except duckdb.Error as e:   # e.g. a BI tool holds the file read-write
            print(f"(summary unavailable: {e})")
        print(f"published: {s.warehouse_path}")
    else:
        print(f"NOT published: {s.warehouse_path} is unchanged (the last good warehouse, if any)")
    if not result.success:
        for e in result.all_events:
            if e.event_type_value == "STEP_FAILURE":
                print(f"step {e.step_key} failed: {_root_cause(e.event_specific_data.error)}")
    return 0 if result.success and published else 1


def _root_cause(error) -> str:
    """The innermost error of a step failure, in one line (the traceback is in the run's logs)."""
    while getattr(error, "cause", None) is not None:
        error = error.cause
    message = (error.message or "").strip()
    if message.startswith(error.cls_name or "\0"):
        message = message[len(error.cls_name):].lstrip(": ")
    return f"{error.cls_name}: {message.splitlines()[0][:500] if message else ''}"


def _print_summary(warehouse_path: Path) -> None:
    import duckdb

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        q = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        issues = "select count(*) from marts.fct_ingest_issue where issue_kind = '{}'"
        print(f"reports loaded: {q('select count(*) from marts.dim_report')}"
              f" (files rejected: {q(issues.format('rejected'))}, duplicates: {q(issues.format('duplicate'))})")
        for t in ("fct_task", "fct_measure", "fct_completion", "dim_department", "dim_indicator"):
            print(f"{t}: {q(f'select count(*) from marts.{t}')}")


def _has_dagster_home() -> bool:
    return bool(os.environ.get("DAGSTER_HOME")) and Path(os.environ["DAGSTER_HOME"]).is_dir()


def _not_a_warehouse(path: Path) -> str | None:
    """Why `path` is not a warehouse to validate (one sentence with what to do), or None."""
    import duckdb

    if not path.exists():
        return f"warehouse {path} does not exist: build one with `make run` or pass --warehouse"
    if not path.is_file():
        return f"{path} is a folder, not a DuckDB warehouse file: pass the .duckdb file"
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            if not con.execute("select count(*) from information_schema.tables where table_schema = 'marts'").fetchone()[0]:
                return f"{path} has no marts tables: it is not a warehouse built by this project (`make run`)"
    except duckdb.Error as e:
        return f"{path} cannot be opened as a DuckDB warehouse ({str(e).splitlines()[0][:160]})"
    return None


def cmd_validate(args) -> int:
    """Run every GX suite against a warehouse file (read-only) and write Data Docs."""
    from .quality.runner import format_table, run_suites

    wh = Path(args.warehouse)
    problem = _not_a_warehouse(wh)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    docs = Path(args.docs)
    t0 = time.time()
    results = run_suites(wh, docs_dir=docs)
    print(format_table(results))
    critical = sum(len(r.critical_failures) for r in results)
    warnings = sum(len(r.warning_failures) for r in results)
    print(f"\n{critical} critical and {warnings} warning expectation(s) failed "
          f"({sum(len(r.outcomes) for r in results)} run in {time.time() - t0:.1f}s)")
    print(f"Data Docs: {docs.resolve() / 'index.html'}")
    return 1 if critical else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m orchestration", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("run", help="run the whole pipeline once (job build_warehouse)")
    v = sub.add_parser("validate", help="run the Great Expectations suites against a warehouse file")
    v.add_argument("--warehouse", required=True, help="DuckDB file to validate (opened read-only)")
    v.add_argument("--docs", default="data/gx_docs", help="folder for the Data Docs HTML (default data/gx_docs)")
    ap.add_argument("--debug", action="store_true", help="show the full traceback of an unexpected error")
    args = ap.parse_args(argv)
    try:
        return {"run": cmd_run, "validate": cmd_validate}[args.cmd](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as e:
        if args.debug:
            raise
        print(f"error: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''} (run with --debug for the "
              "traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
