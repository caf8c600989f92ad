select
    m.measure_id,
    m.report_id,
    m.task_id,
    i.indicator_id,
    m.role,
    m.metric,
    m.value,
    m.unit,
    m.value_std,
    m.unit_std,
    m.is_growth_rate,
    m.comparator,
    m.reference_year,
    m.period_label,
    m.evidence,
    m.value_high,
    m.value_text,
    m.pairs_with_measure_id,
    m.is_derived,
    m.section,
    r.region,
    r.report_year,
    r.period_label as report_period
from {{ ref('int_measures_standardised') }} as m
left join {{ ref('dim_indicator') }} as i on i.indicator_name = m.indicator_name
left join {{ ref('dim_report') }} as r on r.report_id = m.report_id
