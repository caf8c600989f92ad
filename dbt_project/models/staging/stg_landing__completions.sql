select
    {{ seq_id('c', 'completion_seq') }} as completion_id,
    report_id,
    {{ seq_id('t', 'task_seq') }} as task_id,
    stated_pct,
    actual_value,
    replace(actual_unit, '％', '%') as actual_unit,
    target_value,
    replace(target_unit, '％', '%') as target_unit,
    target_source,
    evidence
from {{ source('landing', 'completions') }}
