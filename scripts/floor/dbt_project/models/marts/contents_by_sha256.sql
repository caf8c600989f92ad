select
    sha256,
    count(*) as n_files,
    min(file_name) as first_file
from {{ ref('fct_file') }}
group by sha256
