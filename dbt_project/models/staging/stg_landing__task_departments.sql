-- A responsible unit is one department per region (区财政局 of 龙湾区 and of 洞头区 are two):
-- department_id hashes the report's region with the unit's name.
select
    {{ seq_id('t', 'task_seq') }} as task_id,
    'd' || substr(md5(coalesce(r.region, '') || '|' || trim(d.department_name)), 1, 12) as department_id,
    trim(d.department_name) as department_name,
    r.region,
    d.position,
    d.is_lead
from {{ source('landing', 'task_departments') }} as d
left join {{ source('landing', 'reports') }} as r using (report_id)
