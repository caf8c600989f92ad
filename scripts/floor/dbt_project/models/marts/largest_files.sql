select
    file_name,
    n_bytes,
    row_number() over (order by n_bytes desc, file_name) as size_rank
from {{ ref('fct_file') }}
qualify size_rank <= 10
