-- One row per published run: what a dashboard shows as "as of". The history is carried from the
-- previously published warehouse; a run that fails its blocking checks is never published, so its
-- row never reaches BI tools.
select
    run_id,
    cast(published_at as timestamp) as published_at,
    cast(n_source_files as integer) as n_source_files,
    parser_version
from {{ source('landing', 'runs') }}
