{# Generic test: every row has a value in at least one of `columns` (a measure is a number or a text target). #}
{% test not_all_null(model, columns) %}
select *
from {{ model }}
where {% for c in columns %}{{ c }} is null{% if not loop.last %} and {% endif %}{% endfor %}
{% endtest %}
