"""The same-shape floor: the cheapest pipeline of this project's stack and shape.

Issue 12 asks that the real pipeline (`python -m orchestration run`) on 1000 reports takes at most
2x "the same-shape floor" cold and 1.2x warm. The floor is the stack used the standard way with
nothing to do but move bytes: one landing asset, 10 dbt models with 20 dbt tests, one Great
Expectations check, publish by rename, run in process. It tells which part of the pipeline's time
is the stack's fixed cost (process start, imports, dbt, GX) and which part is the pipeline's own.

    .venv/bin/python -m scripts.floor          # RAW_DIR, WORK_DIR, WAREHOUSE_PATH as below

- `definitions.py`: the Dagster definitions. `landing/files` reads every file of RAW_DIR (bytes,
  sha256, text decoded as UTF-8 with errors="replace", length) into `WORK_DIR/floor-work.duckdb`
  with pandas + DuckDB; `dbt_project/` builds 1 staging view and 9 tables over it with 20 tests
  (dagster-dbt `@dbt_assets`, `dbt build`); one GX expectation checks `fct_file` (pandas engine,
  ephemeral context, as orchestration/quality/runner.py does); `published/warehouse` renames the
  work file to WAREHOUSE_PATH (`os.replace`).
- `__main__.py`: runs the job in this process with an ephemeral Dagster instance, like
  `python -m orchestration run`.

It reads the pipeline's environment variables (RAW_DIR, WORK_DIR, WAREHOUSE_PATH, LOG_LEVEL) so
`scripts/benchmark.py` runs both on the same folder; its default warehouse is
data/floor/warehouse.duckdb, never the pipeline's. The dbt manifest is made by `dbt parse`
(`parse_project()`: run by the benchmark, and by `__main__` when it is missing or stale) with the
environment the run uses, so `dbt build` reuses the partial parse. Nothing here is imported by the pipeline.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = Path(__file__).resolve().parent / "dbt_project"
MANIFEST = DBT_PROJECT_DIR / "target" / "manifest.json"


def _path(var: str, default: str) -> Path:
    p = Path(os.environ.get(var) or default).expanduser()
    return p if p.is_absolute() else ROOT / p


@dataclass(frozen=True)
class Paths:
    raw_dir: Path
    work_dir: Path
    warehouse_path: Path

    @property
    def work_file(self) -> Path:
        return self.work_dir / "floor-work.duckdb"

    @property
    def dbt_target(self) -> Path:   # dbt's artifacts and logs of a run (the parse's stay in dbt_project/target)
        return self.work_dir / "floor-dbt-target"


def paths() -> Paths:
    return Paths(raw_dir=_path("RAW_DIR", "raw"), work_dir=_path("WORK_DIR", "data/work"),
                 warehouse_path=_path("WAREHOUSE_PATH", "data/floor/warehouse.duckdb"))


def dbt_env() -> dict[str, str]:
    """What profiles.yml reads: the work file dbt builds into."""
    return {"FLOOR_DUCKDB_PATH": str(paths().work_file)}


def dbt_executable() -> str:
    return str(Path(sys.executable).with_name("dbt"))


def parse_project() -> None:
    """`dbt parse` into dbt_project/target (the manifest @dbt_assets loads), with the run's environment."""
    subprocess.run([dbt_executable(), "parse", "--profiles-dir", ".", "--quiet"], cwd=DBT_PROJECT_DIR,
                   env={**os.environ, **dbt_env()}, check=True)
