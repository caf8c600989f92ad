-- Measures with the value in its base unit (unit seed) and the canonical indicator they measure
-- (indicator catalogue seed: the longest synonym contained in the metric, growth vs level kept apart).
with measures as (
    select * from {{ ref('stg_landing__measures') }}
),

units as (
    select * from {{ ref('unit_conversions') }}
),

catalogue as (
    select * from {{ ref('indicator_catalogue') }}
),

indicator_match as (
    select
        m.measure_id,
        c.indicator_name,
        row_number() over (
            partition by m.measure_id
            order by length(c.synonym) desc, c.indicator_name
        ) as rank_in_measure
    from measures as m
    join catalogue as c
        on strpos(upper(m.metric), upper(c.synonym)) > 0
       and (c.measure_kind = 'growth') = m.is_growth_rate
)

select
    m.*,
    m.value * coalesce(u.factor, 1) as value_std,
    coalesce(u.unit_std, m.unit) as unit_std,
    u.unit_family,
    im.indicator_name
from measures as m
left join units as u on u.unit = m.unit
left join indicator_match as im on im.measure_id = m.measure_id and im.rank_in_measure = 1
