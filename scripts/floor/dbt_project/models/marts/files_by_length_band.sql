select
    length_band,
    count(*) as n_files,
    avg(n_chars) as avg_chars
from {{ ref('fct_file') }}
group by length_band
