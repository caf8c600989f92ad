"""Which kind of report a text is, where it comes from, the year its targets are for."""
from __future__ import annotations

import re
from collections import Counter


_PLACE = re.compile(r"(?=([\u4e00-\u9fff]{2})(区|县|市|旗)(?!长|委|级|场|域|民|直))")
# compound nouns that end in 区/县/市 but are not places
_GENERIC = set("""示范区 中心区 开发区 经开区 核心区 行政区 风景区 保护区 功能区 集聚区 试验区 先行区 引领区 合作区 产业区
工业区 商务区 旅游区 服务区 联合区 度假区 样板区 综试区 普惠区 承载区 集中区 拓展区 海经区 代表区
片区 园区 城区 社区 景区 辖区 新区 全区 本区 我区 该区 各区 市区 山区 郊区 校区
矿区 街区 老区 小区 分区 地区 库区 林区 垦区 省市 全市 本市 我市 该市 各市 城市 超市 夜市 上市 集市 股市 楼市 都市 县市 全县 本县
我县 该县 各县 市县 区县 县区""".split())


def _is_place(stem: str, suffix: str) -> bool:
    word = stem + suffix
    return not (word[-3:] in _GENERIC or word[-2:] in _GENERIC)


_TITLE_WORDS = re.compile(r"(政府工作报告|计划执行情况|计划草案|工作要点|工作计划|进展情况|完成情况|实施方案|通知|报告)")


def find_title(text: str) -> str | None:
    for line in text.split("\n")[:80]:
        s = re.sub(r"^\s*[\[【][^\]】]{1,6}[\]】]\s*", "", line).strip()
        if 6 <= len(s) <= 80 and _TITLE_WORDS.search(s) and "|" not in s and not s.startswith(("——", "各位")):
            return s
    return None


def find_region(text: str, title: str | None) -> str | None:
    """The issuing place: the most specific place in the title, else the most frequent place name."""
    def places(s):
        return [m.group(1) + m.group(2) for m in _PLACE.finditer(s) if _is_place(m.group(1), m.group(2))]

    sample = text[:60000]
    counts = Counter(places(sample))
    # 温州市洞头区: a place written right before another is the parent level, not the issuer
    for m in re.finditer(r"(?=([\u4e00-\u9fff]{2}市)[\u4e00-\u9fff]{2}[区县市])", sample):
        if m.group(1) in counts and len(counts) > 1:
            counts[m.group(1)] = 0
    # a prefecture city is mentioned often in its districts' reports: prefer a frequent district
    top = counts.most_common(2)
    if len(top) == 2 and top[0][0].endswith("市") and top[1][0][-1] in "区县" and top[1][1] * 2 >= top[0][1]:
        counts[top[0][0]] = 0
    in_title = places(title or "")
    if in_title:
        # 温州市洞头区: the lower level (later, and more frequent in the text) wins
        return max(reversed(in_title), key=lambda p: counts[p] + 1)
    return counts.most_common(1)[0][0] if counts else None


def classify(text: str, title: str | None, has_task_table: bool) -> str:
    """Kind of report, from the title and opening words first, then from its tables."""
    head = (title or "") + text[:3000]
    if re.search(r"政府工作报告", head):
        return "work_report"
    if re.search(r"计划执行情况|计划草案|国民经济和社会发展计划", head):
        return "plan_report"
    if re.search(r"工作要点|工作计划", head) and re.search(r"附件", text):
        return "work_plan"
    if has_task_table:
        return "task_progress"
    if re.search(r"工作要点", head):
        return "work_plan"
    return "other"


def find_year(text: str, title: str | None, kind: str) -> int | None:
    """The year the report's targets are for.

    Plan reports (2023 执行情况 与 2024 计划草案) set targets for the later year; the others for
    the year in the title, else the most frequent year in the text.
    """
    years = [int(y) for y in re.findall(r"(20[0-4]\d)\s*年", title or "")]
    if years:
        return max(years) if kind == "plan_report" else years[0]
    counts = Counter(int(y) for y in re.findall(r"(20[0-4]\d)\s*年", text[:100000]))
    return counts.most_common(1)[0][0] if counts else None


def report_period(texts: list[str]) -> str | None:
    """Most frequent normalised period across the progress texts (e.g. 1-6月)."""
    from .numbers import normalise_period

    c = Counter(p for p in (normalise_period(t) for t in texts if t) if p and p != "全年")
    return c.most_common(1)[0][0] if c else None
