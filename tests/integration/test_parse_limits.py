"""Parsing in worker processes: same results as in-process, and limits a file cannot escape."""
import shutil
import time
from dataclasses import asdict

import pytest

from orchestration.landing import parse_raw_dir
from orchestration.parse_pool import Limits, Outcome, parse_all, parse_one
from tests.conftest import RAW

pytestmark = pytest.mark.slow


def test_worker_processes_give_the_same_records_as_the_serial_path(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "copy.txt").write_bytes((RAW / "000_0b31169d8f16ae2d.txt").read_bytes())
    (raw / "junk.bin").write_bytes(b"\x00\x01" * 100)
    pooled = parse_raw_dir(raw, None, limits=Limits(workers=2))
    serial = parse_raw_dir(raw, None, limits=Limits(workers=0))
    assert [asdict(f) for f in pooled.files] == [asdict(f) for f in serial.files]
    assert [asdict(r) for r in pooled.reports] == [asdict(r) for r in serial.reports]
    assert {f.status for f in pooled.files} == {"loaded", "duplicate", "rejected"}


def slow_parse(data: bytes, name: str) -> Outcome:
    """A parser that never finishes big.txt in time (runs in the worker process).

    Slow by construction: a real report's parse time depends on how fast the parser is, and a test
    of the time limit must not pass or fail with parser speed."""
    if name == "big.txt":
        time.sleep(60)
    return parse_one(data, name)


def test_a_file_over_the_time_limit_is_rejected_and_the_others_load():
    small = "序号 | 重点工作 | 进展情况 |\n1 | 新增就业500人 | 已完成 |\n".encode()
    got: dict[str, Outcome] = {}
    parse_all([("big", b"x", "big.txt"), ("small", small, "small.txt")],
              Limits(timeout_s=1.0, workers=2), lambda k, o: got.__setitem__(k, o), parse=slow_parse)
    assert got["big"].parsed is None and "time limit" in got["big"].reason
    assert got["small"].parsed is not None and got["small"].parsed.tasks


def greedy_parse(data: bytes, name: str) -> Outcome:
    """A parser that wants 1 GiB for the file named big.txt (runs in the worker process)."""
    if name == "big.txt":
        blocks = [bytearray(2**20) for _ in range(1024)]
        return Outcome(reason=f"allocated {len(blocks)} MiB")
    return parse_one(data, name)


def test_a_file_over_the_memory_limit_is_rejected_and_the_others_load():
    small = "序号 | 重点工作 | 进展情况 |\n1 | 新增就业500人 | 已完成 |\n".encode()
    got: dict[str, Outcome] = {}
    parse_all([("big", b"x", "big.txt"), ("small", small, "small.txt")],
              Limits(timeout_s=60, memory_mb=400, workers=1), lambda k, o: got.__setitem__(k, o), parse=greedy_parse)
    assert got["big"].parsed is None and "memory" in got["big"].reason, got["big"].reason
    assert got["small"].parsed is not None and got["small"].parsed.tasks


def test_workers_started_early_parse_as_the_others():
    """`python -m orchestration run` starts the workers' forkserver before Dagster loads
    (parse_pool.start_early); the pool then uses that server, with the same limits and records."""
    from multiprocessing import forkserver

    from orchestration.parse_pool import start_early

    assert not start_early(Limits(workers=0)), "no workers, nothing started"
    assert start_early(Limits(workers=1))
    pid = forkserver._forkserver._forkserver_pid
    assert pid is not None
    data = sorted(RAW.glob("*.txt"))[0].read_bytes()
    out = []
    parse_all([("k", data, "a.txt")], Limits(workers=1), lambda key, outcome: out.append(outcome))
    assert forkserver._forkserver._forkserver_pid == pid, "the early server did the parsing"
    assert asdict(out[0].parsed) == asdict(parse_one(data, "a.txt").parsed)
