-- Indicators shared across reports: the canonical catalogue (seed indicator_catalogue, with
-- synonyms) plus the indicators named in indicator tables that the catalogue does not cover.
with catalogue as (
    select
        indicator_name,
        min(nullif(unit_std, '')) as unit_std,
        min(category) as category,
        'catalogue' as source
    from {{ ref('indicator_catalogue') }}
    group by indicator_name
),

from_tables as (
    select
        indicator_name,
        min(unit_std) as unit_std,   -- deterministic: re-runs give identical marts
        null as category,
        'indicator_table' as source
    from {{ ref('int_measures_standardised') }}
    where indicator_source = 'indicator_table'
      and indicator_name not in (select indicator_name from catalogue)
    group by indicator_name
)

select
    'i' || substr(md5(indicator_name), 1, 12) as indicator_id,
    indicator_name,
    unit_std,
    category,
    source
from (select * from catalogue union all select * from from_tables)
