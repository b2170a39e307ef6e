"""Benchmark of the xlsx and docx exports on a generated plan (1,000 items unless told), in one process.

Each export is timed against loading and validating the same plan in the same run (the baseline: what every
command pays before it writes anything), median of a few rounds; then one profiled run of each says which part
dominates (building cells, the library's XML serialization, the zip). Not run in CI; nothing here fails.

    python benchmarks/office.py [--items 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import plan_text

from rectiplan.exports import ExportData, exporter
from rectiplan.formats.interface import Row
from rectiplan.query import days_overdue, entries_of
from rectiplan.validate import load_plan

AS_OF = date(2021, 12, 1)


def timed(action: Callable[[], object], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(plan_text(args.items), encoding="utf-8")

        def load() -> ExportData:
            plan = load_plan(path).plan
            assert plan is not None
            plans = ((str(path), plan),)
            rows = tuple(Row(entry, days_overdue(entry.item, AS_OF), AS_OF) for entry in entries_of(plans))
            return ExportData(plans, rows, AS_OF, "zh")

        data = load()
        baseline = timed(load, args.rounds)
        print(f"{args.items} items; load and validate (baseline): {baseline:.2f} s")
        for name, with_progress in (("xlsx", False), ("docx", False), ("docx", True)):
            chosen = ExportData(data.plans, data.rows, data.as_of, data.lang, with_progress)
            size = 0

            def write(chosen: ExportData = chosen, name: str = name) -> None:
                nonlocal size
                buffer = io.BytesIO()
                exporter(name).write(chosen, buffer)
                size = len(buffer.getvalue())

            write()  # imports the library, outside the timing
            seconds = timed(write, args.rounds)
            label = name + (" --with-progress" if with_progress else "")
            print(f"{label}: {seconds:.2f} s ({seconds / baseline:.1f}x the baseline), {size / 1024:.0f} KB")
            profile = cProfile.Profile()
            profile.runcall(write)
            stream = io.StringIO()
            pstats.Stats(profile, stream=stream).sort_stats("tottime").print_stats(6)
            print("  most time in:")
            for line in stream.getvalue().splitlines():
                if line.strip() and line.strip()[0].isdigit() and "{" not in line[:5]:
                    print("   ", line.strip()[:150])


if __name__ == "__main__":
    main()
