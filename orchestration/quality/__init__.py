"""Great Expectations suites (expectations/*.json) run against a warehouse file.

Used by the Dagster asset checks and by `python -m orchestration validate`.
GX is imported inside functions only: it costs seconds and ~200 MB.
"""
