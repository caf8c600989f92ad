select
    file_name,
    n_bytes,
    sha256,
    text,
    n_chars,
    coalesce(nullif(lower(regexp_extract(file_name, '\.([^.]+)$', 1)), ''), '(none)') as extension,
    coalesce(nullif(left(ltrim(text), 1), ''), '(empty)') as first_char,
    len(text) - len(replace(text, chr(10), '')) + 1 as n_lines,
    len(text) - len(replace(text, chr(65533), '')) as n_replacement_chars
from {{ source('landing', 'files') }}
