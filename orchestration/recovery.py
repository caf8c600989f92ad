"""A run that died (kill -9, power loss, full disk) must never block the next one.

Runs started by `python -m orchestration run` carry the host and process id that execute them.
Before a new run starts, every run of this instance still marked as started, whose process is
gone, is reported failed and its pool slots (warehouse_writer) are freed; its leftover files are
swept too: half-copied `.publish-*` files by publish.sweep_publish_leftovers, work files by
workfiles.sweep (their run's lock died with it). Runs launched by the daemon (`make ui`) are watched by Dagster's
run monitoring instead (orchestration/dagster.yaml).
"""
from __future__ import annotations

import os
import socket

PID_TAG = "orchestration/pid"
HOST_TAG = "orchestration/host"


def run_tags() -> dict[str, str]:
    """Tags of a run executed by this process."""
    return {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}


def pid_alive(pid: int) -> bool:
    """Whether a process of this host with that id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fail_dead_runs(instance) -> list[str]:
    """Report as failed the unfinished runs whose executing process is gone; free their slots."""
    import dagster as dg

    unfinished = instance.get_runs(filters=dg.RunsFilter(statuses=[
        dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.NOT_STARTED]))
    recovered = []
    host = socket.gethostname()
    for run in unfinished:
        pid = run.tags.get(PID_TAG)
        if not pid or run.tags.get(HOST_TAG) != host or pid_alive(int(pid)):
            continue
        instance.report_run_failed(run, message=f"the process running it (pid {pid}) is gone: marked failed "
                                                "by the next run, its pool slots freed")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        recovered.append(run.run_id)
    return recovered
