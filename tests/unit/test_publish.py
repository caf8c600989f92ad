"""Publishing (orchestration/publish.py): a rename of the work file when it is already in the
storage version BI tools read, else a copy into that version; either way an atomic replace."""
import os
import subprocess
import sys

import duckdb

from orchestration.publish import _storage_version, publish
from orchestration.settings import READER_STORAGE_VERSION


def _work_file(path, **config):
    with duckdb.connect(str(path), config=config) as con:
        con.execute("create schema marts")
        con.execute("create table marts.dim_report (report_id varchar primary key, title varchar)")
        con.execute("insert into marts.dim_report values ('r1', '某某区政府工作报告')")
        con.execute("comment on table marts.dim_report is 'one row per report'")
    return path


def _content(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return (con.execute("select * from marts.dim_report").fetchall(),
                con.execute("select comment from duckdb_tables() where table_name = 'dim_report'").fetchone()[0])


def test_a_work_file_in_the_readers_version_is_published_by_a_rename(tmp_path):
    work = _work_file(tmp_path / "run-a.duckdb", storage_compatibility_version=READER_STORAGE_VERSION)
    inode = os.stat(work).st_ino
    published = publish(work, tmp_path / "pub" / "warehouse.duckdb")
    assert not work.exists() and os.stat(published).st_ino == inode, "renamed, not copied"
    assert _content(published) == ([("r1", "某某区政府工作报告")], "one row per report")
    assert oct(os.stat(published).st_mode & 0o777) == oct(0o666 & ~_umask())


def test_a_work_file_in_a_newer_version_is_copied_into_the_readers_version(tmp_path):
    work = _work_file(tmp_path / "run-b.duckdb")
    assert _storage_version(work) != READER_STORAGE_VERSION
    published = publish(work, tmp_path / "pub" / "warehouse.duckdb")
    assert _storage_version(published) == READER_STORAGE_VERSION
    assert _content(published) == ([("r1", "某某区政府工作报告")], "one row per report")


def test_a_log_left_beside_the_work_file_is_folded_in_before_the_rename(tmp_path):
    work = _work_file(tmp_path / "run-c.duckdb", storage_compatibility_version=READER_STORAGE_VERSION)
    writer = ("import duckdb, os, sys; con = duckdb.connect(sys.argv[1]); con.execute(\"set checkpoint_threshold = '1GB'\"); "
              "con.execute(\"insert into marts.dim_report values ('r2', '某某县政府工作报告')\"); os._exit(0)")
    subprocess.run([sys.executable, "-c", writer, str(work)], check=True)    # dies with its row in the log only
    assert os.path.exists(f"{work}.wal")
    published = publish(work, tmp_path / "pub" / "warehouse.duckdb")
    assert not os.path.exists(f"{work}.wal") and not os.path.exists(f"{published}.wal")
    assert len(_content(published)[0]) == 2


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask
