-- Each task-level target with the actual reported against it (the first figure of the progress text that
-- measures the same thing, paired by the parser), and how far it has got: for levels and counts
-- actual/target*100 after unit conversion; for growth rates the two rates side by side.
with targets as (
    select * from {{ ref('fct_measure') }} where role = 'target' and task_id is not null
),

actuals as (
    select
        *,
        row_number() over (partition by pairs_with_measure_id order by measure_id) as first_paired
    from {{ ref('fct_measure') }}
    where role = 'actual' and pairs_with_measure_id is not null
)

select
    t.measure_id as target_measure_id,
    t.report_id,
    t.task_id,
    t.metric,
    t.value as target_value,
    t.unit as target_unit,
    t.comparator as target_comparator,
    t.is_growth_rate,
    a.measure_id as actual_measure_id,
    a.value as actual_value,
    a.unit as actual_unit,
    a.period_label,
    case when a.value_std is not null and t.value_std is not null and t.value_std <> 0
              and not t.is_growth_rate and not a.is_growth_rate
         then round(a.value_std / t.value_std * 100, 2) end as achieved_pct,
    t.evidence as target_evidence,
    a.evidence as actual_evidence,
    t.region,
    t.report_year,
    t.report_period
from targets as t
left join actuals as a on a.pairs_with_measure_id = t.measure_id and a.first_paired = 1
