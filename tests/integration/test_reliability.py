"""Bad input, readers during writes, concurrent runs, re-runs: the product keeps working and loses nothing."""
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT
from tests.integration.conftest import make_env, run_pipeline, sha

pytestmark = pytest.mark.slow
FIXTURES = ROOT / "tests" / "fixtures"
SEED0 = ROOT / "raw" / "000_0b31169d8f16ae2d.txt"
MARTS = ["dim_report", "fct_task", "dim_department", "bridge_task_department", "dim_indicator", "fct_measure",
         "fct_completion", "fct_ingest_issue", "fct_quality_issue", "fct_indicator_scorecard", "fct_target_progress"]


def write_bad_files(raw: Path) -> dict:
    """Crafted inputs; binary ones are generated here. Returns name -> expected status."""
    seed = SEED0.read_text(encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "junk.bin").write_bytes(os.urandom(4096))
    (raw / "longwan_gbk.txt").write_bytes(seed.replace("龙湾", "瓯海").encode("gb18030"))
    (raw / "bom_crlf.txt").write_bytes(b"\xef\xbb\xbf" + FIXTURES.joinpath("project_progress_layout.txt")
                                       .read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    (raw / "same_as_000.txt").write_bytes(SEED0.read_bytes())
    for f in ("truncated_table.txt", "unknown_kind.txt", "traditional_progress.txt", "cell_per_line_progress.txt"):
        shutil.copy(FIXTURES / f, raw / f)
    return {"empty.txt": "rejected", "junk.bin": "rejected", "longwan_gbk.txt": "loaded", "bom_crlf.txt": "loaded",
            "same_as_000.txt": "duplicate", "truncated_table.txt": "loaded", "unknown_kind.txt": "rejected",
            "traditional_progress.txt": "loaded", "cell_per_line_progress.txt": "loaded"}


def hashes(d: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(d.iterdir())}


def test_bad_inputs_are_loaded_or_rejected_with_a_reason(tmp_path, raw_copy):
    expected = write_bad_files(raw_copy)
    before = hashes(raw_copy)
    env = make_env(tmp_path, raw_copy)
    result = run_pipeline(env)
    assert result.success
    assert hashes(raw_copy) == before, "raw files must never be modified"
    (ingest_check,) = [e.asset_check_evaluation_data for e in result.all_events
                       if e.event_type_value == "ASSET_CHECK_EVALUATION"
                       and e.asset_check_evaluation_data.check_name == "all_files_loaded"]
    assert not ingest_check.passed and ingest_check.metadata["rejected"].value == 3
    with duckdb.connect(str(env["WAREHOUSE_PATH"]), read_only=True) as con:
        status = dict(con.execute("select source_file, status from landing.report_files").fetchall())
        issues = {r[0]: r[1:] for r in con.execute(
            "select source_file, issue_kind, reason from marts.fct_ingest_issue").fetchall()}
        n_reports = con.execute("select count(*) from marts.dim_report").fetchone()[0]
        gbk = con.execute("select encoding, region, (select count(*) from marts.fct_task t where t.report_id = r.report_id) "
                          "from marts.dim_report r where source_file = 'longwan_gbk.txt'").fetchone()
        dup = con.execute("select source_files, n_files from marts.dim_report where source_file = '000_0b31169d8f16ae2d.txt'").fetchone()
        trad = con.execute("select count(*) from marts.fct_completion c join marts.dim_report r using (report_id) "
                           "where r.source_file = 'traditional_progress.txt' and c.stated_pct = 69.4").fetchone()[0]
    for name, st in expected.items():
        assert status[name] == st, name
    assert issues["empty.txt"] == ("rejected", "empty file")
    assert "binary" in issues["junk.bin"][1]
    assert "unknown kind" in issues["unknown_kind.txt"][1]
    assert issues["same_as_000.txt"][0] == "duplicate"
    assert issues["truncated_table.txt"][0] == "warning" and "cut off" in issues["truncated_table.txt"][1]
    assert gbk == ("gb18030", "瓯海区", 151)
    assert dup == ("000_0b31169d8f16ae2d.txt; same_as_000.txt", 2)
    assert trad == 1
    assert n_reports == 5 + 5   # seeds + gbk, bom_crlf, truncated, traditional, cell-per-line


def _marts(path: Path) -> dict:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: con.execute(f"select * from marts.{t} order by all").fetchall() for t in MARTS}


def test_rerun_gives_identical_marts_and_uses_the_parse_cache(built, tmp_path):
    first = _marts(built["warehouse"])
    env = dict(built["env"])
    result = run_pipeline(env)
    assert result.success
    assert _marts(env["WAREHOUSE_PATH"]) == first
    with duckdb.connect(str(env["WAREHOUSE_PATH"]), read_only=True) as con:
        assert con.execute("select bool_and(from_cache) from landing.report_files where status = 'loaded'").fetchone()[0]


def test_removed_file_leaves_the_warehouse_and_nothing_else_changes(tmp_path, built_copy):
    env = built_copy
    raw_copy = env["RAW_DIR"]
    before = _marts(env["WAREHOUSE_PATH"])
    gone = sha(raw_copy / "001_6943a8643e280105.txt")[:16]
    (raw_copy / "001_6943a8643e280105.txt").unlink()
    assert run_pipeline(env).success
    after = _marts(env["WAREHOUSE_PATH"])
    assert gone not in {r[0] for r in after["dim_report"]}
    for t in ("dim_report", "fct_task", "fct_measure", "fct_completion"):
        assert after[t] == [r for r in before[t] if gone not in r], t


READER = """
import sys, time, duckdb
import os
path, stop_file = sys.argv[1], sys.argv[2]
n = errors = 0
while not os.path.exists(stop_file):
    try:
        con = duckdb.connect(path, read_only=True)
        reports = con.execute("select count(*) from marts.dim_report").fetchone()[0]
        tasks = con.execute("select count(*) from marts.fct_task").fetchone()[0]
        con.close()
        assert reports == 5 and tasks > 0, (reports, tasks)
        n += 1
    except Exception as e:
        errors += 1
        print("ERROR", type(e).__name__, e, flush=True)
    time.sleep(0.02)
print("reads", n, "errors", errors)
"""


def _run_cli(env: dict) -> subprocess.Popen:
    e = {**os.environ, **{k: str(v) for k, v in env.items()}}
    e.pop("DAGSTER_HOME", None)
    return subprocess.Popen([sys.executable, "-m", "orchestration", "run"], cwd=ROOT, env=e,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_reader_during_two_concurrent_runs_sees_complete_warehouse(built, tmp_path):
    """A BI-style reader queries the published file in a loop while two pipeline runs (two
    processes, started at once) rebuild and publish it: no error, always a complete warehouse."""
    env = dict(built["env"])
    env["WORK_DIR"] = tmp_path / "work"
    env["CACHE_DIR"] = tmp_path / "cache"     # a cold cache: the runs really parse
    before = _marts(env["WAREHOUSE_PATH"])
    stop_file = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(env["WAREHOUSE_PATH"]), str(stop_file)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(1)
    runs = [_run_cli(env), _run_cli(env)]
    outs = [p.communicate(timeout=300)[0] for p in runs]
    stop_file.touch()
    out = reader.communicate(timeout=60)[0]
    for p, o in zip(runs, outs):
        assert p.returncode == 0, o[-3000:]
        assert "published:" in o
    assert "ERROR" not in out and "errors 0" in out, out[-2000:]
    assert int(out.split("reads ")[1].split()[0]) > 10, out
    assert not list((tmp_path / "work").glob("run-*.duckdb")), "each run removes its work file"
    assert _marts(env["WAREHOUSE_PATH"]) == before, "same input, same published content"


def test_unreadable_file_is_rejected_and_the_rest_load(tmp_path):
    from orchestration.landing import parse_raw_dir

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED0, raw / "ok.txt")
    (raw / "broken-link.txt").symlink_to(tmp_path / "nowhere.txt")
    result = parse_raw_dir(raw)
    status = {f.source_file: (f.status, f.reason) for f in result.files}
    assert status["ok.txt"][0] == "loaded"
    assert status["broken-link.txt"][0] == "rejected" and "cannot read" in status["broken-link.txt"][1]


def test_empty_raw_dir_does_not_replace_the_warehouse(tmp_path, built_copy):
    env = built_copy
    before = sha(env["WAREHOUSE_PATH"])
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_pipeline({**env, "RAW_DIR": empty})
    assert not result.success
    assert sha(env["WAREHOUSE_PATH"]) == before


PLAN_WITH_GAPS = """关于某某市2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告
一、2023年国民经济和社会发展计划执行情况 年初确定地区生产总值年度目标为增长6.5%。全市地区生产总值增长7.6%,高于目标1.0个百分点。年初计划目标为地区生产总值增长6.8%。一般公共预算收入20亿元,完成年初预算的150%,年初预算为10亿元。
二、2024年经济社会发展主要预期目标 地区生产总值增长6%左右。
"""


def test_quality_issues_from_a_report_with_gaps_and_a_wrong_rate(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "plan.txt").write_text(PLAN_WITH_GAPS, encoding="utf-8")
    env = make_env(tmp_path, raw)
    result = run_pipeline(env)
    assert result.success
    with duckdb.connect(str(env["WAREHOUSE_PATH"]), read_only=True) as con:
        rows = con.execute("select rule, stated_value, computed_value from marts.fct_quality_issue order by all").fetchall()
    assert ("implied_target_conflict", 6.5, 6.6) in rows and ("implied_target_conflict", 6.8, 6.6) in rows


def test_special_files_are_rejected_without_blocking(tmp_path):
    import os

    from orchestration.landing import parse_raw_dir

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED0, raw / "ok.txt")
    os.mkfifo(tmp_path / "fifo")
    (raw / "fifo.txt").symlink_to(tmp_path / "fifo")          # reading it would block forever
    (raw / "zero.txt").symlink_to("/dev/zero")                 # reading it would never end
    status = {f.source_file: (f.status, f.reason) for f in parse_raw_dir(raw).files}
    assert status["ok.txt"][0] == "loaded"
    assert status["fifo.txt"][0] == "rejected" and "not a regular file" in status["fifo.txt"][1]
    assert status["zero.txt"][0] == "rejected"
