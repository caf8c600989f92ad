select
    task_id,
    report_id,
    task_no,
    task_key,
    task_text,
    progress_text,
    status,
    section,
    attribute
from {{ ref('stg_landing__tasks') }}
