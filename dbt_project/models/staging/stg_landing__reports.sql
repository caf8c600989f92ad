select
    report_id,
    source_file,
    lower(source_sha256) as source_sha256,
    region,
    province,
    city,
    county,
    admin_level,
    report_kind,
    report_year,
    period_label,
    title,
    encoding,
    raw_text
from {{ source('landing', 'reports') }}
