{# Generic test: every non-null value of the column is a value of `domain` in the seed vocabulary
   (generated from orchestration/parsing/vocabulary.py, the one home of the warehouse's vocabularies). #}
{% test in_vocabulary(model, column_name, domain) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is not null
  and {{ column_name }} not in (select value from {{ ref('vocabulary') }} where domain = '{{ domain }}')
{% endtest %}
