"""Benchmarks for rectiplan: start-up and validation time and memory, each as a ratio to a baseline measured in the
same run (shared machines are too noisy for absolute numbers to mean much).

1. Start-up: `rectiplan overdue` on the bundled plan (table and json) and `rectiplan validate` of it against the
   typer app floor (the five runtime imports and a two-command Typer app that runs one empty command, a script
   written in the same run); the bare `python -c "import typer, yaml, pydantic, rich, dateutil"` for context.
2. Validate: `rectiplan validate` on generated 10k- and 100k-item plans against a bare libyaml parse
   (`yaml.load(..., Loader=yaml.CSafeLoader)`): wall time, CPU time, peak memory, linearity in size.
3. Summary: `rectiplan summary --format json` (by division and by month) on the generated 10k-item plan against
   `list --format json` and `validate` on the same file: what counting adds to loading the plan.
4. Table against JSON: `rectiplan list` on generated 1k- and 10k-item plans (every item a row), as a table at 100
   columns against `--format json`, the same command's machine output: the cost of laying the table out.
5. Edit: `rectiplan note` (a progress entry written into the file) on a copy of the 10k-item plan, against
   `rectiplan validate` of the same copy.
6. Scale of one construct: `rectiplan validate` on files that are one long mapping of unknown keys, one mapping
   whose keys all come twice, and one long flow sequence, each at n, 2n and 4n entries, against the bare parse
   of the same file: time and peak memory must double when n doubles (linear), never quadruple.
7. Completion: a shell's `--division` completion (bash protocol) on a generated 1,000-item plan, end to end (the
   process start included), against `python -c pass`, the interpreter's floor: the target is absolute, < 500 ms.
8. Export: `rectiplan export --format F -o FILE` of a generated 1,000-item plan to each registered format (xlsx,
   docx, ics, md, csv, json; a format not registered yet is skipped, and the report says so) against
   `list --format json` of the same plan: what writing each file costs beyond reading the plan.

Every measurement is a fresh subprocess, timed from spawn to exit; its CPU time and peak RSS come from os.wait4,
which reports on that one child. Variants are interleaved (A B A B ...), with the order rotated each round.
Progress goes to stderr, the results table to stdout. Standard library only. Not run in CI; nothing here fails
on a slow result: the exit status is non-zero only when a measured command did not do its job.

    python benchmarks/run.py                 # full run (a few minutes)
    python benchmarks/run.py --quick         # smoke run: 10k plan only, fewer repeats
    python benchmarks/run.py --json out.json # also save every raw sample
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GENERATE = HERE / "generate.py"
DEFAULT_OUT = HERE / "out"
BUNDLED_NAME = "2020_social_evaluation.yaml"

IMPORT_FLOOR = "import typer, yaml, pydantic, rich, dateutil"
# The least a Typer command line costs: the same imports, and a two-command app that runs one command. Typer 0.2x
# builds a pydantic TypeAdapter for every option when it runs a command, so this is well above the import floor.
# Written as a script into the run's temporary folder (app_floor.py), so it can be run by hand as it was measured.
APP_FLOOR = (
    IMPORT_FLOOR
    + "\napp = typer.Typer()\n"
    + "@app.command()\ndef a(x: str = 'x', y: list[str] | None = None, z: bool = False) -> None: pass\n"
    + "@app.command()\ndef b() -> None: pass\n"
    + "app(['a', '--x', 'v'])\n"
)
# The least any implementation of `overdue --format json` can cost on top of that: the same Typer app, then the
# work no start-up trick removes: build the plan's six Pydantic models (the schema the product validates with),
# parse the plan with libyaml, validate it, write the items as JSON. Nothing of rectiplan's own reading (located
# problems, discovery, dates, filters) and no command line. A command's ratio to it is what rectiplan itself adds.
WORK_FLOOR = (
    APP_FLOOR.replace("app(['a', '--x', 'v'])", "app(['a', '--x', 'v'], standalone_mode=False)")
    + "import json, sys\n"
    + "from rectiplan.model import Plan\n"
    + "plan = Plan.model_validate(yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader))\n"
    + "print(json.dumps([item.model_dump(mode='json') for item in plan.items], ensure_ascii=False, indent=2))\n"
)
BARE_PARSE = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
# rectiplan pauses the cyclic garbage collector while it loads; this baseline does the same, for a like-for-like view.
BARE_PARSE_NO_GC = "import gc, sys, yaml; gc.disable(); yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
AS_OF = "2021-09-01"

# Start-up targets (issue 8), each a command's median wall time over the typer app floor's in the same run.
TARGET_STARTUP_TABLE = 1.15  # overdue (table)
TARGET_STARTUP_JSON = 1.05  # overdue --format json
TARGET_STARTUP_VALIDATE = 1.10  # validate of the bundled plan
# What rectiplan itself may add over the work floor (the least the same work costs, see WORK_FLOOR).
TARGET_OVER_WORK_TABLE = 1.15  # overdue (table): Rich's console is part of it
TARGET_OVER_WORK_JSON = 1.05
TARGET_OVER_WORK_VALIDATE = 1.05
TARGET_VALIDATE = 1.25  # validate / bare C-loader parse, wall time
TARGET_MEMORY = 2.0  # validate / bare C-loader parse, peak RSS
TARGET_EDIT = 1.5  # note / validate of the same file, wall time
EDIT_SIZE = 10_000
EDIT_ITEM = "5000"  # in the middle of the file

# Interpreter switches that would distort one side of a comparison; children run without them.
DISTORTING_ENV = (
    "RECTIPLAN_PLAN",
    "PYTHONPROFILEIMPORTTIME",
    "PYTHONDEVMODE",
    "PYTHONTRACEMALLOC",
    "PYTHONMALLOC",
    "PYTHONMALLOCSTATS",
    "PYTHONVERBOSE",
    "PYTHONINSPECT",
    "PYTHONDEBUG",
    "PYTHONPATH",
    "FORCE_COLOR",
)
# ru_maxrss is in KiB on Linux, in bytes on macOS.
RSS_UNIT = 1 if sys.platform == "darwin" else 1024
HAVE_WAIT4 = hasattr(os, "wait4")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- running one child --------------------------------------------------------------------------------------------


@dataclass
class Sample:
    wall: float  # seconds, spawn to exit
    cpu: float | None  # user + system seconds of the child
    maxrss: int | None  # bytes
    status: int  # exit code; negative for a signal


@dataclass
class Child:
    sample: Sample
    stdout: bytes
    stderr: bytes


def run_child(argv: Sequence[str], *, cwd: Path, env: dict[str, str]) -> Child:
    """Run one command to completion; its output goes to temporary files, so no pipe can stall it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(argv), cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        if HAVE_WAIT4:
            # The rusage of exactly this child: RUSAGE_CHILDREN's ru_maxrss would be the max over all children.
            _, wait_status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(wait_status)
            cpu: float | None = usage.ru_utime + usage.ru_stime
            maxrss: int | None = usage.ru_maxrss * RSS_UNIT
        else:  # pragma: no cover - Windows: wall time only
            proc.wait()
            wall = time.perf_counter() - start
            cpu = maxrss = None
        out.seek(0)
        err.seek(0)
        return Child(Sample(wall, cpu, maxrss, proc.returncode), out.read(), err.read())


# --- variants and interleaving ------------------------------------------------------------------------------------

Check = Callable[[Child], "str | None"]


def exit_zero(child: Child) -> str | None:
    if child.sample.status != 0:
        tail = child.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        return f"exit status {child.sample.status}: " + " | ".join(tail)
    return None


@dataclass
class Variant:
    key: str
    label: str
    argv: list[str]
    check: Check = exit_zero
    env: dict[str, str] = field(default_factory=dict)  # added to the run's environment for this variant only
    samples: list[Sample] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def wall(self) -> list[float]:
        return [sample.wall for sample in self.samples]

    def median_wall(self) -> float:
        return statistics.median(self.wall())

    def min_wall(self) -> float:
        return min(self.wall())

    def median_cpu(self) -> float | None:
        cpus = [sample.cpu for sample in self.samples if sample.cpu is not None]
        return statistics.median(cpus) if cpus else None

    def median_rss(self) -> int | None:
        rss = [sample.maxrss for sample in self.samples if sample.maxrss is not None]
        return int(statistics.median(rss)) if rss else None

    def summary(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "argv": self.argv,
            "median_wall_s": self.median_wall() if self.samples else None,
            "min_wall_s": self.min_wall() if self.samples else None,
            "median_cpu_s": self.median_cpu(),
            "median_maxrss_bytes": self.median_rss(),
            "samples": [asdict(sample) for sample in self.samples],
            "failures": self.failures,
        }


def measure(variants: Sequence[Variant], *, rounds: int, warmup: int, cwd: Path, env: dict[str, str]) -> None:
    """Run the variants interleaved, the order rotated each round (A B C, B C A, ...); warm-up rounds not kept."""
    variants = list(variants)
    count = len(variants)
    for round_index in range(-warmup, rounds):
        shift = round_index % count
        for variant in variants[shift:] + variants[:shift]:
            child = run_child(variant.argv, cwd=cwd, env={**env, **variant.env} if variant.env else env)
            problem = variant.check(child)
            if problem is not None:
                variant.failures.append(problem)
                log(f"  ! {variant.label}: {problem}")
            if round_index >= 0:
                variant.samples.append(child.sample)
        if round_index >= 0:
            log(f"  round {round_index + 1}/{rounds} done")


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


# --- environment ----------------------------------------------------------------------------------------------------


def child_env(pycache: Path | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in DISTORTING_ENV}
    env["NO_COLOR"] = "1"
    if pycache is not None:
        # Bytecode cached the same way for every variant, in a folder of our own (nothing is written into src/):
        # without it, PYTHONDONTWRITEBYTECODE would make rectiplan recompile its own modules on every run while the
        # floors' site-packages modules load from pip's cached bytecode.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def versions() -> dict[str, Any]:
    from importlib import metadata

    found: dict[str, Any] = {}
    for name in ("rectiplan", "PyYAML", "pydantic", "pydantic_core", "typer", "rich", "python-dateutil"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    try:
        import yaml

        found["libyaml"] = bool(getattr(yaml, "__with_libyaml__", False))
        try:
            from yaml._yaml import get_version_string

            found["libyaml_version"] = get_version_string()
        except ImportError:
            found["libyaml_version"] = None
    except ImportError:
        found["libyaml"] = None
    return found


def git_revision() -> str | None:
    try:
        head = subprocess.run(
            ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(HERE), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if dirty else "")


def machine() -> dict[str, Any]:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "loadavg_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "git": git_revision(),
        **versions(),
    }


# --- plans --------------------------------------------------------------------------------------------------------


def generated_plan(count: int, out_dir: Path) -> Path:
    """The generated plan of `count` items, reused while generate.py is unchanged (the name carries its hash)."""
    digest = hashlib.sha256(GENERATE.read_bytes()).hexdigest()[:10]
    path = out_dir / f"plan-{count}-{digest}.yaml"
    if path.is_file():
        log(f"reusing {path}")
        return path
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob(f"plan-{count}-*.yaml"):
        stale.unlink()
    log(f"generating {path} ...")
    partial = path.with_suffix(".partial")
    subprocess.run([sys.executable, str(GENERATE), str(count), str(partial)], check=True)
    os.replace(partial, path)
    return path


def warm_page_cache(path: Path) -> None:
    with path.open("rb") as file:
        while file.read(1 << 24):
            pass


# --- the two sections -------------------------------------------------------------------------------------------------


def check_overdue_json(child: Child) -> str | None:
    problem = exit_zero(child)
    if problem:
        return problem
    try:
        records = json.loads(child.stdout)
    except ValueError as error:
        return f"not JSON: {error}"
    if not isinstance(records, list) or not records:
        return "no overdue items in the JSON output"
    plans = {record.get("plan", "") for record in records}
    if not all(plan.endswith(BUNDLED_NAME) for plan in plans):
        return f"not the bundled plan: {sorted(plans)}"
    return None


def check_overdue_table(child: Child) -> str | None:
    problem = exit_zero(child)
    if problem:
        return problem
    return None if child.stdout.strip() else "empty output"


def check_validate_bundled(child: Child) -> str | None:
    problem = exit_zero(child)
    if problem:
        return problem
    return None if child.stdout.strip() else "no summary line"


def bundled_plan(cwd: Path, env: dict[str, str]) -> str:
    """The bundled plan's path as the installed package finds it (`overdue` reads the same file)."""
    code = "from rectiplan.discovery import bundled_plan_path; print(bundled_plan_path())"
    found = run_child([sys.executable, "-c", code], cwd=cwd, env=env)
    if found.sample.status != 0:
        raise SystemExit("cannot find the bundled plan: " + found.stderr.decode("utf-8", "replace"))
    return found.stdout.decode("utf-8").strip()


def startup(args: argparse.Namespace, cwd: Path, env: dict[str, str]) -> dict[str, Variant]:
    py = sys.executable
    overdue = [py, "-m", "rectiplan", "overdue", "--as-of", AS_OF]
    app_floor = cwd.parent / "app_floor.py"  # beside cwd, not in it: cwd stays empty
    app_floor.write_text(APP_FLOOR, encoding="utf-8")
    work_floor = cwd.parent / "work_floor.py"
    work_floor.write_text(WORK_FLOOR, encoding="utf-8")
    plan = bundled_plan(cwd, env)
    variants = {
        "floor": Variant("floor", "import floor", [py, "-c", IMPORT_FLOOR]),
        "app_floor": Variant("app_floor", "typer app floor", [py, str(app_floor)]),
        "work_floor": Variant("work_floor", "work floor", [py, str(work_floor), plan]),
        "overdue": Variant("overdue", "overdue (table)", overdue, check_overdue_table),
        "overdue_json": Variant("overdue_json", "overdue --format json", [*overdue, "--format", "json"],
                                check_overdue_json),
        # validate reads no date: the bundled plan is checked the same whatever the day.
        "validate": Variant("validate", "validate bundled plan", [py, "-m", "rectiplan", "validate",
                                                                  plan], check_validate_bundled),
    }  # fmt: skip
    log(f"start-up: {args.repeat} rounds of {len(variants)} variants (+{args.warmup} warm-up)")
    # The floors between the commands, so no command always follows another; rotated each round.
    order = [variants[key] for key in ("overdue", "app_floor", "overdue_json", "floor", "validate", "work_floor")]
    measure(order, rounds=args.repeat, warmup=args.warmup, cwd=cwd, env=env)
    return variants


def validate(
    args: argparse.Namespace, sizes: Sequence[int], cwd: Path, env: dict[str, str]
) -> dict[int, dict[str, Any]]:
    py = sys.executable
    results: dict[int, dict[str, Any]] = {}
    paths = {count: generated_plan(count, args.out) for count in sizes}
    for count in sizes:
        path = paths[count]
        warm_page_cache(path)
        variants = {
            "parse": Variant("parse", "C-loader parse", [py, "-c", BARE_PARSE, str(path)]),
            "parse_no_gc": Variant("parse_no_gc", "same, GC paused", [py, "-c", BARE_PARSE_NO_GC, str(path)]),
            "validate": Variant("validate", "validate", [py, "-m", "rectiplan", "validate", "--format", "parsable",
                                                         str(path)]),
        }  # fmt: skip
        log(f"validate, {count:,} items ({path.stat().st_size / 1e6:.1f} MB): {args.repeat_large} interleaved rounds")
        order = [variants["validate"], variants["parse"], variants["parse_no_gc"]]
        measure(order, rounds=args.repeat_large, warmup=0, cwd=cwd, env=env)
        results[count] = {"path": str(path), "bytes": path.stat().st_size, "variants": variants}
    return results


SUMMARY_SIZE = 10_000


def check_summary_json(child: Child) -> str | None:
    problem = exit_zero(child)
    if problem:
        return problem
    try:
        rows = json.loads(child.stdout)
    except ValueError as error:
        return f"not JSON: {error}"
    if not isinstance(rows, list) or not rows or rows[-1].get("group") is not None:
        return "no total row in the summary"
    return None if rows[-1].get("total") == SUMMARY_SIZE else f"total {rows[-1].get('total')}, not {SUMMARY_SIZE}"


def summary_section(args: argparse.Namespace, cwd: Path, env: dict[str, str]) -> dict[str, Any]:
    """`summary` on the 10k plan against `list --format json` and `validate` on the same file, interleaved."""
    py = sys.executable
    path = generated_plan(SUMMARY_SIZE, args.out)
    warm_page_cache(path)
    read = [py, "-m", "rectiplan"]
    plan = ["--plan", str(path), "--as-of", AS_OF]
    variants = {
        "validate": Variant("validate", "validate", [*read, "validate", "--format", "parsable", str(path)]),
        "list_json": Variant("list_json", "list --format json", [*read, "list", *plan, "--format", "json"]),
        "summary": Variant("summary", "summary (division)", [*read, "summary", *plan, "--format", "json"],
                           check_summary_json),
        "summary_month": Variant("summary_month", "summary --by month",
                                 [*read, "summary", *plan, "--by", "month", "--format", "json"], check_summary_json),
    }  # fmt: skip
    log(f"summary, {SUMMARY_SIZE:,} items: {args.repeat_large} interleaved rounds")
    order = [variants["summary"], variants["validate"], variants["summary_month"], variants["list_json"]]
    measure(order, rounds=args.repeat_large, warmup=0, cwd=cwd, env=env)
    return {"path": str(path), "bytes": path.stat().st_size, "variants": variants}


def summary_report(entry: dict[str, Any], config: dict[str, Any]) -> tuple[list[str], dict[str, Any], int]:
    variants: dict[str, Variant] = entry["variants"]
    lines = [
        "",
        (
            f"3. Summary on the generated {SUMMARY_SIZE:,}-item plan, --as-of {AS_OF}: "
            f"{config['repeat_large']} interleaved runs each; wall and cpu in s"
        ),
        (
            f"{'':22} {'wall med':>8} {'wall min':>8} {'cpu med':>8} {'max RSS':>8} {'x list':>8} {'x valid.':>8} "
            f"{'cpu x li':>8} {'cpu x va':>8}"
        ),
    ]
    raw: dict[str, Any] = {"path": entry["path"], "bytes": entry["bytes"]}
    failures = 0
    listing, check = variants["list_json"].median_wall(), variants["validate"].median_wall()
    # On a shared machine CPU time is the steadier figure: wall time also counts waiting for a core.
    listing_cpu, check_cpu = variants["list_json"].median_cpu(), variants["validate"].median_cpu()
    for key in ("validate", "list_json", "summary", "summary_month"):
        variant = variants[key]
        failures += len(variant.failures)
        raw[key] = variant.summary()
        lines.append(
            f"{variant.label:22} {sec(variant.median_wall()):>8} {sec(variant.min_wall()):>8} "
            f"{sec(variant.median_cpu()):>8} {mb(variant.median_rss()) + ' MiB':>8} "
            f"{times(ratio(variant.median_wall(), listing)):>8} {times(ratio(variant.median_wall(), check)):>8} "
            f"{times(ratio(variant.median_cpu(), listing_cpu)):>8} {times(ratio(variant.median_cpu(), check_cpu)):>8}"
            + ("  FAILED" if variant.failures else "")
        )
    raw["ratios"] = {
        "summary_over_list_json": ratio(variants["summary"].median_wall(), listing),
        "summary_over_validate": ratio(variants["summary"].median_wall(), check),
        "summary_month_over_list_json": ratio(variants["summary_month"].median_wall(), listing),
        "summary_cpu_over_list_json": ratio(variants["summary"].median_cpu(), listing_cpu),
        "summary_cpu_over_validate": ratio(variants["summary"].median_cpu(), check_cpu),
    }
    lines.append("ratios are of medians: x list = / `list --format json`, x valid. = / `validate`, same file")
    return lines, raw, failures


TARGET_TABLE = 2.0  # list as a table / list --format json, wall time, at 10k rows
TABLE_SIZES = (1000, 10000)


def check_table(child: Child) -> str | None:
    problem = exit_zero(child)
    if problem:
        return problem
    return None if b"\xe2\x94\x8c" in child.stdout[:4] else "no table (box corner) at the start of the output"


def table_vs_json(args: argparse.Namespace, cwd: Path, env: dict[str, str]) -> dict[int, dict[str, Variant]]:
    py = sys.executable
    results: dict[int, dict[str, Variant]] = {}
    # A fixed width, as on a terminal of 100 columns; the output goes to a file, so no terminal codes either way.
    table_env = {**env, "COLUMNS": "100"}
    for count in TABLE_SIZES:
        path = generated_plan(count, args.out)
        warm_page_cache(path)
        command = [py, "-m", "rectiplan", "list", "--as-of", AS_OF, "--lang", "zh", "--plan", str(path)]
        variants = {
            "json": Variant("json", "list --format json", [*command, "--format", "json"]),
            "table": Variant("table", "list (table)", command, check_table),
        }
        log(f"table against json, {count:,} rows: {args.repeat_large} interleaved rounds")
        measure(list(variants.values()), rounds=args.repeat_large, warmup=0, cwd=cwd, env=table_env)
        results[count] = variants
    return results


def table_report(results: dict[int, dict[str, Variant]], config: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    lines = [
        "",
        (
            f"4. Table against JSON, `list` on generated plans (every item a row, 100 columns): "
            f"{config['repeat_large']} interleaved runs each; wall and cpu in s"
        ),
        f"{'rows':>8} {'':20} {'wall med':>8} {'wall min':>8} {'cpu med':>8} {'max RSS':>8}",
    ]
    raw: dict[str, Any] = {}
    for count, variants in results.items():
        as_json, table = variants["json"], variants["table"]
        for first, variant in ((True, as_json), (False, table)):
            lines.append(
                f"{(f'{count:,}' if first else ''):>8} {variant.label:20} {sec(variant.median_wall()):>8} "
                f"{sec(variant.min_wall()):>8} {sec(variant.median_cpu()):>8} {mb(variant.median_rss()) + ' MiB':>8}"
                + ("  FAILED" if variant.failures else "")
            )
        wall = ratio(table.median_wall(), as_json.median_wall())
        cpu = ratio(table.median_cpu(), as_json.median_cpu())
        target = f"   {verdict(wall, TARGET_TABLE)}" if count == max(results) else ""
        lines.append(f"{'':8} {'ratio table / json':20} {times(wall):>8} {'':8} {times(cpu):>8}{target}")
        raw[str(count)] = {"json": as_json.summary(), "table": table.summary(), "ratios": {"wall": wall, "cpu": cpu}}
    return lines, raw


EXPORT_SIZE = 1000
EXPORT_FORMATS = ("xlsx", "docx", "ics", "md", "csv", "json")


def registered_exports(cwd: Path, env: dict[str, str]) -> list[str]:
    """The export formats this install has (xlsx and docx come with another change), asked of the child Python."""
    code = "from rectiplan.exports import EXPORT_MODULES; print(' '.join(EXPORT_MODULES))"
    child = run_child([sys.executable, "-c", code], cwd=cwd, env=env)
    return child.stdout.decode().split() if child.sample.status == 0 else []


def check_file(path: Path) -> Check:
    def check(child: Child) -> str | None:
        problem = exit_zero(child)
        if problem:
            return problem
        return None if path.is_file() and path.stat().st_size > 0 else f"{path.name} was not written"

    return check


def export_section(args: argparse.Namespace, cwd: Path, env: dict[str, str]) -> dict[str, Any]:
    py = sys.executable
    path = generated_plan(EXPORT_SIZE, args.out)
    warm_page_cache(path)
    registered = registered_exports(cwd, env)
    skipped = [name for name in EXPORT_FORMATS if name not in registered]
    for name in skipped:
        log(f"export: {name} is not registered in this install; skipped")
    common = ["--as-of", AS_OF, "--lang", "zh", "--plan", str(path)]
    variants = {"list_json": Variant("list_json", "list --format json", [py, "-m", "rectiplan", "list", "--format",
                                                                          "json", *common])}  # fmt: skip
    for name in (name for name in EXPORT_FORMATS if name in registered):
        target = cwd.parent / f"export.{name}"
        argv = [py, "-m", "rectiplan", "export", "--format", name, "-o", str(target), "--force", *common]
        variants[name] = Variant(name, f"export --format {name}", argv, check_file(target))
    # Fill the bytecode cache for what each export imports; not counted.
    for variant in variants.values():
        run_child(variant.argv, cwd=cwd, env=env)
    log(f"export, {EXPORT_SIZE:,} items: {args.repeat_export} interleaved rounds")
    measure(list(variants.values()), rounds=args.repeat_export, warmup=0, cwd=cwd, env=env)
    sizes = {name: (cwd.parent / f"export.{name}").stat().st_size for name in variants if name != "list_json"}
    return {"variants": variants, "skipped": skipped, "sizes": sizes}


def export_report(entry: dict[str, Any], config: dict[str, Any]) -> tuple[list[str], dict[str, Any], int]:
    variants: dict[str, Variant] = entry["variants"]
    base = variants["list_json"]
    lines = [
        "",
        (
            f"8. Export of a generated {EXPORT_SIZE:,}-item plan, against `list --format json` of it: "
            f"{config['repeat_export']} interleaved runs each; wall and cpu in s"
        ),
        f"{'':24} {'wall med':>8} {'wall min':>8} {'cpu med':>8} {'max RSS':>8} {'x list':>7} {'size':>9}",
    ]
    raw: dict[str, Any] = {"skipped": entry["skipped"], "sizes": entry["sizes"]}
    failures = 0
    for name, variant in variants.items():
        wall = ratio(variant.median_wall(), base.median_wall())
        size = entry["sizes"].get(name)
        lines.append(
            f"{variant.label:24} {sec(variant.median_wall()):>8} {sec(variant.min_wall()):>8} "
            f"{sec(variant.median_cpu()):>8} {mb(variant.median_rss()) + ' MiB':>8} {times(wall):>7} "
            f"{'' if size is None else f'{size / 1e3:.0f} kB':>9}" + ("  FAILED" if variant.failures else "")
        )
        raw[name] = {**variant.summary(), "ratio_wall": wall, "ratio_cpu": ratio(variant.median_cpu(),
                                                                                 base.median_cpu())}  # fmt: skip
        failures += len(variant.failures)
    for name in entry["skipped"]:
        lines.append(f"{'export --format ' + name:24} skipped: not registered in this install")
    lines.append("x list = wall median / that of `list --format json` of the same plan, same run")
    return lines, raw, failures


def check_note(child: Child) -> str | None:
    problem = exit_zero(child)
    if problem:
        return problem
    return None if b"progress note of" in child.stdout else "no 'progress note of ...' line in the output"


def edit_section(args: argparse.Namespace, cwd: Path, env: dict[str, str]) -> dict[str, Any]:
    """`note` against `validate` on one copy of the plan. Each note adds three lines (about 60 bytes to 9 MB), and
    validate reads the same file, so both always see the same size."""
    py = sys.executable
    copy = cwd.parent / "edit-plan.yaml"
    shutil.copyfile(generated_plan(EDIT_SIZE, args.out), copy)
    warm_page_cache(copy)
    note = [py, "-m", "rectiplan", "note", EDIT_ITEM, "基准测试进展", "--on", AS_OF, "--plan", str(copy), "--lang", "en"]  # fmt: skip
    variants = {
        "validate": Variant("validate", "validate", [py, "-m", "rectiplan", "validate", "--format", "parsable",
                                                     str(copy)]),
        "note": Variant("note", "note (edit)", note, check_note),
    }  # fmt: skip
    log(f"edit, {EDIT_SIZE:,} items: {args.repeat_edit} interleaved rounds (+1 warm-up)")
    measure([variants["note"], variants["validate"]], rounds=args.repeat_edit, warmup=1, cwd=cwd, env=env)
    return {"path": str(copy), "bytes": copy.stat().st_size, "variants": variants}


def edit_report(entry: dict[str, Any], config: dict[str, Any]) -> tuple[list[str], dict[str, Any], int]:
    check, note = entry["variants"]["validate"], entry["variants"]["note"]
    lines = [
        "",
        (
            f"5. Edit: note on item {EDIT_ITEM} of a {EDIT_SIZE:,}-item plan ({entry['bytes'] / 1e6:.1f} MB) "
            f"against validate of the same file: {config['repeat_edit']} interleaved runs each; wall and cpu in s"
        ),
        f"{'':22} {'wall med':>8} {'wall min':>8} {'cpu med':>8} {'max RSS':>8}",
    ]
    for variant in (check, note):
        lines.append(
            f"{variant.label:22} {sec(variant.median_wall()):>8} {sec(variant.min_wall()):>8} "
            f"{sec(variant.median_cpu()):>8} {mb(variant.median_rss()) + ' MiB':>8}"
            + ("  FAILED" if variant.failures else "")
        )
    wall_ratio = ratio(note.median_wall(), check.median_wall())
    min_ratio = ratio(note.min_wall(), check.min_wall())
    cpu_ratio = ratio(note.median_cpu(), check.median_cpu())
    rss_ratio = ratio(note.median_rss(), check.median_rss())
    lines.append(
        f"{'ratio':22} {times(wall_ratio):>8} {times(min_ratio):>8} {times(cpu_ratio):>8} {times(rss_ratio):>8}"
        f"   time {verdict(wall_ratio, TARGET_EDIT)}"
    )
    raw = {
        "path": entry["path"],
        "bytes": entry["bytes"],
        "validate": check.summary(),
        "note": note.summary(),
        "ratios": {"wall": wall_ratio, "wall_min": min_ratio, "cpu": cpu_ratio, "maxrss": rss_ratio},
    }
    return lines, raw, len(check.failures) + len(note.failures)


TARGET_COMPLETION_MS = 500  # a --division completion on a 1,000-item plan, median wall time, absolute
COMPLETION_SIZE = 1000


def bash_completion(line: str) -> dict[str, str]:
    """The variables Typer's bash script sets for `line` (the last word is the one being completed)."""
    words = line.split(" ")
    return {"_RECTIPLAN_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}


def check_output(expected: bytes) -> Check:
    def check(child: Child) -> str | None:
        problem = exit_zero(child)
        if problem:
            return problem
        if child.stderr:
            return "stderr not empty: " + child.stderr.decode("utf-8", "replace")[:200]
        return None if child.stdout == expected else f"output {child.stdout[:80]!r}, expected {expected[:80]!r}"

    return check


def completion_section(args: argparse.Namespace, cwd: Path, env: dict[str, str]) -> dict[str, Any]:
    """What a shell waits for when Tab is pressed after `--division` (and after `show`, for ids with help in zsh)."""
    py = sys.executable
    path = generated_plan(COMPLETION_SIZE, args.out)
    warm_page_cache(path)
    division = bash_completion(f"rectiplan list --plan {path} --division 农")
    ids = {"_RECTIPLAN_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": f"rectiplan show --plan {path} 99"}
    variants = {
        "floor": Variant("floor", "python -c pass", [py, "-c", "pass"]),
        "division": Variant("division", "--division (bash)", [py, "-m", "rectiplan"], check_output("农村处\n".encode()),
                            env=division),
        "ids": Variant("ids", "show ID (zsh, help)", [py, "-m", "rectiplan"], lambda child: exit_zero(child) or (
            None if b'"999":' in child.stdout else "no id 999 in the output"), env=ids),
    }  # fmt: skip
    log(f"completion, {COMPLETION_SIZE:,} items: {args.repeat_completion} interleaved rounds (+1 warm-up)")
    order = [variants["division"], variants["floor"], variants["ids"]]
    measure(order, rounds=args.repeat_completion, warmup=1, cwd=cwd, env=env)
    return {"bytes": path.stat().st_size, "variants": variants}


def completion_report(entry: dict[str, Any], config: dict[str, Any]) -> tuple[list[str], dict[str, Any], int]:
    variants: dict[str, Variant] = entry["variants"]
    floor = variants["floor"]
    lines = [
        "",
        (
            f"7. Completion on a generated {COMPLETION_SIZE:,}-item plan ({entry['bytes'] / 1e6:.1f} MB), end to end: "
            f"{config['repeat_completion']} interleaved runs each; ms"
        ),
        f"{'':22} {'wall med':>8} {'wall min':>8} {'cpu med':>8} {'x floor':>8}",
    ]
    raw: dict[str, Any] = {}
    for key in ("floor", "division", "ids"):
        variant = variants[key]
        wall = variant.median_wall()
        target = f"   < {TARGET_COMPLETION_MS} ms: " + ("met" if wall * 1000 < TARGET_COMPLETION_MS else "NOT met")
        lines.append(
            f"{variant.label:22} {ms(wall):>8} {ms(variant.min_wall()):>8} {ms(variant.median_cpu()):>8} "
            f"{times(ratio(wall, floor.median_wall())):>8}"
            + (target if key == "division" else "")
            + ("  FAILED" if variant.failures else "")
        )
        raw[key] = {**variant.summary(), "ratio_to_floor": ratio(wall, floor.median_wall())}
    return lines, raw, sum(len(variant.failures) for variant in variants.values())


# Files made of one construct repeated n times, each with problems (unknown keys, duplicates): validate exits 1.
SCALE_SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "keys": ("unknown keys, one mapping", lambda n: "title: x\nitems: []\n" + "".join(f"k{i}: v\n" for i in range(n))),
    "dups": (
        "keys that all come twice",
        lambda n: "title: x\nitems: []\n" + "".join(f"k{i}: v\n" for i in range(n // 2)) * 2,
    ),
    "flow": ("entries, one flow sequence", lambda n: "title: x\nitems: []\nx: [" + ",".join(["a"] * n) + "]\n"),
    # A valid plan whose issue is n line breaks and then "::x", shown with `show 1` (exit 0): the sanitizer that
    # breaks a workflow command at a line start was quadratic in the line breaks before a ":" (20 s at 40,000).
    "breaks": (
        "line breaks, then '::', shown",
        lambda n: (
            'title: x\nitems:\n  - {id: 1, topic: t, issue: "' + "\\n" * n + '::x", measures: [m], '
            "evidence: [e], deadline: 2021-08-31, divisions: [d], leader: l}\n"
        ),
    ),
}
SCALE_SIZES = {
    "keys": (12_500, 25_000, 50_000),
    "dups": (4_000, 8_000, 16_000),
    "flow": (250_000, 500_000, 1_000_000),
    "breaks": (40_000, 80_000, 160_000),
}
# What each shape's file is measured with (after `python -m rectiplan`), and the exit status it must give.
SCALE_COMMANDS = {"breaks": (["show", "1", "--as-of", AS_OF, "--plan"], 0)}


def exit_one(child: Child) -> str | None:
    if child.sample.status != 1:
        tail = child.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        return f"exit status {child.sample.status} (1 expected: the file has problems): " + " | ".join(tail)
    return None


def scale(args: argparse.Namespace, cwd: Path, env: dict[str, str]) -> dict[str, dict[int, dict[str, Any]]]:
    py = sys.executable
    results: dict[str, dict[int, dict[str, Any]]] = {}
    folder = Path(tempfile.mkdtemp(prefix="scale-", dir=cwd.parent))
    for shape, (label, make) in SCALE_SHAPES.items():
        results[shape] = {}
        sizes = SCALE_SIZES[shape][:2] if args.quick else SCALE_SIZES[shape]
        for count in sizes:
            path = folder / f"{shape}-{count}.yaml"
            path.write_text(make(count), encoding="utf-8")
            command, status = SCALE_COMMANDS.get(shape, (["validate", "--format", "parsable"], 1))
            variants = {
                "parse": Variant("parse", "C-loader parse", [py, "-c", BARE_PARSE, str(path)]),
                "validate": Variant("validate", command[0], [py, "-m", "rectiplan", *command, str(path)],
                                    exit_one if status == 1 else exit_zero),
            }  # fmt: skip
            log(f"scale, {count:,} {label} ({path.stat().st_size / 1e6:.1f} MB): {args.repeat_large} rounds")
            measure([variants["validate"], variants["parse"]], rounds=args.repeat_large, warmup=0, cwd=cwd, env=env)
            results[shape][count] = {"bytes": path.stat().st_size, "variants": variants}
    return results


# --- report ---------------------------------------------------------------------------------------------------------


def ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.0f}"


def sec(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f}"


def mb(size: int | None) -> str:
    return "-" if size is None else f"{size / 2**20:.0f}"


def times(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def verdict(value: float | None, target: float) -> str:
    if value is None:
        return ""
    return f"<= {target:.2f}: " + ("met" if value <= target else "NOT met")


def report(info: dict[str, Any], config: dict[str, Any], start: dict[str, Variant] | None,
           large: dict[int, dict[str, Any]] | None,
           summary: dict[str, Any] | None = None,
           shapes: dict[str, dict[int, dict[str, Any]]] | None = None) -> tuple[list[str], dict[str, Any]]:  # fmt: skip
    lines: list[str] = []
    raw: dict[str, Any] = {"machine": info, "config": config}
    libyaml = "yes" if info.get("libyaml") else "NO (pure-Python parser!)"
    lines += [
        f"rectiplan benchmarks, {info['date']} (git {info.get('git') or '?'})",
        f"Python {info['python']} ({info['implementation']}) on {info['platform']}",
        f"CPUs: {info['cpu_count']} (usable {info['cpus_usable']}); load avg at start "
        + (" ".join(f"{x:.2f}" for x in info["loadavg_start"]) if info.get("loadavg_start") else "?")
        + (", at end " + " ".join(f"{x:.2f}" for x in info["loadavg_end"]) if info.get("loadavg_end") else ""),
        (
            f"PyYAML {info.get('PyYAML')}, libyaml used: {libyaml} (libyaml {info.get('libyaml_version')}); "
            f"pydantic {info.get('pydantic')} (core {info.get('pydantic_core')}), typer {info.get('typer')}, "
            f"rich {info.get('rich')}, dateutil {info.get('python-dateutil')}"
        ),
        f"bytecode: {config['bytecode']}",
    ]
    failures = 0

    if start is not None:
        floor = start["floor"].median_wall()
        work = start["app_floor"].median_wall()
        work_cpu = start["app_floor"].median_cpu()
        least = start["work_floor"].median_wall()
        lines += [
            "",
            (
                f"1. Start-up, bundled plan, --as-of {AS_OF}: {config['repeat']} interleaved runs each "
                f"(+{config['warmup']} warm-up); ms"
            ),
            (
                f"{'':22} {'wall med':>8} {'wall min':>8} {'cpu med':>8} {'max RSS':>8} "
                f"{'x floor':>8} {'x app':>8} {'cpu x ap':>8} {'x work':>8}"
            ),
        ]
        raw["startup"] = {"app_floor_script": APP_FLOOR, "work_floor_script": WORK_FLOOR}
        for key in ("floor", "app_floor", "work_floor", "overdue", "overdue_json", "validate"):
            variant = start[key]
            failures += len(variant.failures)
            raw["startup"][key] = variant.summary()
            lines.append(
                f"{variant.label:22} {ms(variant.median_wall()):>8} {ms(variant.min_wall()):>8} "
                f"{ms(variant.median_cpu()):>8} {mb(variant.median_rss()) + ' MiB':>8} "
                f"{times(ratio(variant.median_wall(), floor)):>8} {times(ratio(variant.median_wall(), work)):>8} "
                f"{times(ratio(variant.median_cpu(), work_cpu)):>8} {times(ratio(variant.median_wall(), least)):>8}"
                + ("  FAILED" if variant.failures else "")
            )
        # Each command, its target over the typer app floor and its target over the work floor.
        targets = (
            ("overdue", "overdue (table)", TARGET_STARTUP_TABLE, TARGET_OVER_WORK_TABLE),
            ("overdue_json", "overdue --format json", TARGET_STARTUP_JSON, TARGET_OVER_WORK_JSON),
            ("validate", "validate", TARGET_STARTUP_VALIDATE, TARGET_OVER_WORK_VALIDATE),
        )
        lines += [
            "ratios are of medians; floor = `" + IMPORT_FLOOR + "`;",
            "  typer app floor (x app) = the same imports plus a two-command Typer app that runs one command;",
            "  work floor (x work) = that app, then the six Pydantic models built, the plan parsed by libyaml,",
            "  validated and written as JSON, written plainly",
        ]
        raw["startup"]["ratios"] = {}
        for key, label, target, _ in targets:
            over_app = ratio(start[key].median_wall(), work)
            raw["startup"]["ratios"][f"{key}_over_app_floor"] = over_app
            raw["startup"]["ratios"][f"{key}_over_floor"] = ratio(start[key].median_wall(), floor)
            lines.append(f"target {label} / typer app floor {verdict(over_app, target)} ({times(over_app)})")
        work_floor_over_app = ratio(least, work)
        raw["startup"]["ratios"]["work_floor_over_app_floor"] = work_floor_over_app
        lines.append(
            f"the work floor itself is {times(work_floor_over_app)} the typer app floor "
            "(the same work written plainly, with the collector running)"
        )
        for key, label, _, target in targets:
            over_work = ratio(start[key].median_wall(), least)
            raw["startup"]["ratios"][f"{key}_over_work_floor"] = over_work
            lines.append(f"target {label} / work floor {verdict(over_work, target)} ({times(over_work)})")

    if large:
        lines += [
            "",
            f"2. Validate generated plans: {config['repeat_large']} interleaved runs each; wall and cpu in s",
            (
                f"{'items':>8} {'MB':>5} {'':15} {'wall med':>8} {'wall min':>8} {'cpu med':>8} {'max RSS':>8} "
                f"{'us/item':>7}"
            ),
        ]
        raw["validate"] = {}
        for count, entry in large.items():
            parse, check = entry["variants"]["parse"], entry["variants"]["validate"]
            parse_no_gc = entry["variants"]["parse_no_gc"]
            failures += len(parse.failures) + len(check.failures) + len(parse_no_gc.failures)
            wall_ratio = ratio(check.median_wall(), parse.median_wall())
            rss_ratio = ratio(check.median_rss(), parse.median_rss())
            cpu_ratio = ratio(check.median_cpu(), parse.median_cpu())
            size = f"{entry['bytes'] / 1e6:.1f}"
            for first, variant in ((True, parse), (False, parse_no_gc), (False, check)):
                lines.append(
                    f"{(f'{count:,}' if first else ''):>8} {(size if first else ''):>5} {variant.label:15} "
                    f"{sec(variant.median_wall()):>8} {sec(variant.min_wall()):>8} {sec(variant.median_cpu()):>8} "
                    f"{mb(variant.median_rss()) + ' MiB':>8} {variant.median_wall() / count * 1e6:>7.1f}"
                    + ("  FAILED" if variant.failures else "")
                )
            min_ratio = ratio(check.min_wall(), parse.min_wall())
            lines.append(
                f"{'':8} {'':5} {'ratio':15} {times(wall_ratio):>8} {times(min_ratio):>8} {times(cpu_ratio):>8} "
                f"{times(rss_ratio):>8}   time {verdict(wall_ratio, TARGET_VALIDATE)}; "
                f"memory {verdict(rss_ratio, TARGET_MEMORY)}"
            )
            like_for_like = ratio(check.median_wall(), parse_no_gc.median_wall())
            lines.append(
                f"{'':8} {'':5} {'ratio, GC paused':15} {times(like_for_like):>8}   (validate / same, GC paused)"
            )
            raw["validate"][str(count)] = {
                "path": entry["path"],
                "bytes": entry["bytes"],
                "parse": parse.summary(),
                "parse_no_gc": parse_no_gc.summary(),
                "validate": check.summary(),
                "ratios": {
                    "wall": wall_ratio,
                    "wall_min": min_ratio,
                    "cpu": cpu_ratio,
                    "maxrss": rss_ratio,
                    "wall_vs_no_gc_parse": like_for_like,
                },
            }
        counts = sorted(large)
        if len(counts) >= 2:
            small, big = counts[0], counts[-1]
            scale = big / small
            lines.append(
                f"linearity, {big:,} vs {small:,} items (ideal {scale:.0f}x; fixed start-up makes it a little less):"
            )
            raw["linearity"] = {}
            for key in ("parse", "parse_no_gc", "validate"):
                a, b = large[small]["variants"][key], large[big]["variants"][key]
                growth = ratio(b.median_wall(), a.median_wall())
                marginal = (b.median_wall() - a.median_wall()) / (big - small)
                rss_growth = ratio(b.median_rss(), a.median_rss())
                lines.append(
                    f"  {a.label:15} time {times(growth)}, marginal {marginal * 1e6:.1f} us/item; "
                    f"max RSS {times(rss_growth)}"
                )
                raw["linearity"][key] = {
                    "time_ratio": growth,
                    "marginal_s_per_item": marginal,
                    "maxrss_ratio": rss_growth,
                }
    if summary is not None:
        summary_lines, raw["summary"], summary_failures = summary_report(summary, config)
        lines += summary_lines
        failures += summary_failures
    if shapes:
        lines += [
            "",
            (
                f"6. Scale of one construct: validate against the bare parse of the same file; "
                f"{config['repeat_large']} run(s) each;"
            ),
            (
                "   marginal = cost of the entries added since the previous size, per entry: constant when linear, "
                "doubling with n when quadratic"
            ),
            (
                f"{'':28} {'n':>9} {'MB':>5} {'wall s':>7} {'max RSS':>8} {'x parse':>8} {'RSS x':>6} "
                f"{'us/entry':>9} {'B/entry':>8}"
            ),
        ]
        raw["scale"] = {}
        for shape, by_count in shapes.items():
            raw["scale"][shape] = {}
            previous: tuple[int, Variant] | None = None
            for count, entry in by_count.items():
                parse, check = entry["variants"]["parse"], entry["variants"]["validate"]
                failures += len(parse.failures) + len(check.failures)
                marginal_time = marginal_rss = None
                if previous is not None:
                    added = count - previous[0]
                    marginal_time = (check.median_wall() - previous[1].median_wall()) / added
                    rss_now, rss_before = check.median_rss(), previous[1].median_rss()
                    if rss_now is not None and rss_before is not None:
                        marginal_rss = (rss_now - rss_before) / added
                lines.append(
                    f"{SCALE_SHAPES[shape][0] if previous is None else '':28} {count:>9,} "
                    f"{entry['bytes'] / 1e6:>5.1f} {sec(check.median_wall()):>7} "
                    f"{mb(check.median_rss()) + ' MiB':>8} {times(ratio(check.median_wall(), parse.median_wall())):>8} "
                    f"{times(ratio(check.median_rss(), parse.median_rss())):>6} "
                    f"{'-' if marginal_time is None else f'{marginal_time * 1e6:.1f}':>9} "
                    f"{'-' if marginal_rss is None else f'{marginal_rss:.0f}':>8}"
                    + ("  FAILED" if check.failures or parse.failures else "")
                )
                raw["scale"][shape][str(count)] = {
                    "bytes": entry["bytes"],
                    "parse": parse.summary(),
                    "validate": check.summary(),
                    "marginal_s_per_entry": marginal_time,
                    "marginal_maxrss_bytes_per_entry": marginal_rss,
                }
                previous = (count, check)
    if failures:
        lines += ["", f"WARNING: {failures} run(s) of a measured command failed; see stderr and the JSON."]
    raw["failures"] = failures
    return lines, raw


# --- main ---------------------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=None, help="start-up runs per variant (default 20; --quick 5)")
    parser.add_argument("--repeat-large", type=int, default=None,
                        help="validate runs per variant and size (default 3; --quick 1)")  # fmt: skip
    parser.add_argument("--warmup", type=int, default=1, help="uncounted start-up rounds first (default 1)")
    parser.add_argument("--sizes", default=None, help="plan sizes to validate, comma-separated (default 10000,100000)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 10k plan only, fewer repeats")
    parser.add_argument("--skip-large", action="store_true", help="start-up only: no generated plans at all")
    parser.add_argument("--skip-startup", action="store_true", help="no start-up section")
    parser.add_argument("--skip-summary", action="store_true", help="no summary section")
    parser.add_argument("--only-summary", action="store_true", help="the summary section only")
    parser.add_argument("--skip-table", action="store_true", help="no table-against-json section")
    parser.add_argument("--table-only", action="store_true", help="the table-against-json section only")
    parser.add_argument("--skip-edit", action="store_true", help="no edit section")
    parser.add_argument("--only-edit", action="store_true", help="the edit section only")
    parser.add_argument("--repeat-edit", type=int, default=None,
                        help="note and validate runs in the edit section (default 5; --quick 2)")  # fmt: skip
    parser.add_argument("--skip-scale", action="store_true", help="no scale-of-one-construct section")
    parser.add_argument("--skip-completion", action="store_true", help="no completion section")
    parser.add_argument("--only-completion", action="store_true", help="the completion section only")
    parser.add_argument("--repeat-completion", type=int, default=None,
                        help="runs per variant in the completion section (default 10; --quick 3)")  # fmt: skip
    parser.add_argument("--skip-export", action="store_true", help="no export section")
    parser.add_argument("--only-export", action="store_true", help="the export section only")
    parser.add_argument("--repeat-export", type=int, default=None,
                        help="runs per format in the export section (default 5; --quick 2)")  # fmt: skip
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"where generated plans are kept (default {DEFAULT_OUT})"
    )
    parser.add_argument("--no-pycache-prefix", action="store_true",
                        help="leave bytecode caching as the environment has it (see README)")  # fmt: skip
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every raw number to FILE")
    args = parser.parse_args(argv)
    if args.repeat is None:
        args.repeat = 5 if args.quick else 20
    if args.repeat_large is None:
        args.repeat_large = 1 if args.quick else 3
    if args.sizes is None:
        args.sizes = "10000" if args.quick else "10000,100000"
    args.sizes = [int(part.replace("_", "")) for part in args.sizes.split(",") if part.strip()]
    if args.only_summary or args.table_only or args.only_edit:
        args.skip_export = True
    if args.only_summary:
        args.skip_startup = args.skip_large = args.skip_table = args.skip_edit = args.skip_scale = True
        args.skip_summary = False
        args.skip_completion = True
    if args.table_only:
        args.skip_summary = args.skip_edit = args.skip_scale = True
        args.skip_completion = True
    if args.only_edit:
        args.skip_startup = args.skip_large = args.skip_summary = args.skip_table = args.skip_scale = True
        args.skip_completion = True
    if args.only_export:
        args.skip_startup = args.skip_large = args.skip_summary = args.skip_table = args.skip_edit = True
        args.skip_scale = args.skip_completion = True
        args.skip_export = False
    if args.repeat_edit is None:
        args.repeat_edit = 2 if args.quick else 5
    if args.only_completion:
        args.skip_startup = args.skip_large = args.skip_summary = args.skip_table = args.skip_edit = True
        args.skip_scale, args.skip_completion, args.skip_export = True, False, True
    if args.repeat_completion is None:
        args.repeat_completion = 3 if args.quick else 10
    if args.repeat_export is None:
        args.repeat_export = 2 if args.quick else 5
    repeats = (args.repeat, args.repeat_large, args.repeat_edit, args.repeat_completion, args.repeat_export)
    if min(repeats) < 1 or args.warmup < 0:
        parser.error("repeats must be at least 1, warm-up at least 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    import importlib.util

    if importlib.util.find_spec("rectiplan") is None:
        log(f"rectiplan is not importable by {sys.executable}; install the package (pip install -e .) first")
        return 2
    info = machine()
    config = {
        "repeat": args.repeat,
        "repeat_large": args.repeat_large,
        "warmup": args.warmup,
        "sizes": [] if args.skip_large else args.sizes,
        "quick": args.quick,
        "repeat_edit": args.repeat_edit,
        "repeat_completion": args.repeat_completion,
        "repeat_export": args.repeat_export,
    }
    start: dict[str, Variant] | None = None
    large: dict[int, dict[str, Any]] | None = None
    summary: dict[str, Any] | None = None
    tables: dict[int, dict[str, Variant]] | None = None
    shapes: dict[str, dict[int, dict[str, Any]]] | None = None
    with tempfile.TemporaryDirectory(prefix="rectiplan-bench-") as temp:
        cwd = Path(temp) / "cwd"  # empty: no ./plans, so the bundled plan is used
        cwd.mkdir()
        pycache = None if args.no_pycache_prefix else Path(temp) / "pycache"
        if pycache is None:
            config["bytecode"] = "as the environment has it" + (
                " (PYTHONDONTWRITEBYTECODE is set: rectiplan recompiles on every run)"
                if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
            )  # fmt: skip
        else:
            config["bytecode"] = "cached for every variant in a fresh PYTHONPYCACHEPREFIX, filled by the warm-up"
        env = child_env(pycache)
        if pycache is not None and args.warmup == 0:
            log("note: --warmup 0 with a fresh bytecode cache: the first round compiles everything")
        if not args.skip_startup and not args.table_only:
            start = startup(args, cwd, env)
        if not args.skip_large and args.sizes and not args.table_only:
            # Fill the bytecode cache for what validation imports (the start-up section may not have run).
            run_child([sys.executable, "-m", "rectiplan", "validate", "--format", "parsable"], cwd=cwd, env=env)
            run_child([sys.executable, "-c", "import yaml"], cwd=cwd, env=env)
            large = validate(args, args.sizes, cwd, env)
        if not args.skip_summary:
            # Fill the bytecode cache for what summary imports; this run is not counted.
            run_child([sys.executable, "-m", "rectiplan", "summary", "--format", "json"], cwd=cwd, env=env)
            summary = summary_section(args, cwd, env)
        tables = None if args.skip_table else table_vs_json(args, cwd, env)
        edits = None if args.skip_edit else edit_section(args, cwd, env)
        exports = None if args.skip_export else export_section(args, cwd, env)
        if not args.skip_scale:
            run_child([sys.executable, "-m", "rectiplan", "validate", "--format", "parsable"], cwd=cwd, env=env)
            shapes = scale(args, cwd, env)
        completions = None if args.skip_completion else completion_section(args, cwd, env)
    info["loadavg_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    lines, raw = report(info, config, start, large, summary, shapes)
    if tables is not None:
        table_lines, raw["table"] = table_report(tables, config)
        failures = sum(len(variant.failures) for variants in tables.values() for variant in variants.values())
        lines += table_lines
        raw["failures"] += failures
        if failures:
            lines += ["", f"WARNING: {failures} run(s) of the table section failed; see stderr and the JSON."]
    if edits is not None:
        edit_lines, raw["edit"], failures = edit_report(edits, config)
        lines += edit_lines
        raw["failures"] += failures
        if failures:
            lines += ["", f"WARNING: {failures} run(s) of the edit section failed; see stderr and the JSON."]
    if exports is not None:
        export_lines, raw["export"], failures = export_report(exports, config)
        lines += export_lines
        raw["failures"] += failures
        if failures:
            lines += ["", f"WARNING: {failures} run(s) of the export section failed; see stderr and the JSON."]
    if completions is not None:
        completion_lines, raw["completion"], failures = completion_report(completions, config)
        lines += completion_lines
        raw["failures"] += failures
        if failures:
            lines += ["", f"WARNING: {failures} run(s) of the completion section failed; see stderr and the JSON."]
    print("\n".join(lines))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        log(f"raw numbers written to {args.json}")
    return 1 if raw["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
