-- Target against actual per region, indicator and year: e.g. 洞头区 地区生产总值增速 2022 actual
-- (a work report's review and a work plan's 2022 baseline) and 2023 target. Report-level and
-- indicator-table figures only (task-level figures of progress tables describe parts of a place).
-- A baseline is the actual of its year. Several reports may state a figure: all values are kept
-- in *_values, the first (by report and position) is shown.
with measures as (
    select
        r.region,
        m.indicator_id,
        m.reference_year,
        case when m.role = 'target' then 'target' else 'actual' end as role_group,
        m.value,
        m.unit,
        m.value_std,
        m.comparator,
        m.report_id,
        m.measure_id
    from {{ ref('fct_measure') }} as m
    join {{ ref('dim_report') }} as r using (report_id)
    left join {{ ref('fct_task') }} as t using (task_id)
    where m.indicator_id is not null
      and m.value is not null
      and m.reference_year is not null
      and not m.is_derived
      and (m.task_id is null or t.task_key like '附件%')
),

by_role as (
    select
        region,
        indicator_id,
        reference_year,
        role_group,
        arg_min(value, report_id || measure_id) as value,
        arg_min(unit, report_id || measure_id) as unit,
        arg_min(comparator, report_id || measure_id) as comparator,
        string_agg(distinct cast(value as varchar) || coalesce(unit, ''), ' / '
                   order by cast(value as varchar) || coalesce(unit, '')) as all_values,
        count(distinct report_id) as n_reports
    from measures
    group by all
)

select
    b.region,
    b.indicator_id,
    i.indicator_name,
    b.reference_year,
    max(case when role_group = 'target' then value end) as target_value,
    max(case when role_group = 'target' then comparator end) as target_comparator,
    max(case when role_group = 'target' then unit end) as target_unit,
    max(case when role_group = 'target' then all_values end) as target_values,
    max(case when role_group = 'actual' then value end) as actual_value,
    max(case when role_group = 'actual' then unit end) as actual_unit,
    max(case when role_group = 'actual' then all_values end) as actual_values,
    cast(sum(n_reports) as integer) as n_statements
from by_role as b
join {{ ref('dim_indicator') }} as i using (indicator_id)
group by all
