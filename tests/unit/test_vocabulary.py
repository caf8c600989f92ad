"""The vocabularies have one home (orchestration/parsing/vocabulary.py): the dbt seed is generated
from it, and the parsers write nothing outside it."""
from pathlib import Path

from orchestration.parsing.report import parse_report
from orchestration.parsing.vocabulary import ADMIN_LEVELS, COMPARATORS, REPORT_KINDS, ROLES, TASK_STATUSES, as_csv

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def test_dbt_seed_is_generated_from_the_module():
    seed = (ROOT / "dbt_project" / "seeds" / "vocabulary.csv").read_text(encoding="utf-8")
    assert seed == as_csv(), ("dbt_project/seeds/vocabulary.csv is stale: run "
                              "`python -m orchestration.parsing.vocabulary > dbt_project/seeds/vocabulary.csv`")


def test_parsers_write_only_vocabulary_values():
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "practice" / "docs").glob("*"))
    assert files
    for f in files:
        p = parse_report(f.read_bytes(), f.name)
        assert p.report.report_kind in REPORT_KINDS, f
        assert p.report.admin_level in ADMIN_LEVELS + (None,), f
        assert {t.status for t in p.tasks} <= set(TASK_STATUSES), f
        assert {m.role for m in p.measures} <= set(ROLES), f
        assert {m.comparator for m in p.measures} <= set(COMPARATORS), f
