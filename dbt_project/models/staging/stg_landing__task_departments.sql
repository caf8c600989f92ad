select
    {{ seq_id('t', 'task_seq') }} as task_id,
    'd' || substr(md5(trim(department_name)), 1, 12) as department_id,
    trim(department_name) as department_name,
    position,
    is_lead
from {{ source('landing', 'task_departments') }}
