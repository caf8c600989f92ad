-- One row per inconsistency found in the reports, for analysts to follow up in BI:
--   completion_rate_inconsistent  stated completion rate vs actual/target (> 1.0 pp apart)
--   indicator_value_conflict      two reports state different values for the same indicator,
--                                 region, year and role (actual/baseline count as one role)
--   implied_target_conflict       a target implied by a stated gap (高于目标2.1个百分点) differs
--                                 from the target the same report states
with completions as (
    select
        'completion_rate_inconsistent' as rule,
        'warning' as severity,
        report_id,
        task_id,
        completion_id as fact_id,
        null::varchar as related_id,
        stated_pct as stated_value,
        computed_pct as computed_value,
        '%' as unit,
        evidence,
        'actual ' || actual_value || coalesce(actual_unit, '') || ' / target ' || target_value
            || coalesce(target_unit, '') || ' = ' || round(computed_pct, 2) || '%, stated ' || stated_pct || '%'
            as detail
    from {{ ref('int_completions_computed') }}
    where is_consistent = false
),

observed as (
    select
        m.*,
        r.region,
        case when m.role = 'target' then 'target' else 'actual' end as role_group
    from {{ ref('fct_measure') }} as m
    join {{ ref('dim_report') }} as r using (report_id)
    where m.indicator_id is not null and m.value_std is not null and m.reference_year is not null
      and not m.is_derived
),

conflict_keys as (
    select region, indicator_id, reference_year, role_group
    from observed
    group by all
    having count(distinct report_id) > 1 and count(distinct round(value_std, 4)) > 1
),

conflicts as (
    select
        'indicator_value_conflict' as rule,
        'warning' as severity,
        o.report_id,
        o.task_id,
        o.measure_id as fact_id,
        null::varchar as related_id,
        o.value_std as stated_value,
        (select min(o2.value_std) from observed o2
          where o2.region = o.region and o2.indicator_id = o.indicator_id
            and o2.reference_year = o.reference_year and o2.role_group = o.role_group
            and o2.report_id <> o.report_id and round(o2.value_std, 4) <> round(o.value_std, 4)) as computed_value,
        o.unit_std as unit,
        o.evidence,
        i.indicator_name || ' ' || o.region || ' ' || o.reference_year || ' ' || o.role_group
            || ': other reports state a different value' as detail
    from observed as o
    join conflict_keys as k using (region, indicator_id, reference_year, role_group)
    join {{ ref('dim_indicator') }} as i using (indicator_id)
),

implied as (
    select
        'implied_target_conflict' as rule,
        'warning' as severity,
        d.report_id,
        d.task_id,
        d.measure_id as fact_id,
        s.measure_id as related_id,      -- the stated target (one row for each it disagrees with)
        s.value as stated_value,
        d.value as computed_value,
        '%' as unit,
        d.evidence,
        'stated target ' || s.value || '%, implied by the gap ' || d.value || '%' as detail
    from {{ ref('fct_measure') }} as d
    join {{ ref('fct_measure') }} as s
      on s.report_id = d.report_id and s.indicator_id = d.indicator_id and s.role = 'target'
     and not s.is_derived and s.reference_year = d.reference_year and s.is_growth_rate
    where d.is_derived and d.indicator_id is not null and abs(s.value - d.value) > 0.05
)

-- region, report_year and report_period repeat dim_report's (issues by place and year without a join)
select
    md5(i.rule || i.fact_id || coalesce(i.related_id, '')) as issue_id,
    i.*,
    r.region,
    r.report_year,
    r.period_label as report_period
from (select * from completions union all select * from conflicts union all select * from implied) as i
left join {{ ref('dim_report') }} as r on r.report_id = i.report_id
