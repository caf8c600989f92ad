-- Canonical indicators from the catalogue seed: one row per indicator_name, shared across reports.
select
    'i' || substr(md5(indicator_name), 1, 12) as indicator_id,
    indicator_name,
    min(nullif(unit_std, '')) as unit_std,
    min(category) as category
from {{ ref('indicator_catalogue') }}
group by indicator_name
