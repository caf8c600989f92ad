-- Measures with the value in its base unit (unit seed) and the indicator they measure:
-- the canonical indicator whose synonym the metric *is* (after dropping leading 全区/实现/… and a
-- trailing 增速/增长率; at most two more leading characters, so 全区GDP matches but 温州湾新区规上
-- 工业增加值 and 单位GDP建设用地使用面积 do not), growth vs level and base units kept apart, the
-- longest synonym winning; else, for rows of indicator tables (sections 附件N), the table's own name.
with units as (
    select * from {{ ref('unit_conversions') }}
),

measures as (
    select
        m.*,
        m.value * coalesce(u.factor, 1) as value_std,
        coalesce(u.unit_std, m.unit) as unit_std,
        u.unit_family,
        regexp_replace(
            regexp_replace(upper(m.metric), '^(全区|全市|全县|我区|我市|实现|完成|全年|其中|累计|全社会)+', ''),
            '(增速|增长率|增幅|同比增长|同比|总量)$', '') as metric_norm
    from {{ ref('stg_landing__measures') }} as m
    left join units as u on u.unit = m.unit
),

catalogue as (
    select * from {{ ref('indicator_catalogue') }}
),

catalogue_match as (
    select
        m.measure_id,
        c.indicator_name,
        row_number() over (
            partition by m.measure_id
            order by length(c.synonym) desc, c.indicator_name
        ) as rank_in_measure
    from measures as m
    join catalogue as c
        on m.metric_norm like '%' || upper(c.synonym)
       and length(m.metric_norm) - length(c.synonym) <= 2
       and (c.measure_kind = 'growth') = m.is_growth_rate
       and (coalesce(c.unit_std, '') = '' or c.unit_std = m.unit_std)
)

select
    m.* exclude (metric_norm),
    coalesce(cm.indicator_name, case when m.section like '附件%' and m.metric <> '' then m.metric end)
        as indicator_name,
    case when cm.indicator_name is not null then 'catalogue'
         when m.section like '附件%' and m.metric <> '' then 'indicator_table' end as indicator_source
from measures as m
left join catalogue_match as cm on cm.measure_id = m.measure_id and cm.rank_in_measure = 1
