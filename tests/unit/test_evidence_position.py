"""Every figure says where its evidence is: raw_text[evidence_pos - 1:][:len(evidence)] == evidence
(1-based, as SQL's substr), so the provenance check compares one substring instead of searching."""
from pathlib import Path

import pytest

from orchestration.parsing.report import parse_report
from tests.conftest import SEEDS

PRACTICE = Path(SEEDS).parent / "practice" / "docs"
FILES = [p for p in sorted(Path(SEEDS).glob("*")) + sorted(PRACTICE.glob("*")) if p.suffix != ".md"]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_each_evidence_is_at_its_position_in_the_raw_text(path):
    parsed = parse_report(path.read_bytes(), path.name)
    raw = parsed.report.raw_text
    records = parsed.measures + parsed.completions
    assert records
    for r in records:
        assert r.evidence_pos is not None and raw[r.evidence_pos - 1:r.evidence_pos - 1 + len(r.evidence)] == r.evidence


def test_positions_count_characters_around_pinyin_and_wrapped_cells():
    text = ("某某县2023年重点工作进展情况\n序号 | 重点工作 | 进展情况 |\n"
            "1 | 新增(xīn zēng)就业(jiù yè)岗位(gǎng wèi)500个(gè) | 已新增\n600个，完成率120% |\n")
    parsed = parse_report(text.encode(), "invented.txt")
    raw = parsed.report.raw_text
    assert parsed.completions
    for r in parsed.measures + parsed.completions:
        assert raw[r.evidence_pos - 1:r.evidence_pos - 1 + len(r.evidence)] == r.evidence
