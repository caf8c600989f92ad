select
    min(n_lines) as min_lines,
    avg(n_lines) as avg_lines,
    max(n_lines) as max_lines
from {{ ref('fct_file') }}
