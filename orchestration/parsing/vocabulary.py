"""The closed vocabularies of the warehouse, defined once.

Parsing writes these values, dbt tests them (generic test `in_vocabulary`, reading the seed
`dbt_project/seeds/vocabulary.csv`, which is generated from this module:
`python -m orchestration.parsing.vocabulary > dbt_project/seeds/vocabulary.csv`; a unit test fails
when the two differ), and BI users read their meanings from `reference.vocabulary`.
"""
from __future__ import annotations

import csv
import io
import sys

# domain -> {value: meaning}; dict order is the order shown to users
VOCABULARIES: dict[str, dict[str, str]] = {
    "report_kind": {
        "task_progress": "key-task progress table (重点工作推进情况)",
        "work_report": "government work report (政府工作报告)",
        "plan_report": "plan execution / draft plan report (国民经济和社会发展计划执行情况 / 计划草案)",
        "work_plan": "work plan (工作要点) with indicator or task attachments",
        "other": "any other text with figures (民生实事 lists, budget execution, news)",
    },
    "admin_level": {
        "province": "province-level government (省 / 自治区 / 直辖市)",
        "city": "prefecture-level government (地级市 / 州 / 盟)",
        "county": "county-level government (县 / 区 / 县级市 / 旗)",
    },
    "task_status": {
        "completed": "the progress text says the task is done (已完成, 完成率100% ...)",
        "in_progress": "the progress text reports work under way",
        "not_started": "the progress text says work has not started (未开工, 尚未启动 ...)",
        "unknown": "no progress text, or none that says",
    },
    "measure_role": {
        "target": "a figure promised (目标, 预期, 计划)",
        "actual": "a figure achieved (完成, 实现, 达到)",
        "baseline": "the starting level a target is measured from (从A提高到B: A)",
    },
    "comparator": {
        "=": "exactly", ">=": "at least (不低于, 以上)", "<=": "at most (不超过, 以内)",
        "~": "about (左右)", ">": "more than (超过)", "<": "less than (低于)",
    },
    "load_status": {
        "loaded": "the file's report is in the warehouse",
        "duplicate": "same bytes as a loaded file; not loaded twice",
        "rejected": "could not be read or is over a limit; the reason says which",
    },
    "quality_rule": {
        "completion_rate_inconsistent": "stated completion rate vs actual/target beyond the tolerance",
        "indicator_value_conflict": "two reports state different values for one indicator, region, year and role",
        "implied_target_conflict": "a target implied by a stated gap differs from the stated target",
    },
    "ingest_issue": {
        "rejected": "the file was not loaded", "duplicate": "the file repeats another",
        "warning": "the file loaded with a warning (e.g. undecodable bytes dropped)",
    },
}

REPORT_KINDS = tuple(VOCABULARIES["report_kind"])
ADMIN_LEVELS = tuple(VOCABULARIES["admin_level"])
TASK_STATUSES = tuple(VOCABULARIES["task_status"])
ROLES = tuple(VOCABULARIES["measure_role"])
COMPARATORS = tuple(VOCABULARIES["comparator"])
LOAD_STATUSES = tuple(VOCABULARIES["load_status"])


def as_csv() -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["domain", "value", "meaning"])
    for domain, values in VOCABULARIES.items():
        for value, meaning in values.items():
            w.writerow([domain, value, meaning])
    return out.getvalue()


if __name__ == "__main__":
    sys.stdout.write(as_csv())
