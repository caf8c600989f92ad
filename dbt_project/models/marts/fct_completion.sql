select
    c.completion_id,
    c.report_id,
    c.task_id,
    c.stated_pct,
    c.actual_value,
    c.actual_unit,
    c.target_value,
    c.target_unit,
    c.computed_pct,
    c.pct_gap,
    c.tolerance_pp,
    c.is_consistent,
    c.evidence,
    c.target_source,
    r.region,
    r.report_year,
    r.period_label as report_period
from {{ ref('int_completions_computed') }} as c
left join {{ ref('dim_report') }} as r on r.report_id = c.report_id
order by c.completion_id    -- document order within a report: rows come back as the report states them
