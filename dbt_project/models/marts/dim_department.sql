select distinct
    department_id,
    department_name
from {{ ref('stg_landing__task_departments') }}
