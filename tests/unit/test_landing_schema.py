"""The landing schema has one home (orchestration/landing.py LANDING, from the record dataclasses):
the DDL and the frames derive from it, and dbt's source declaration must list the same columns."""
from dataclasses import dataclass

import pytest
import yaml

from orchestration.landing import LANDING, _frame, landing_columns
from orchestration.settings import DBT_PROJECT_DIR


def test_dbt_sources_declare_the_landing_columns_and_types():
    sources = yaml.safe_load((DBT_PROJECT_DIR / "models" / "staging" / "_sources.yml").read_text(encoding="utf-8"))
    declared = {t["name"]: [(c["name"], c["data_type"].upper()) for c in t.get("columns", [])]
                for t in sources["sources"][0]["tables"]}
    for table in LANDING:
        assert declared.get(table) == landing_columns(table), (
            f"dbt_project/models/staging/_sources.yml: columns of {table} differ from orchestration/landing.py")


def test_a_record_missing_a_column_is_an_error_not_a_silent_null():
    @dataclass
    class Partial:
        task_seq: int

    with pytest.raises(KeyError):
        _frame([Partial(1)], "task_departments", {"report_id": "r"})
