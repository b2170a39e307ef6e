"""Benchmark of `rectiplan import`: a 1,000-row table as .xlsx, .docx and .csv, each against baselines measured in
the same run: `rectiplan validate` of the plan the import writes (the least a command that loads such a plan
costs), and a bare read of the same file by its library (openpyxl read-only, python-docx, csv).

Every measurement is a fresh subprocess, variants interleaved, the median of --repeat runs. Needs rectiplan
installed (with openpyxl and python-docx). Not run in CI; nothing fails on a slow result.

    python benchmarks/import_bench.py            # 1,000 rows, 5 runs each
    python benchmarks/import_bench.py --rows 5000 --repeat 3
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import DIVISIONS, PEOPLE, PHRASES, TOPICS

HEADER = ["序号", "主题", "整改内容", "整改措施", "整改检验形式", "计划完成时间", "责任处室", "责任人"]


def rows(count: int, seed: int = 2020) -> list[list[object]]:
    rng = random.Random(seed)
    start = date(2021, 1, 1)
    table: list[list[object]] = [HEADER]
    for number in range(1, count + 1):
        measures = "\n".join(f"{n}.{rng.choice(PHRASES)}；" for n in range(1, rng.randint(2, 4)))
        table.append(
            [
                str(number),
                rng.choice(TOPICS),
                f"第{number}项：{rng.choice(PHRASES)}。",
                measures,
                "培训通知、培训签到表、培训图片",
                start + timedelta(days=rng.randint(0, 700)),
                "、".join(rng.sample(DIVISIONS, rng.randint(1, 3))),
                rng.choice(PEOPLE),
            ]
        )
    return table


def write_all(folder: Path, count: int) -> dict[str, Path]:
    import docx
    import openpyxl

    table = rows(count)
    paths = {kind: folder / f"table.{kind}" for kind in ("xlsx", "docx", "csv")}
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in table:
        sheet.append(row)
    workbook.save(paths["xlsx"])
    document = docx.Document()
    document.add_paragraph("附件")
    document.add_paragraph(f"基准测试整改方案（{count} 项）")
    word_table = document.add_table(rows=0, cols=len(HEADER))
    for row in table:
        # add_row().cells, not table.cell(r, c): that one walks the whole table each time.
        for cell, value in zip(word_table.add_row().cells, row):
            cell.text = value.isoformat() if isinstance(value, date) else str(value)
    document.save(str(paths["docx"]))
    with open(paths["csv"], "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for row in table:
            writer.writerow([value.isoformat() if isinstance(value, date) else value for value in row])
    return paths


BARE_READ = {
    "xlsx": "import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1], read_only=True); "
    "[r for r in wb.worksheets[0].iter_rows(values_only=True)]",
    "docx": "import docx,sys; d=docx.Document(sys.argv[1]); [[c.text for c in r.cells] for t in d.tables for r in t.rows]",
    "csv": "import csv,sys; list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))",
}


def timed(command: list[str]) -> float:
    began = time.perf_counter()
    finished = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - began
    if finished.returncode not in (0, 1):
        raise SystemExit(f"{command} exited {finished.returncode}: {finished.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="rectiplan-import-bench-") as name:
        folder = Path(name)
        paths = write_all(folder, args.rows)
        plan = folder / "plan.yaml"
        subprocess.run(
            [python, "-m", "rectiplan", "import", str(paths["csv"]), "-o", str(plan)], capture_output=True, check=False
        )
        variants = {f"import {kind}": [python, "-m", "rectiplan", "import", str(path)] for kind, path in paths.items()}
        variants |= {f"bare read {kind}": [python, "-c", BARE_READ[kind], str(path)] for kind, path in paths.items()}
        variants["validate the imported plan"] = [python, "-m", "rectiplan", "validate", str(plan)]
        samples: dict[str, list[float]] = {name: [] for name in variants}
        for round_number in range(args.repeat):
            order = list(variants)
            order = order[round_number % len(order) :] + order[: round_number % len(order)]
            for variant in order:
                samples[variant].append(timed(variants[variant]))
        medians = {name: statistics.median(values) for name, values in samples.items()}
        validate = medians["validate the imported plan"]
        print(f"{args.rows} rows, median of {args.repeat} runs")
        print(f"{'variant':32} {'seconds':>8} {'/ validate':>11} {'/ bare read':>12}")
        for variant, seconds in medians.items():
            kind = variant.rsplit(" ", 1)[-1]
            bare = medians.get(f"bare read {kind}") if variant.startswith("import") else None
            ratio = f"{seconds / bare:12.2f}" if bare else f"{'':12}"
            print(f"{variant:32} {seconds:8.2f} {seconds / validate:11.2f} {ratio}")


if __name__ == "__main__":
    main()
