"""Hostile inputs: each ends with the run finished, the good reports loaded and the published file
readable. Files are generated here; most cases exercise landing and publishing directly (a full
pipeline run costs ~30 s), one runs the pipeline end to end.

The README's reliability table lists every case with what the user sees."""
import io
import os
import shutil
import struct
import subprocess
import sys
import time
import zipfile
import zlib

import duckdb
import pytest

from orchestration.landing import parse_raw_dir, write_landing
from orchestration.parse_pool import Limits
from orchestration.publish import PublishBlocked, publish
from tests.conftest import ROOT
from tests.integration.conftest import run_pipeline, sha
from tests.unit.test_formats import CONTENT_TYPES, RELS

pytestmark = pytest.mark.slow
SEED0 = ROOT / "raw" / "000_0b31169d8f16ae2d.txt"
ODD_NAMES = ["with space.txt", "quote'd \"name\".txt", "new\nline.txt", "'; drop table landing.reports; --.txt",
             "报告 （全角）.txt"]


def _docx_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document><w:body>" + b"<w:p/>" * 5_000_000 + b"</w:body></w:document>")
    return buf.getvalue()


def _zip(members: dict[str, bytes | list[bytes]]) -> bytes:
    """A zip of these members (a list is written chunk by chunk: a bomb never sits in memory whole)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, content in members.items():
            with z.open(name, "w") as f:
                for chunk in ([content] if isinstance(content, bytes) else content):
                    f.write(chunk)
    return buf.getvalue()


DOC_XML = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def _zip_bomb() -> bytes:
    """110 MB of spaces in 110 KB: over MAX_DOCX_UNCOMPRESSED_MB (100)."""
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": DOC_XML + b"<w:p/></w:body></w:document>",
                 "word/media/pad.bin": [b" " * 2**20] * 110})


def _lying_zip() -> bytes:
    """A DOCX whose headers declare 1 KB for a document.xml that inflates to 20 MB: the declared size
    passes the limit, the inflated bytes never exceed it (zipfile stops at the declared size)."""
    data = bytearray(_zip({"[Content_Types].xml": b"<Types/>",
                           "word/document.xml": [DOC_XML] + [b" " * 2**20] * 20 + [b"</w:body></w:document>"]}))
    name = b"word/document.xml"
    local = data.find(name)                    # in the local header (30 bytes after its start) ...
    central = data.find(name, local + 1)       # ... and in the central directory (46 bytes after)
    struct.pack_into("<I", data, local - 30 + 22, 1024)
    struct.pack_into("<I", data, central - 46 + 24, 1024)
    return bytes(data)


def _billion_laughs() -> bytes:
    """A DOCX whose document.xml defines entities that expand to 10^9 "lol"s."""
    ents = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    doc = (f'<?xml version="1.0"?><!DOCTYPE lolz [{ents}]>'.encode() + DOC_XML
           + "<w:p><w:r><w:t>区&lol9;</w:t></w:r></w:p></w:body></w:document>".encode())
    return _zip({"[Content_Types].xml": CONTENT_TYPES.encode(), "_rels/.rels": RELS.encode(), "word/document.xml": doc})


INJECTION = "{{ run_query('drop table marts.dim_report') }} {% do adapter.drop_schema('marts') %} '); drop table landing.reports; --"


def _pdf_stream_bomb() -> bytes:
    """A one-page PDF whose content stream inflates to 300 MB (1.4 MB on disk)."""
    c = zlib.compressobj(1)
    body = b"".join(c.compress(b" " * 2**20) for _ in range(300)) + c.flush()
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
            b"4 0 obj << /Length " + str(len(body)).encode() + b" /Filter /FlateDecode >>\nstream\n" + body
            + b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


@pytest.fixture(scope="module")
def hostile_raw(tmp_path_factory):
    raw = tmp_path_factory.mktemp("hostile") / "raw"
    raw.mkdir()
    seed = SEED0.read_bytes()
    shutil.copy(SEED0, raw / "good.txt")
    with open(raw / "huge_200MB.txt", "wb") as f:          # sparse: 200 MB on paper, nothing on disk
        f.truncate(200_000_000)
    line = "全区地区生产总值增长6.5%，" * (50 * 2**20 // 42)
    (raw / "one_line_50MB.txt").write_text(line, encoding="utf-8")
    for i, name in enumerate(ODD_NAMES):
        (raw / name).write_bytes(seed + f"\n附：第{i}份\n".encode())    # distinct content, same report
    deep = raw.joinpath(*[f"d{i}" for i in range(60)])
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_bytes(seed + b"\n")
    i = seed.index("一".encode(), len(seed) // 2)
    (raw / "nul_byte.txt").write_bytes(seed[:i] + b"\x00" + seed[i:] + b" ")
    (raw / "bad_utf8.txt").write_bytes(seed[:i] + b"\xff\xfe\xfd" + seed[i:] + b"  ")
    (raw / "bomb.docx").write_bytes(_docx_bomb())
    (raw / "zip_bomb.docx").write_bytes(_zip_bomb())
    (raw / "lying_zip.docx").write_bytes(_lying_zip())
    runs = DOC_XML + b"<w:p>" + "<w:r><w:t>区</w:t></w:r>".encode() * 1_000_000 + b"</w:p></w:body></w:document>"
    (raw / "million_runs.docx").write_bytes(_zip({"[Content_Types].xml": CONTENT_TYPES.encode(),
                                                  "_rels/.rels": RELS.encode(), "word/document.xml": runs}))
    (raw / "tag_flood.html").write_bytes(b"<html><body>" + "<p>区</p>".encode() * 300_000 + b"</body></html>")
    (raw / "stream_bomb.pdf").write_bytes(_pdf_stream_bomb())
    (raw / "laughs.docx").write_bytes(_billion_laughs())
    (raw / "injection_in_cells.txt").write_bytes(seed.replace("区发改局".encode(), INJECTION.encode(), 1)
                                                 if "区发改局".encode() in seed else seed + f"\n{INJECTION}\n".encode())
    utf16 = seed.decode("utf-8").encode("utf-16")
    j = len(utf16) // 2 & ~1
    (raw / "utf16_damaged.txt").write_bytes(utf16[:j] + b"\x00\xd8" + utf16[j:])     # a lone surrogate
    noise = os.urandom(100_000).replace(b"\x00", b"\x01")
    (raw / "mostly_binary.txt").write_bytes(seed[:3000] + noise)                  # a readable head, then junk
    (raw / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n" + os.urandom(2000))
    (raw / "loop").symlink_to(raw / "loop")                # a symlink loop
    (raw / "dir_loop").symlink_to(raw)                     # a folder linking to its parent
    return raw


@pytest.fixture(scope="module")
def hostile_result(hostile_raw):
    t0 = time.monotonic()
    result = parse_raw_dir(hostile_raw, None, limits=Limits(workers=1, timeout_s=10, memory_mb=2048))
    return result, time.monotonic() - t0


def test_every_hostile_file_ends_loaded_or_rejected_with_its_reason(hostile_result):
    result, seconds = hostile_result
    status = {f.source_file: (f.status, f.reason or "", f.warnings or "") for f in result.files}
    assert status["good.txt"][0] == "loaded"
    assert status["huge_200MB.txt"][0] == "rejected" and "PARSE_MAX_FILE_MB" in status["huge_200MB.txt"][1]
    # a 50 MB line is parsed within the time limit or rejected by it: never a hang
    assert status["one_line_50MB.txt"][0] in ("loaded", "rejected")
    if status["one_line_50MB.txt"][0] == "rejected":
        assert "time limit" in status["one_line_50MB.txt"][1] or "memory" in status["one_line_50MB.txt"][1]
    for name in ODD_NAMES:
        assert status[name][0] == "loaded", name
    assert status["/".join(f"d{i}" for i in range(60)) + "/deep.txt"][0] == "loaded"
    assert status["nul_byte.txt"][0] == "loaded" and "NUL" in status["nul_byte.txt"][2]
    assert status["bad_utf8.txt"][0] == "loaded" and "undecodable" in status["bad_utf8.txt"][2]
    assert status["bomb.docx"][0] == "rejected" and "MAX_DOCX_ELEMENTS" in status["bomb.docx"][1]
    assert status["broken.pdf"][0] == "rejected" and "PDF" in status["broken.pdf"][1]
    assert status["zip_bomb.docx"][0] == "rejected" and "MAX_DOCX_UNCOMPRESSED_MB" in status["zip_bomb.docx"][1]
    assert status["lying_zip.docx"][0] == "rejected" and "unreadable DOCX" in status["lying_zip.docx"][1]
    assert status["million_runs.docx"][0] == "rejected" and "MAX_DOCX_XML_ELEMENTS" in status["million_runs.docx"][1]
    assert status["tag_flood.html"][0] == "rejected" and "MAX_HTML_ELEMENTS" in status["tag_flood.html"][1]
    assert status["stream_bomb.pdf"][0] == "rejected" and "MAX_PDF_UNCOMPRESSED_MB" in status["stream_bomb.pdf"][1]
    assert status["utf16_damaged.txt"][0] == "loaded" and "undecodable" in status["utf16_damaged.txt"][2]
    assert status["mostly_binary.txt"][0] == "rejected", "a trace of bad bytes is forgiven, a binary file is not"
    assert status["laughs.docx"][0] == "rejected" and "unreadable DOCX" in status["laughs.docx"][1]
    assert status["injection_in_cells.txt"][0] == "loaded"
    timed_out = [n for n, (_, reason, _) in status.items() if "time limit" in reason]
    assert set(timed_out) <= {"one_line_50MB.txt"}, "every format limit answers before the time limit"
    assert not any(name.startswith("dir_loop/") for name in status), "a folder loop is not followed"
    assert seconds < 60


def test_odd_names_survive_the_trip_into_duckdb(hostile_result, tmp_path):
    result, _ = hostile_result
    db = tmp_path / "w.duckdb"
    write_landing(db, result)
    with duckdb.connect(str(db), read_only=True) as con:
        names = {r[0] for r in con.execute("select source_file from landing.report_files").fetchall()}
        assert con.execute("select count(*) from landing.reports").fetchone()[0] >= len(ODD_NAMES)
    assert set(ODD_NAMES) <= names
    with duckdb.connect(str(db), read_only=True) as con:      # SQL and Jinja in a report are data, kept verbatim
        (text,) = con.execute("select raw_text from landing.reports where source_file = 'injection_in_cells.txt'").fetchone()
    assert INJECTION in text


def test_nul_and_bad_bytes_cost_only_those_bytes(hostile_result):
    result, _ = hostile_result
    by_name = {r.report.source_file: r for r in result.reports}
    good = by_name["good.txt"]
    for name in ("nul_byte.txt", "bad_utf8.txt", "utf16_damaged.txt"):
        r = by_name[name]
        assert r.report.encoding == ("utf-16" if name.startswith("utf16") else "utf-8")
        assert len(r.tasks) == len(good.tasks) and len(r.measures) == len(good.measures), name


HOLD_RW = """
import os, sys, duckdb
con = duckdb.connect(sys.argv[1])                     # read-write, as a careless BI tool would
con.execute("create table main.bi_scratch as select range as i from range(100000)")
print("holding", flush=True)
sys.stdin.readline()
os._exit(9)                                           # crash: no checkpoint, the log stays behind
"""


def test_a_bi_tool_writing_to_the_published_file_blocks_publishing_plainly(built, tmp_path):
    """A BI client holding a read-write DuckDB connection on the published file at publish time.

    Decision (orchestration/publish.py): do not publish, say so. DuckDB keeps its write-ahead log
    beside the file by name, so renaming a new file over one held for writing would pair the new
    file with the old file's log ("WAL does not match database file") - the bug of issue 14.
    Publishing "beside it" under another name would leave BI tools reading a path that is no longer
    the warehouse. So publish() raises PublishBlocked (one sentence: who holds it, that the last good
    file stays, where the validated new one is kept, what to do); the run fails, `make run` prints
    "NOT published" and that sentence and exits 1. When the writer has gone (crashed, its log left
    behind) the next publish moves the orphaned log aside before the rename: the published path
    never meets a log that is not its own."""
    published = tmp_path / "published" / "warehouse.duckdb"
    published.parent.mkdir()
    shutil.copy(built["warehouse"], published)
    work = tmp_path / "run-x.duckdb"
    shutil.copy(built["warehouse"], work)
    before = sha(published)
    bi = subprocess.Popen([sys.executable, "-c", HOLD_RW, str(published)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True)
    try:
        assert bi.stdout.readline().strip() == "holding"
        with pytest.raises(PublishBlocked, match="open for writing by another program"):
            publish(work, published)
        assert sha(published) == before and work.exists(), "last good file kept, the new one kept in WORK_DIR"
    finally:
        bi.communicate("go\n", timeout=30)        # the BI tool crashes, leaving its log beside the file
    assert published.with_name("warehouse.duckdb.wal").exists()
    publish(work, published)                       # the next run: the orphaned log is moved aside
    assert not published.with_name("warehouse.duckdb.wal").exists()
    assert list(published.parent.glob("warehouse.duckdb.wal.orphaned-*"))
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select count(*) from marts.dim_report").fetchone()[0] == 5


def test_a_truncated_published_warehouse_is_replaced_by_the_next_run(built_copy):
    env = built_copy
    published = env["WAREHOUSE_PATH"]
    with open(published, "r+b") as f:
        f.truncate(published.stat().st_size // 3)
    result = run_pipeline(env)
    assert result.success
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select count(*) from marts.dim_report").fetchone()[0] == 5
        assert con.execute("select count(*) from marts.meta_run").fetchone()[0] == 1, "history starts again"


def test_a_cache_of_the_wrong_type_costs_a_re_parse_not_the_run(tmp_path):
    from orchestration.parsing.report import PARSER_VERSION

    raw, cache = tmp_path / "raw", tmp_path / "cache"
    raw.mkdir()
    shutil.copy(SEED0, raw / "good.txt")
    (cache / f"parses-v{PARSER_VERSION}.duckdb").mkdir(parents=True)     # a folder where the cache file goes
    result = parse_raw_dir(raw, cache, limits=Limits(workers=0))
    assert [f.status for f in result.files] == ["loaded"] and not result.files[0].from_cache
    write_landing(tmp_path / "w.duckdb", result)                         # a new cache keeps the parse
    assert parse_raw_dir(raw, cache, limits=Limits(workers=0)).files[0].from_cache


def test_a_path_longer_than_path_max_is_rejected_and_the_rest_load(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED0, raw / "good.txt")
    fd, length = os.open(raw, os.O_RDONLY), len(str(raw))
    while length < 4300:                                  # PATH_MAX is 4096 on Linux: built relative to a dir fd
        os.mkdir("长" * 60, dir_fd=fd)
        nxt = os.open("长" * 60, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd, length = nxt, length + 1 + len(("长" * 60).encode())
    f = os.open("deep.txt", os.O_CREAT | os.O_WRONLY, dir_fd=fd)
    os.write(f, SEED0.read_bytes() + b"\n")
    os.close(f)
    os.close(fd)
    result = parse_raw_dir(raw, None, limits=Limits(workers=0))
    status = {f.source_file: (f.status, f.reason) for f in result.files}
    assert status["good.txt"][0] == "loaded"
    too_long = [v for k, v in status.items() if k != "good.txt"]
    assert too_long and all(st == "rejected" and reason for st, reason in too_long), status


def test_five_thousand_tiny_files_all_end_in_landing(tmp_path):
    """5,000 files (50 distinct tiny reports, each under 100 names): every one a row, none lost."""
    raw = tmp_path / "raw"
    for i in range(5000):
        d = raw / f"batch{i // 500}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"r{i}.txt").write_text(f"某某区2023年重点工作进展情况\n全区新增就业{1000 + i % 50}人。\n", encoding="utf-8")
    t0 = time.monotonic()
    result = parse_raw_dir(raw, None, limits=Limits(workers=0))
    assert len(result.files) == 5000 and len(result.reports) == 50
    assert result.count("loaded") == 50 and result.count("duplicate") == 4950
    counts = write_landing(tmp_path / "w.duckdb", result)
    assert counts["report_files"] == 5000 and counts["reports"] == 50
    assert time.monotonic() - t0 < 60


def _fstat_changing_on(path, times: int):
    """os.fstat that reports `path` as modified on the first `times` reads (a writer at work)."""
    real = os.fstat
    target = os.stat(path).st_ino
    state = {"calls": 0}

    def fstat(fd):
        st = real(fd)
        if st.st_ino == target:
            state["calls"] += 1
            if state["calls"] <= 2 * times and state["calls"] % 2 == 0:    # the "after" of a read
                fields = list(st)
                fields[8] += 1                                           # st_mtime: touched meanwhile
                return os.stat_result(fields + [st.st_atime_ns, st.st_mtime_ns + 10**9, st.st_ctime_ns])
        return st
    return fstat


@pytest.mark.parametrize("changes,expected", [(1, "loaded"), (3, "rejected")])
def test_a_file_written_while_being_read_is_read_again_or_rejected(tmp_path, monkeypatch, changes, expected):
    """A file modified during its read is read again (up to 3 times); one that never holds still is
    rejected as changed while reading, never loaded half-written."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED0, raw / "good.txt")
    shutil.copy(SEED0, raw / "being_written.txt")
    with open(raw / "being_written.txt", "ab") as f:
        f.write(b"\n")
    monkeypatch.setattr(os, "fstat", _fstat_changing_on(raw / "being_written.txt", changes))
    result = parse_raw_dir(raw, None, limits=Limits(workers=0))
    monkeypatch.undo()
    status = {f.source_file: (f.status, f.reason) for f in result.files}
    assert status["good.txt"][0] == "loaded"
    assert status["being_written.txt"][0] == expected, status
    if expected == "rejected":
        assert "changed while being read" in status["being_written.txt"][1]


def test_a_file_growing_past_the_size_limit_while_read_is_cut_off_and_rejected(tmp_path, monkeypatch):
    """Checked at the open it was small; by the read it is over PARSE_MAX_FILE_MB: at most the limit
    is read (memory stays bounded) and the file is rejected."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED0, raw / "good.txt")
    (raw / "growing.txt").write_bytes(b"x" * (3 * 2**20))
    real, target = os.fstat, os.stat(raw / "growing.txt").st_ino

    def fstat(fd):                      # the size as it was when the file was opened
        st = real(fd)
        return os.stat_result([*list(st)[:6], 100, *list(st)[7:]]) if st.st_ino == target else st
    monkeypatch.setattr(os, "fstat", fstat)
    result = parse_raw_dir(raw, None, limits=Limits(workers=0, max_file_mb=1))
    monkeypatch.undo()
    status = {f.source_file: (f.status, f.reason) for f in result.files}
    assert status["good.txt"][0] == "loaded"
    assert status["growing.txt"][0] == "rejected" and "grew over the limit" in status["growing.txt"][1]
