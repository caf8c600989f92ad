select
    file_name,
    sha256,
    n_bytes,
    n_chars,
    n_lines,
    extension,
    first_char,
    case when n_chars < 10000 then 'small' when n_chars < 100000 then 'medium' else 'large' end as length_band
from {{ ref('stg_landing__files') }}
