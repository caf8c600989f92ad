import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests with a fixed seed, so a submission's result does not depend on luck;
# locally they explore new examples on every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
RAW = ROOT / "raw"


def pytest_configure(config):
    """The Dagster definitions need dbt's manifest at import, and test modules import them while
    pytest collects, before any fixture runs: so a bare `pytest` on a fresh clone parses the dbt
    project here, first (`make test` has done it already and this is a no-op)."""
    manifest = ROOT / "dbt_project" / "target" / "manifest.json"
    if not manifest.exists():
        dbt = Path(sys.executable).with_name("dbt")
        subprocess.run([str(dbt), "parse", "--profiles-dir", ".", "--quiet"], cwd=ROOT / "dbt_project", check=True)


@pytest.fixture
def raw_copy(tmp_path):
    """A throwaway RAW_DIR holding the five seed reports."""
    d = tmp_path / "raw"
    shutil.copytree(RAW, d)
    return d


@pytest.fixture
def pipeline_env(tmp_path, raw_copy, monkeypatch):
    """Environment for a pipeline run into tmp_path (never the user's warehouse)."""
    env = {
        "RAW_DIR": str(raw_copy),
        "WAREHOUSE_PATH": str(tmp_path / "published" / "warehouse.duckdb"),
        "WORK_DIR": str(tmp_path / "work"),
        "CACHE_DIR": str(tmp_path / "cache"),
        "GX_DOCS_DIR": str(tmp_path / "gx_docs"),
        "REPORT_CARD_PATH": str(tmp_path / "report_card.html"),
    }
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    return {k: Path(v) for k, v in env.items()}
