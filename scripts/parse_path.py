"""Which modules of orchestration.parsing a report's bytes pass through, in order.

    .venv/bin/python scripts/parse_path.py ../shared/seeds/000_0b31169d8f16ae2d.txt

Prints the modules parse_report enters, in the order first entered, and every module-to-module
call edge with its count: the parse path, used to show it before and after a refactor.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orchestration.parsing import report as report_mod  # noqa: E402

PREFIX = "orchestration.parsing."


def trace(data: bytes, name: str) -> tuple[list[str], dict[tuple[str, str], int]]:
    """(modules in the order first entered, {(caller module, callee module): calls})."""
    order: list[str] = []
    edges: dict[tuple[str, str], int] = {}

    def prof(frame, event, arg):
        if event != "call":
            return
        mod = frame.f_globals.get("__name__", "")
        if not mod.startswith(PREFIX):
            return
        callee = mod[len(PREFIX):]
        if callee not in order:
            order.append(callee)
        back = frame.f_back
        caller = back.f_globals.get("__name__", "") if back else ""
        if caller.startswith(PREFIX) and caller[len(PREFIX):] != callee:
            key = (caller[len(PREFIX):], callee)
            edges[key] = edges.get(key, 0) + 1

    sys.setprofile(prof)
    try:
        report_mod.parse_report(data, name)
    finally:
        sys.setprofile(None)
    return order, edges


def main(argv: list[str]) -> int:
    f = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_0b31169d8f16ae2d.txt"
    order, edges = trace(f.read_bytes(), f.name)
    print("modules in the order first entered:", " -> ".join(order))
    print(f"{len(edges)} module-to-module call edges:")
    for (a, b), n in sorted(edges.items()):
        print(f"  {a:18} -> {b:18} {n:7} calls")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
