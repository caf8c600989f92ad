select
    task_id,
    department_id,
    bool_or(is_lead) as is_lead,
    min(position) as position
from {{ ref('stg_landing__task_departments') }}
group by task_id, department_id
