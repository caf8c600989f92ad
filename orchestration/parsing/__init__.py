"""Pure-Python parsing: raw report bytes -> records. No Dagster imports here.

Data flows one way: bytes (text.py) -> layout (layout.py) -> tables / prose
(tables.py, progress.py, indicators.py, prose.py) -> records (records.py).
`report.parse_report` is the single entry point used by the pipeline.
"""
