-- One row per ingested report (distinct content). Files with the same bytes under two names
-- are one report; all names are listed in source_files.
with reports as (
    select * from {{ ref('stg_landing__reports') }}
),

files as (
    select
        report_id,
        string_agg(source_file, '; ' order by source_file) as source_files,
        cast(count(*) as integer) as n_files
    from {{ ref('stg_landing__report_files') }}
    where report_id is not null and status in ('loaded', 'duplicate')
    group by report_id
)

select
    r.report_id,
    r.source_file,
    r.source_sha256,
    r.region,
    r.province,
    r.city,
    r.county,
    r.admin_level,
    r.report_kind,
    r.report_year,
    r.period_label,
    r.title,
    r.encoding,
    f.source_files,
    f.n_files
from reports as r
left join files as f using (report_id)
