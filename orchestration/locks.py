"""Waiting for an exclusive file lock, with a note while waiting. No Dagster here.

The locks are `flock`s: the kernel drops them when their process dies, however it dies (kill -9
too), so a dead run never keeps another waiting."""
from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

NOTE_EVERY_S = 30


@contextmanager
def held(path: Path, what: str, wait_s: float = 3600, note: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on `path` for the `with` block. Waits up to `wait_s` while another
    process holds it, calling `note` every half minute; raises TimeoutError after that."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        start = last_note = time.monotonic()
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                now = time.monotonic()
                if now - start > wait_s:
                    raise TimeoutError(f"another run has held {Path(path).name} for over {wait_s:.0f} s "
                                       f"({what} still running, or hung): this run stops here") from None
                if note and now - last_note >= NOTE_EVERY_S:
                    note(f"waiting for another run's {what} to finish ({now - start:.0f} s so far)")
                    last_note = now
                time.sleep(0.2)
        yield
    finally:
        os.close(fd)      # drops the lock
