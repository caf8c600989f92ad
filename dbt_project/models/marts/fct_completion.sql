select
    completion_id,
    report_id,
    task_id,
    stated_pct,
    actual_value,
    actual_unit,
    target_value,
    target_unit,
    computed_pct,
    pct_gap,
    tolerance_pp,
    is_consistent,
    evidence,
    target_source
from {{ ref('int_completions_computed') }}
order by completion_id    -- document order within a report: rows come back as the report states them
