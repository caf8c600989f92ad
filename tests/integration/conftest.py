import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import RAW, ROOT


def run_pipeline(env: dict, instance=None):
    """Run the main Dagster job in-process with `env` (paths in tmp), return the result. Without
    `instance`, the run's history lives in an ephemeral instance."""
    from orchestration.definitions import defs

    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, str(v))
        mp.delenv("DAGSTER_HOME", raising=False)
        return defs.resolve_job_def("build_warehouse").execute_in_process(raise_on_error=False, instance=instance)


def make_env(base: Path, raw_dir: Path) -> dict:
    return {"RAW_DIR": raw_dir, "WAREHOUSE_PATH": base / "published" / "warehouse.duckdb",
            "WORK_DIR": base / "work", "CACHE_DIR": base / "cache", "GX_DOCS_DIR": base / "gx_docs",
            "REPORT_CARD_PATH": base / "published" / "report_card.html"}


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One pipeline run over the seeds, shared by the tests that only read its warehouse."""
    base = tmp_path_factory.mktemp("built")
    raw = base / "raw"
    shutil.copytree(RAW, raw)
    env = make_env(base, raw)
    # the run's history in a Dagster instance of its own, configured as `make prepare` does, so the
    # UI (tests/integration/test_browser.py) shows what this run materialized
    home = base / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    import dagster as dg

    with dg.DagsterInstance.from_config(str(home)) as instance:
        result = run_pipeline(env, instance)
    return {"env": env, "result": result, "warehouse": env["WAREHOUSE_PATH"], "dagster_home": home}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def built_copy(built, tmp_path):
    """The state after a good run, without paying for one: a copy of `built`'s raw folder,
    published warehouse, Data Docs and parse cache in tmp_path. Returns the env for the next run."""
    src = Path(built["env"]["RAW_DIR"]).parent
    for part in ("raw", "published", "cache", "gx_docs"):
        if (src / part).exists():
            shutil.copytree(src / part, tmp_path / part)
    return make_env(tmp_path, tmp_path / "raw")
