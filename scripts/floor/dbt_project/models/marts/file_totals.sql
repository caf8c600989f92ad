select
    count(*) as n_files,
    sum(n_bytes) as total_bytes,
    sum(n_chars) as total_chars,
    count(distinct sha256) as n_distinct_contents
from {{ ref('fct_file') }}
