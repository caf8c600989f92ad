"""Benchmark: parse speed (pure Python) and one full pipeline run, on copies in a temp dir.

    .venv/bin/python scripts/benchmark.py [--copies N]

--copies N makes N renamed copies of each seed with a changed last byte (distinct content),
to see how the pipeline scales with the number of reports. Prints wall times; changes nothing
outside the temp dir.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=1, help="copies of each seed report (default 1)")
    ap.add_argument("--raw", default=str(ROOT / "raw"))
    a = ap.parse_args()
    from orchestration.parsing.report import parse_report

    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    raw = tmp / "raw"
    raw.mkdir()
    for p in sorted(Path(a.raw).iterdir()):
        data = p.read_bytes()
        for i in range(a.copies):
            (raw / f"{p.stem}-{i}{p.suffix}").write_bytes(data if i == 0 else data + f"\n{i}".encode())
    files = sorted(raw.iterdir())
    size = sum(f.stat().st_size for f in files)

    t = time.perf_counter()
    for f in files:
        parse_report(f.read_bytes(), f.name)
    parse_s = time.perf_counter() - t
    print(f"parse: {len(files)} files, {size / 1e6:.2f} MB in {parse_s:.2f}s ({size / 1e6 / parse_s:.2f} MB/s)")

    os.environ.update(RAW_DIR=str(raw), WAREHOUSE_PATH=str(tmp / "warehouse.duckdb"), WORK_DIR=str(tmp / "work"),
                      CACHE_DIR=str(tmp / "cache"), GX_DOCS_DIR=str(tmp / "docs"))
    os.environ.pop("DAGSTER_HOME", None)
    t = time.perf_counter()
    from orchestration.definitions import defs
    import_s = time.perf_counter() - t
    job = defs.resolve_job_def("build_warehouse")
    for label in ("cold (parse everything)", "warm (parse cache hit)"):
        t = time.perf_counter()
        result = job.execute_in_process(raise_on_error=False,
                                        run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}})
        print(f"pipeline {label}: {'ok' if result.success else 'FAILED'} in {time.perf_counter() - t:.1f}s")
        steps = {}
        for e in result.all_events:
            if e.event_type_value == "STEP_SUCCESS":
                steps[e.step_key] = e.event_specific_data.duration_ms / 1000
        for k, v in steps.items():
            print(f"    {k:45s} {v:6.1f}s")
    print(f"definitions import: {import_s:.1f}s")
    shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
