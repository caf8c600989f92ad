select
    report_id || '-m' || lpad(cast(measure_seq as varchar), 5, '0') as measure_id,
    report_id,
    case when task_seq is not null then report_id || '-t' || lpad(cast(task_seq as varchar), 4, '0') end as task_id,
    measure_seq,
    role,
    metric,
    value,
    value_high,
    value_text,
    replace(unit, '％', '%') as unit,
    coalesce(is_growth_rate, false) as is_growth_rate,
    comparator,
    reference_year,
    period_label,
    evidence,
    case when pairs_with_measure_seq is not null
         then report_id || '-m' || lpad(cast(pairs_with_measure_seq as varchar), 5, '0') end as pairs_with_measure_id,
    coalesce(is_derived, false) as is_derived,
    section
from {{ source('landing', 'measures') }}
