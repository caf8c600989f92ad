-- One row per raw file that did not load cleanly: rejected (with the reason), a duplicate of
-- another file's content, or loaded with parser warnings (e.g. a table cut off mid-row).
select
    source_file,
    source_sha256,
    report_id,
    status,
    case when status = 'loaded' then 'warning' else status end as issue_kind,
    coalesce(reason, warnings) as reason,
    n_bytes
from {{ ref('stg_landing__report_files') }}
where status <> 'loaded' or warnings is not null
