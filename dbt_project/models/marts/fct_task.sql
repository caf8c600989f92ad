-- region, report_year and report_period repeat dim_report's, so analysts filter tasks by place and
-- year without a join
select
    t.task_id,
    t.report_id,
    t.task_no,
    t.task_key,
    t.task_text,
    t.progress_text,
    t.status,
    t.section,
    t.attribute,
    r.region,
    r.report_year,
    r.period_label as report_period
from {{ ref('stg_landing__tasks') }} as t
left join {{ ref('dim_report') }} as r on r.report_id = t.report_id
