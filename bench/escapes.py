"""Show what terminal output rewrites: `python -m bench.escapes FILE [FILE...]`.

Splits the bytes at each cursor move (CSI row;col H) and prints, per screen
position, how often it was written, how many bytes that took and the visible
text (colours and other escape sequences counted, not shown). Made for the idle-bytes rows:
a non-zero count says *what* is being redrawn.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

_TOKEN = re.compile(rb"\x1b\[(?P<csi>[0-9;?<>=$]*)(?P<final>[@-~])"  # CSI ... final
                    rb"|\x1b\](?P<osc>.*?)(?:\x07|\x1b\\)"  # OSC ... BEL/ST
                    rb"|\x1b(?P<esc>.)", re.S)


def regions(data: bytes) -> list[tuple[str, int, str]]:
    """(position "row;col", bytes, visible text) for each cursor move in `data`."""
    out: list[list] = [["start", 0, ""]]
    pos = 0
    for match in _TOKEN.finditer(data):
        out[-1][2] += data[pos:match.start()].decode(errors="replace")
        out[-1][1] += match.start() - pos
        if match["final"] == b"H":
            out.append([match["csi"].decode() or "1;1", 0, ""])
        out[-1][1] += match.end() - match.start()
        pos = match.end()
    out[-1][2] += data[pos:].decode(errors="replace")
    out[-1][1] += len(data) - pos
    return [(where, size, text) for where, size, text in out if size]


def sequences(data: bytes) -> Counter:
    """How often each kind of escape sequence occurs (SGR colours lumped together)."""
    kinds: Counter = Counter()
    for match in _TOKEN.finditer(data):
        if match["final"]:
            final = match["final"].decode()
            kinds["CSI … m (colours)" if final == "m" else
                  f"CSI {match['csi'].decode()} {final}" if final != "H" else "CSI row;col H"] += 1
        elif match["osc"] is not None:
            kinds[f"OSC {match['osc'][:12].decode(errors='replace')}"] += 1
        else:
            kinds[f"ESC {match['esc'].decode(errors='replace')}"] += 1
    return kinds


def describe(data: bytes) -> str:
    """A readable account of `data`."""
    lines = [f"{len(data):,} bytes"]
    writes: Counter = Counter()
    sizes: Counter = Counter()
    sample: dict[str, str] = {}
    for where, size, text in regions(data):
        writes[where] += 1
        sizes[where] += size
        sample.setdefault(where, text.strip())
    for where, size in sizes.most_common():
        lines.append(f"  row;col {where:>7}: {writes[where]:4} writes, {size:6,} B  "
                     f"{sample[where][:48]!r}")
    for kind, count in sequences(data).most_common():
        lines.append(f"  {count:6,} × {kind}")
    return "\n".join(lines)


if __name__ == "__main__":
    for name in sys.argv[1:] or sorted(map(str, Path(".bench-cache").glob("idle_*.bin"))):
        print(f"{name}: {describe(Path(name).read_bytes())}")
