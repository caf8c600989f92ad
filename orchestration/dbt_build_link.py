"""The one path dbt builds through: `WORK_DIR/dbt-build.duckdb`, a link to this run's work file.

Why: dbt reuses its parse of the project (partial parsing, `partial_parse.msgpack`) only when the
profile is unchanged, and the profile holds the DuckDB path. A path per run (`run-<id>.duckdb`)
made every run parse the whole project again (~10 s of a 2-core machine's time, for nothing). So
dbt attaches one constant path (profiles.yml: `attach: DBT_DUCKDB_PATH as warehouse`), and each run
points that path at its own work file while its `dbt build` runs. DuckDB follows the link when it
opens the file: the write-ahead log and the file lock are the work file's own, so a `dbt build`
orphaned by a killed run keeps writing into its dead run's file whatever the link points at later.

One run at a time holds the link (an exclusive lock on `dbt-build.lock`, dropped by the kernel when
the process dies, however it dies); another run waits for it. After a `dbt build` the parse dbt
saved is kept as `dbt-partial_parse.msgpack` and handed to the next run's `dbt build`. No Dagster here.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .locks import held

LINK_NAME = "dbt-build.duckdb"
LOCK_NAME = "dbt-build.lock"
PARSE_NAME = "dbt-partial_parse.msgpack"      # dbt's name for it is partial_parse.msgpack


@contextmanager
def build_link(work_dir: Path, work_file: Path, wait_s: float = 3600,
               note: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Point WORK_DIR/dbt-build.duckdb at `work_file` for the `with` block, one run at a time.

    Waits (up to `wait_s`, with a note every half minute) while another live run holds the link;
    raises TimeoutError after that."""
    work_dir = Path(work_dir)
    with held(work_dir / LOCK_NAME, "dbt build", wait_s, note):
        link = work_dir / LINK_NAME
        tmp = work_dir / f".{LINK_NAME}.{os.getpid()}"
        tmp.unlink(missing_ok=True)
        os.symlink(Path(work_file).resolve(), tmp)
        os.replace(tmp, link)            # atomic: the link is never missing nor half made
        try:
            yield link
        finally:
            link.unlink(missing_ok=True)  # nothing points at this run's file once its build is over


def seed_parse(work_dir: Path, target_path: Path) -> bool:
    """Put the last build's saved parse where this build's dbt looks for it. dbt checks it against
    the project's files and profile and parses again what changed (all of it, if it is unusable)."""
    saved = Path(work_dir) / PARSE_NAME
    if not saved.is_file():
        return False
    Path(target_path).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(saved, Path(target_path) / "partial_parse.msgpack")
    return True


def keep_parse(work_dir: Path, target_path: Path) -> bool:
    """Keep this build's parse for the next run (written aside, then renamed: never half a file)."""
    fresh = Path(target_path) / "partial_parse.msgpack"
    if not fresh.is_file():
        return False
    tmp = Path(work_dir) / f".{PARSE_NAME}.{os.getpid()}"
    shutil.copyfile(fresh, tmp)
    os.replace(tmp, Path(work_dir) / PARSE_NAME)
    return True
