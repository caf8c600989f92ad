"""The records parsing produces: one dataclass per landing table."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReportRecord:
    report_id: str            # first 16 hex digits of the content SHA-256: stable across re-runs
    source_file: str
    source_sha256: str
    region: str | None        # the most specific of province / city / county; None when no place is named
    report_kind: str          # task_progress | work_report | plan_report | work_plan | other
    report_year: int | None
    period_label: str | None
    title: str | None
    encoding: str
    raw_text: str             # decoded text (line ends normalised): what evidence points into
    province: str | None = None   # the issuing place resolved against the gazetteer (places.py)
    city: str | None = None
    county: str | None = None
    admin_level: str | None = None  # province | city | county


@dataclass
class TaskRecord:
    task_seq: int             # position of the task in the report (1-based), the stable key
    task_no: int | None       # the 序号 as printed
    task_key: str             # printed key incl. attachment / sub-row, e.g. '12', 'A3-5'
    task_text: str
    progress_text: str | None
    status: str
    section: str | None = None
    attribute: str | None = None   # indicator attribute such as 省评价 (indicator tables)


@dataclass
class DepartmentRecord:
    task_seq: int
    position: int
    department_name: str
    is_lead: bool


@dataclass
class MeasureRecord:
    task_seq: int | None
    measure_seq: int
    role: str                 # target | actual | baseline
    metric: str
    value: float | None       # None for text targets such as 稳步提升 (value_text keeps them)
    unit: str | None
    is_growth_rate: bool
    comparator: str
    evidence: str
    reference_year: int | None = None
    period_label: str | None = None
    value_high: float | None = None
    value_text: str | None = None
    pairs_with_measure_seq: int | None = None
    is_derived: bool = False  # implied by the text (e.g. a target implied by 高于目标2.1个百分点)
    section: str | None = None


@dataclass
class CompletionRecord:
    task_seq: int | None
    completion_seq: int
    stated_pct: float
    evidence: str
    actual_value: float | None = None
    actual_unit: str | None = None
    target_value: float | None = None
    target_unit: str | None = None
    target_source: str | None = None   # sentence | task | progress: where the denominator was found


@dataclass
class ParsedReport:
    report: ReportRecord
    tasks: list[TaskRecord] = field(default_factory=list)
    departments: list[DepartmentRecord] = field(default_factory=list)
    measures: list[MeasureRecord] = field(default_factory=list)
    completions: list[CompletionRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
