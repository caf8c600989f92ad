select
    extension,
    count(*) as n_files,
    sum(n_bytes) as total_bytes
from {{ ref('fct_file') }}
group by extension
