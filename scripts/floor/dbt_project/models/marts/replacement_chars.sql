select
    file_name,
    n_replacement_chars,
    n_replacement_chars > 0 as has_undecodable_bytes
from {{ ref('stg_landing__files') }}
