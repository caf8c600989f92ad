select * from {{ source('landing', 'report_files') }}
