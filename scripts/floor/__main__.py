"""`python -m scripts.floor`: run the floor's job once, in this process, with an ephemeral instance."""
from __future__ import annotations

import os
import sys
import time

from . import DBT_PROJECT_DIR, MANIFEST, dbt_env, parse_project, paths


def manifest_stale() -> bool:
    """No manifest, or a dbt file newer than it (as make would see it)."""
    if not MANIFEST.exists():
        return True
    made = MANIFEST.stat().st_mtime
    return any(f.stat().st_mtime > made for f in DBT_PROJECT_DIR.rglob("*")
               if f.suffix in (".sql", ".yml") and "target" not in f.parts)


def main() -> int:
    os.environ.update(dbt_env())   # profiles.yml reads the work file from here (dbt runs as a subprocess)
    if manifest_stale():
        print("dbt parse (the manifest is missing or older than the dbt project)", flush=True)
        parse_project()
    t0 = time.time()
    import dagster as dg

    from .definitions import defs

    t1 = time.time()

    level = os.environ.get("LOG_LEVEL", "INFO").upper()
    with dg.DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("floor").execute_in_process(
            instance=instance, raise_on_error=False, run_config={"loggers": {"console": {"config": {"log_level": level}}}})
    print(f"floor run {'succeeded' if result.success else 'FAILED'}: imports {t1 - t0:.1f} s, job {time.time() - t1:.1f} s; "
          f"published: {paths().warehouse_path}")
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
