select
    {{ seq_id('t', 'task_seq') }} as task_id,
    report_id,
    task_seq,
    task_no,
    task_key,
    trim(task_text) as task_text,
    nullif(trim(progress_text), '') as progress_text,
    status,
    section,
    attribute
from {{ source('landing', 'tasks') }}
