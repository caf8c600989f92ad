-- Completion facts with the rate recomputed from actual and target after unit conversion.
-- Consistency tolerance: |computed - stated| <= var completion_tolerance_pp (dbt_project.yml, 1.0
-- percentage point), which also covers the rounding of the stated precision (78% vs 77.65%). Units must be of one family (户/家/个 are
-- counts of entities; 万人 and 人 are people), or both unstated (bare numbers of one table row,
-- `| 7 | 5 | 71% |`); otherwise nothing is computed.
with completions as (
    select * from {{ ref('stg_landing__completions') }}
),

units as (
    select * from {{ ref('unit_conversions') }}
),

converted as (
    select
        c.*,
        c.actual_value * coalesce(ua.factor, 1) as actual_std,
        c.target_value * coalesce(ut.factor, 1) as target_std,
        coalesce(ua.unit_family, c.actual_unit) as actual_family,
        coalesce(ut.unit_family, c.target_unit) as target_family
    from completions as c
    left join units as ua on ua.unit = c.actual_unit
    left join units as ut on ut.unit = c.target_unit
),

computed as (
    select
        *,
        case
            when actual_std is not null and target_std is not null and target_std <> 0
                 and (actual_family = target_family or (actual_unit is null and target_unit is null))
            then round(actual_std / target_std * 100, 4)
        end as computed_pct
    from converted
)

select
    *,
    round(computed_pct - stated_pct, 4) as pct_gap,
    {{ var('completion_tolerance_pp') }}::double as tolerance_pp,
    case when computed_pct is not null then abs(computed_pct - stated_pct) <= {{ var('completion_tolerance_pp') }} end
        as is_consistent
from computed
