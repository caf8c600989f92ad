"""Parsing in worker processes, under limits no input can escape. No Dagster here.

Each report is parsed by a worker of a pebble `ProcessPool` (processes forked from a clean
forkserver that preloads the parsers, one per core by default) with a wall-clock limit and a
memory limit: a worker that overruns is killed and
replaced, and that one file is rejected with the limit in its reason. One hostile or pathological
file therefore costs at most the time limit, never the run.

Settings (environment): PARSE_TIMEOUT_S (default 30), PARSE_MEMORY_MB (default 2048),
PARSE_WORKERS (default: the number of cores; 0 parses in this process, without limits),
PARSE_MAX_FILE_MB (default 100: a larger file is rejected before it is read).
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from .parsing.records import ParsedReport


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 30.0
    memory_mb: int = 2048
    workers: int = 0
    max_file_mb: int = 100             # larger files are rejected without being read

    @classmethod
    def from_env(cls) -> Limits:
        return cls(timeout_s=float(os.environ.get("PARSE_TIMEOUT_S") or 30),
                   memory_mb=int(os.environ.get("PARSE_MEMORY_MB") or 2048),
                   workers=int(os.environ.get("PARSE_WORKERS") or (os.cpu_count() or 1)),
                   max_file_mb=int(os.environ.get("PARSE_MAX_FILE_MB") or 100))


@dataclass
class Outcome:
    parsed: ParsedReport | None = None
    reason: str | None = None          # why the file was rejected (None when parsed)


def parse_one(data: bytes, name: str) -> Outcome:
    """Parse one report; every failure becomes a reason, never an exception."""
    from .parsing.errors import UnreadableReport
    from .parsing.report import parse_report

    try:
        return Outcome(parsed=parse_report(data, name))
    except UnreadableReport as e:
        return Outcome(reason=str(e))
    except MemoryError:
        return Outcome(reason="parser ran out of memory")
    except Exception as e:  # a parser bug must not stop the other reports
        import logging

        logging.getLogger(__name__).exception("parser failed on %s", name)
        return Outcome(reason=f"parser error: {type(e).__name__}: {e}")


def _limit_memory(memory_mb: int) -> None:
    import resource

    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _context():
    """A forkserver that has imported the parsers once: workers fork from it in milliseconds, with
    none of the parent's threads or open files (Dagster, DuckDB)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["orchestration.parse_worker"])
    return ctx


def start_early(limits: Limits | None = None) -> bool:
    """Start the workers' forkserver now: it imports the parsers (about 2 s) while the caller loads
    Dagster, instead of when the first report needs a parse. A run with nothing to parse has spent
    that time on another core; a run with one new report parses it at once. True if started."""
    if (limits or Limits.from_env()).workers <= 0:
        return False
    from multiprocessing import forkserver

    _context()                      # the preload list
    forkserver.ensure_running()     # returns at once; the server imports in its own process
    return True


def parse_all(jobs: Iterable[tuple[str, bytes, str]], limits: Limits,
              done: Callable[[str, Outcome], None], parse: Callable[[bytes, str], Outcome] = parse_one) -> None:
    """Parse (key, bytes, name) jobs with `parse`; call done(key, outcome) for each in job order."""
    jobs = list(jobs)
    if not jobs:
        return
    if limits.workers <= 0:
        for key, data, name in jobs:
            done(key, parse(data, name))
        return
    from pebble import ProcessPool

    workers = max(1, min(limits.workers, len(jobs)))
    with ProcessPool(max_workers=workers, initializer=_limit_memory, initargs=(limits.memory_mb,),
                     context=_context()) as pool:
        futures = [(key, pool.schedule(parse, args=(data, name), timeout=limits.timeout_s))
                   for key, data, name in jobs]
        for key, future in futures:
            try:
                outcome = future.result()
            except FutureTimeout:
                outcome = Outcome(reason=f"parse time limit exceeded ({limits.timeout_s:g} s, PARSE_TIMEOUT_S)")
            except MemoryError:
                outcome = Outcome(reason=f"parse memory limit exceeded ({limits.memory_mb} MiB, PARSE_MEMORY_MB)")
            except Exception as e:   # the worker died (killed, crashed): this file only
                outcome = Outcome(reason=f"parser process failed: {type(e).__name__}: {e}")
            done(key, outcome)
