"""`python -m bench`: run the benchmark rows and print one table.

    python -m bench                       # every row, the Markdown table
    python -m bench --json                # the same rows as JSON
    python -m bench --only first_paint,idle --runs 7
    python -m bench --list                # row ids, titles, targets
"""

from __future__ import annotations

import argparse
import sys

from bench import core, rows
from bench.paths import use_sources
from bench.report import as_json, table
from bench.runner import Context, run_row


def _select(spec: str | None) -> list[core.Row]:
    all_rows = core.registered()
    if not spec:
        return all_rows
    names = [n.strip() for n in spec.split(",") if n.strip()]
    chosen = [r for r in all_rows if any(r.id == n or r.id.startswith(n) for n in names)]
    unknown = [n for n in names if not any(r.id.startswith(n) for r in all_rows)]
    if unknown:
        raise SystemExit(f"bench: no row matches {', '.join(unknown)}; see --list")
    return chosen


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the chosen rows, print the table or JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--only", metavar="NAME[,NAME]",
                        help="rows whose id is or starts with NAME")
    parser.add_argument("--runs", type=int, metavar="N",
                        help="measured runs per row (default: the row's, at least 5)")
    parser.add_argument("--list", action="store_true", help="list row ids and exit")
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    use_sources()
    rows.load()
    selected = _select(args.only)
    if args.list:
        width = max(len(row.id) for row in selected)
        for row in selected:
            print(f"{row.id:{width}}  {row.target_text:16} {row.title}")
        return 0
    ctx = Context()
    results = [run_row(row, ctx, args.runs) for row in selected]
    print(as_json(results) if args.json else table(results))
    return 1 if any(r.status == "error" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
