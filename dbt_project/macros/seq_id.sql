{# Stable id of a record within a report: <report_id>-<letter><zero-padded position>, e.g. 0b31169d8f16ae2d-t0012.
   The same content parsed by the same parser gives the same ids on every run. Positions longer than
   the width are kept whole (lpad would cut them). #}
{% macro seq_id(letter, seq_column, width=4) -%}
    case when {{ seq_column }} is not null
         then report_id || '-{{ letter }}' || lpad(cast({{ seq_column }} as varchar),
                                                   cast(greatest({{ width }}, length(cast({{ seq_column }} as varchar))) as integer), '0') end
{%- endmacro %}
