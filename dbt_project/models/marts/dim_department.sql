-- One row per responsible unit of a region (区财政局 of two districts are two departments).
select distinct
    department_id,
    department_name,
    region
from {{ ref('stg_landing__task_departments') }}
