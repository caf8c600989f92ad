"""The parse cache (orchestration/parse_cache.py): a warm landing equals a cold one, and a cache
that is damaged, in the way, or unwritable costs a parse, never the run or a row."""
import duckdb
import pytest

from orchestration.landing import parse_raw_dir, write_landing
from orchestration.parse_pool import Limits

SERIAL = Limits(workers=0)
TABLES = ("report_files", "reports", "tasks", "task_departments", "measures", "completions")


REPORT_A = ("某某县2023年重点工作进展情况\n序号 | 重点工作 | 牵头单位 | 进展情况 |\n"
            "1 | 新建幼儿园3所 | 县教育局 | 已建成2所，完成率66.7% |\n"
            "2 | 新增城镇就业800人 | 县人社局 | 已新增900人，完成年度任务的112.5% |\n")
REPORT_B = ("某某市2024年民生实事项目推进情况\n序号 | 项目 | 目标 | 完成情况 | 完成率 |\n"
            "1 | 改造老旧小区 | 20个 | 15个 | 75% |\n2 | 新增养老床位 | 300张 | 240张 | 80% |\n")


@pytest.fixture
def raw(tmp_path):
    """Two invented reports and a copy of the first (a duplicate)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (raw / "b.txt").write_text(REPORT_B, encoding="utf-8")
    (raw / "zz_copy.txt").write_text(REPORT_A, encoding="utf-8")
    return raw


def _landing(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: con.execute(f"select * exclude (from_cache) from landing.{t} order by all" if t == "report_files"
                               else f"select * from landing.{t} order by all").fetchall() for t in TABLES}


def _cache_file(cache):
    (path,) = cache.glob("parses-v*.duckdb")
    return path


def _land(raw, cache, db):
    result = parse_raw_dir(raw, cache, limits=SERIAL)
    write_landing(db, result)
    return result


def test_a_warm_landing_is_the_cold_one_read_from_the_cache(raw, tmp_path):
    cache = tmp_path / "cache"
    cold = _land(raw, cache, tmp_path / "cold.duckdb")
    warm = _land(raw, cache, tmp_path / "warm.duckdb")
    assert [f.from_cache for f in cold.files] == [False, False, False]
    assert [(f.status, f.from_cache) for f in warm.files] == [("loaded", True), ("loaded", True), ("duplicate", False)]
    assert not warm.reports, "nothing parsed on a warm run"
    assert [(f.report_id, f.n_tasks, f.n_measures, f.n_completions, f.encoding, f.warnings) for f in warm.files] == \
           [(f.report_id, f.n_tasks, f.n_measures, f.n_completions, f.encoding, f.warnings) for f in cold.files]
    assert _landing(tmp_path / "warm.duckdb") == _landing(tmp_path / "cold.duckdb")


def test_a_cached_report_takes_the_name_it_has_in_this_run(raw, tmp_path):
    cache = tmp_path / "cache"
    _land(raw, cache, tmp_path / "a.duckdb")
    first = raw / "b.txt"
    first.rename(raw / "renamed.txt")
    _land(raw, cache, tmp_path / "b.duckdb")
    with duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True) as con:
        names = {r[0] for r in con.execute("select source_file from landing.reports").fetchall()}
    assert "renamed.txt" in names and first.name not in names


@pytest.mark.parametrize("damage", ["flipped bytes", "truncated", "not a database", "a folder in its place"])
def test_a_damaged_cache_is_moved_aside_and_every_report_parsed_again(raw, tmp_path, damage):
    cache = tmp_path / "cache"
    _land(raw, cache, tmp_path / "cold.duckdb")
    path = _cache_file(cache)
    if damage == "flipped bytes":
        data = bytearray(path.read_bytes())
        for i in range(3 * 4096 + 64, len(data) - 64, 4096):          # inside every block past the headers
            data[i:i + 64] = bytes(64)
        path.write_bytes(bytes(data))
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "not a database":
        path.write_text("这不是数据库\n" * 100, encoding="utf-8")
    else:
        path.unlink()
        path.mkdir()
    again = _land(raw, cache, tmp_path / "again.duckdb")
    assert not any(f.from_cache for f in again.files)
    assert _landing(tmp_path / "again.duckdb") == _landing(tmp_path / "cold.duckdb")
    assert list(cache.glob("parses-v*.duckdb.damaged-*")), "the damaged cache is kept aside for a look"
    assert all(f.from_cache for f in _land(raw, cache, tmp_path / "warm.duckdb").files if f.status == "loaded")


def test_a_cache_damaged_after_the_lookup_costs_a_parse_not_a_row(raw, tmp_path):
    cache = tmp_path / "cache"
    _land(raw, cache, tmp_path / "cold.duckdb")
    result = parse_raw_dir(raw, cache, limits=SERIAL)
    assert all(f.from_cache for f in result.files if f.status == "loaded")
    _cache_file(cache).write_text("damaged between lookup and copy", encoding="utf-8")
    write_landing(tmp_path / "again.duckdb", result)
    assert _landing(tmp_path / "again.duckdb") == _landing(tmp_path / "cold.duckdb")


def test_a_cache_that_cannot_be_written_costs_the_next_run_a_parse(raw, tmp_path):
    cache = tmp_path / "cache"
    result = parse_raw_dir(raw, cache, limits=SERIAL)          # nothing cached yet
    path = _cache_file(cache)
    path.unlink()
    path.mkdir()                                                # the new parses cannot be stored
    write_landing(tmp_path / "a.duckdb", result)
    assert _landing(tmp_path / "a.duckdb")["reports"], "landing is complete all the same"
    assert not any(f.from_cache for f in _land(raw, cache, tmp_path / "b.duckdb").files)


def test_caches_of_other_parser_versions_are_deleted(raw, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "parses-vOLD.duckdb").write_bytes(b"old")
    (cache / "0b31169d8f16ae2d-vOLD.json").write_text("{}")      # the cache of before: a file per report
    _land(raw, cache, tmp_path / "a.duckdb")
    assert sorted(p.name for p in cache.iterdir() if not p.name.endswith(".lock")) == [_cache_file(cache).name]


def test_a_file_rewritten_while_the_cache_failed_is_rejected_alone(raw, tmp_path):
    """Damage found after the lookup means re-reading the cached files; one rewritten since it was
    hashed is rejected (its new content is the next run's), the others land as parsed."""
    cache = tmp_path / "cache"
    _land(raw, cache, tmp_path / "cold.duckdb")
    result = parse_raw_dir(raw, cache, limits=SERIAL)
    _cache_file(cache).write_text("damaged between lookup and copy", encoding="utf-8")
    (raw / "b.txt").write_text(REPORT_B.replace("300张", "400张"), encoding="utf-8")
    write_landing(tmp_path / "again.duckdb", result)
    status = {f.source_file: (f.status, f.reason) for f in result.files}
    assert status["b.txt"] == ("rejected", "cannot read the file: the file changed during the run")
    assert status["a.txt"][0] == "loaded" and status["zz_copy.txt"][0] == "duplicate"
    with duckdb.connect(str(tmp_path / "again.duckdb"), read_only=True) as con:
        assert con.execute("select source_file from landing.reports").fetchall() == [("a.txt",)]
