"""Where start-up time goes: `python -X importtime` of a command, run several times, summarised.

One `-X importtime` dump is noisy on a shared machine; this runs the command N times (after one uncounted run that
fills the bytecode cache) and keeps, for every module, the *smallest* cumulative and self time seen: the cost
without the interruptions. It prints the total (the sum of every module's self time: what all the imports cost),
the packages imported at top level with their cumulative times, and the heaviest modules by cumulative time.

    python benchmarks/importtime.py -c "import rectiplan.cli"
    python benchmarks/importtime.py -m rectiplan overdue --as-of 2021-09-01 --format json
    python benchmarks/importtime.py --runs 9 --top 25 -m rectiplan validate plans/2020_social_evaluation.yaml

Standard library only. Children run in an empty temporary folder with the environment of benchmarks/run.py
(NO_COLOR, no RECTIPLAN_PLAN, bytecode cached in a fresh PYTHONPYCACHEPREFIX).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)\s*$")
DISTORTING_ENV = ("RECTIPLAN_PLAN", "PYTHONPROFILEIMPORTTIME", "PYTHONDEVMODE", "PYTHONPATH", "FORCE_COLOR")


@dataclass
class Entry:
    name: str
    depth: int
    self_us: int
    cumulative_us: int


def parse(dump: str) -> list[Entry]:
    entries = []
    for line in dump.splitlines():
        match = LINE.match(line)
        if match:
            entries.append(Entry(match[4], len(match[3]) // 2, int(match[1]), int(match[2])))
    return entries


def run(argv: list[str], runs: int) -> list[list[Entry]]:
    with tempfile.TemporaryDirectory(prefix="rectiplan-importtime-") as temp:
        env = {key: value for key, value in os.environ.items() if key not in DISTORTING_ENV}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["NO_COLOR"] = "1"
        env["PYTHONPYCACHEPREFIX"] = str(Path(temp) / "pycache")
        cwd = Path(temp) / "cwd"
        cwd.mkdir()
        dumps = []
        for index in range(runs + 1):
            done = subprocess.run(
                [sys.executable, "-X", "importtime", *argv],
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
            if index:  # the first run fills the bytecode cache
                dumps.append(parse(done.stderr))
        return dumps


def summarise(dumps: list[list[Entry]], top: int) -> list[str]:
    best: dict[str, Entry] = {}
    for dump in dumps:
        for entry in dump:
            known = best.get(entry.name)
            if known is None:
                best[entry.name] = Entry(entry.name, entry.depth, entry.self_us, entry.cumulative_us)
            else:
                known.self_us = min(known.self_us, entry.self_us)
                known.cumulative_us = min(known.cumulative_us, entry.cumulative_us)
    totals = sorted(sum(entry.self_us for entry in dump) for dump in dumps)
    lines = [
        (
            f"modules imported: {len(best)}; total import time (sum of self), best {totals[0] / 1000:.1f} ms, "
            f"median {totals[len(totals) // 2] / 1000:.1f} ms over {len(dumps)} runs"
        ),
        "top-level imports (cumulative ms, best of the runs):",
    ]
    first_level = sorted((entry for entry in best.values() if entry.depth == 0), key=lambda e: -e.cumulative_us)
    lines += [
        f"  {entry.cumulative_us / 1000:7.1f}  {entry.name}" for entry in first_level if entry.cumulative_us >= 500
    ]
    lines.append(f"heaviest {top} modules by cumulative ms (best of the runs):")
    heaviest = sorted(best.values(), key=lambda e: -e.cumulative_us)[:top]
    lines += [f"  {entry.cumulative_us / 1000:7.1f}  {'  ' * entry.depth}{entry.name}" for entry in heaviest]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="counted runs (default 7)")
    parser.add_argument("--top", type=int, default=20, help="how many of the heaviest modules (default 20)")
    argv = sys.argv[1:] if argv is None else argv
    # Everything from the first -c or -m on is the command (argparse would read its options as ours).
    split = next((index for index, arg in enumerate(argv) if arg in ("-c", "-m")), len(argv))
    args = parser.parse_args(argv[:split])
    args.command = argv[split:]
    if not args.command:
        parser.error("give the command, e.g. -c 'import rectiplan.cli' or -m rectiplan overdue")
    print(f"$ python -X importtime {' '.join(args.command)}")
    print("\n".join(summarise(run(args.command, args.runs), args.top)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
