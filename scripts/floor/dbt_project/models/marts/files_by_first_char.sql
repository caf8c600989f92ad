select
    first_char,
    count(*) as n_files
from {{ ref('fct_file') }}
group by first_char
