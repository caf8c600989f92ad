select
    report_id || '-c' || lpad(cast(completion_seq as varchar), 4, '0') as completion_id,
    report_id,
    case when task_seq is not null then report_id || '-t' || lpad(cast(task_seq as varchar), 4, '0') end as task_id,
    stated_pct,
    actual_value,
    replace(actual_unit, '％', '%') as actual_unit,
    target_value,
    replace(target_unit, '％', '%') as target_unit,
    target_source,
    evidence
from {{ source('landing', 'completions') }}
