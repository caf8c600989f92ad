"""The report card: one self-contained HTML page over a published warehouse, per region and year.

Targets against actuals of the headline indicators, task status counts, stated against computed
completion rates, and the quality issues to follow up. Charts are Plotly figures with plotly.js
inlined once, so the page opens offline from the file system. No Dagster here: the asset in
assets/report_card.py calls `write_report_card`.
"""
from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from .files import write_text_atomic

SCORECARD = """
select coalesce(t.region, '(no place)') as region, t.reference_year as year, t.indicator_name,
       coalesce(t.target_unit, t.actual_unit) as unit, t.target_comparator as comparator, t.target_value as target,
       p.actual_value as actual_prev_year, t.actual_value as actual
from marts.fct_indicator_scorecard t
left join marts.fct_indicator_scorecard p        -- the actual of the year before: what a target is set against
    on p.region is not distinct from t.region and p.indicator_id = t.indicator_id
    and p.reference_year = t.reference_year - 1 and p.actual_unit is not distinct from t.target_unit
where t.target_value is not null        -- the headline indicators: those a target was set for
order by region, year, t.indicator_name"""

TASK_STATUS = """
select coalesce(region, '(no place)') as region, report_year as year, status, count(*) as n
from marts.fct_task group by all order by region, year, status"""

COMPLETIONS = """
select coalesce(region, '(no place)') as region, report_year as year, stated_pct, computed_pct, is_consistent,
       evidence
from marts.fct_completion order by region, year, completion_id"""

ISSUES = """
select coalesce(region, '(no place)') as region, report_year as year, rule, detail, evidence
from marts.fct_quality_issue order by region, year, rule"""

AS_OF = "select max(published_at), count(*) from marts.meta_run"

STYLE = """body{font-family:"Noto Sans CJK SC","Noto Sans",system-ui,sans-serif;margin:2rem;max-width:80rem;color:#222}
h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.2rem .5rem;font-size:.85rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}.muted{color:#666;font-size:.85rem}"""


def _rows(con, sql: str) -> list[dict]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _table(rows: list[dict], columns: list[str]) -> str:
    if not rows:
        return '<p class="muted">none</p>'
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if r[c] is None else str(r[c]))}</td>" for c in columns)
                   + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _figure(fig, height: int = 360) -> str:
    fig.update_layout(height=height, margin={"l": 40, "r": 20, "t": 40, "b": 40},
                      font={"family": "Noto Sans CJK SC, Noto Sans, sans-serif"})
    return fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})


def _place_year_section(region, year, scorecard, statuses, completions, issues) -> str:
    import plotly.graph_objects as go

    parts = [f"<h2>{html.escape(str(region))} · {year if year is not None else '(no year)'}</h2>"]
    if scorecard:
        # one scale (rates and shares in %), and only what can be compared: a target with an actual
        rates = [r for r in scorecard if r["unit"] == "%" and (r["actual"] is not None or r["actual_prev_year"] is not None)]
        if rates:
            labels = [r["indicator_name"] for r in rates]
            fig = go.Figure([go.Bar(name=f"{name} {when}", y=labels, x=[r[key] for r in rates], orientation="h")
                             for name, when, key in (("actual", year - 1 if year is not None else "before",
                                                      "actual_prev_year"), ("target", year, "target"),
                                                     ("actual", year, "actual"))])
            fig.update_layout(barmode="group", title="Indicators in %: the target against the actual (the year before, "
                              "and the year itself when reported)", yaxis={"autorange": "reversed"})
            parts.append(_figure(fig, height=max(360, 120 + 36 * len(rates))))
        parts.append("<h3>Headline indicators: target and actual</h3>"
                     + _table(scorecard, ["indicator_name", "unit", "comparator", "target", "actual_prev_year", "actual"]))
    if statuses:
        fig = go.Figure([go.Bar(x=[r["status"] for r in statuses], y=[r["n"] for r in statuses])])
        fig.update_layout(title="Tasks by status")
        parts.append(_figure(fig))
    computed = [r for r in completions if r["computed_pct"] is not None]
    if computed:
        top = max(max(r["stated_pct"], r["computed_pct"]) for r in computed) * 1.05
        fig = go.Figure([
            go.Scatter(x=[r["stated_pct"] for r in computed], y=[r["computed_pct"] for r in computed], mode="markers",
                       text=[r["evidence"][:60] for r in computed], name="completion"),
            go.Scatter(x=[0, top], y=[0, top], mode="lines", name="stated = computed", line={"dash": "dot"})])
        fig.update_layout(title="Completion rates: stated against actual/target (%)",
                          xaxis_title="stated %", yaxis_title="computed %")
        parts.append(_figure(fig))
    if completions:
        parts.append(f"<p>{len(completions)} stated completion rate(s), {len(computed)} computable, "
                     f"{sum(1 for r in computed if r['is_consistent'] is False)} inconsistent.</p>")
    parts.append("<h3>Quality issues</h3>" + _table(issues, ["rule", "detail", "evidence"]))
    return "".join(parts)


def render(warehouse_path: Path) -> str:
    """The report card of a warehouse file (opened read-only) as one HTML page."""
    from plotly.offline import get_plotlyjs

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        data = {k: _rows(con, q) for k, q in
                (("scorecard", SCORECARD), ("statuses", TASK_STATUS), ("completions", COMPLETIONS), ("issues", ISSUES))}
        as_of, n_runs = con.execute(AS_OF).fetchone()
    keys = sorted({(r["region"], r["year"]) for rows in data.values() for r in rows},
                  key=lambda k: (str(k[0]), k[1] if k[1] is not None else -1))

    def of(name, key):
        return [r for r in data[name] if (r["region"], r["year"]) == key]

    sections = "".join(_place_year_section(k[0], k[1], *(of(n, k) for n in ("scorecard", "statuses", "completions",
                                                                          "issues"))) for k in keys)
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>Report card</title>'
            f"<style>{STYLE}</style><script>{get_plotlyjs()}</script></head><body>"
            f"<h1>Report card: targets, actuals and completion by place and year</h1>"
            f'<p class="muted">Warehouse {html.escape(str(warehouse_path))}, as of {as_of} ({n_runs} published '
            f"run(s)); page made {made}. {len(keys)} place-year(s).</p>{sections}</body></html>\n")


def write_report_card(warehouse_path: Path, out_path: Path) -> Path:
    """Render and write atomically (a reader never sees half a page)."""
    return write_text_atomic(out_path, render(warehouse_path))
