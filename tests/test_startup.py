"""Start-up (issue 8): what a command does not need, it does not import or compute. These tests assert what is
imported and called, never how long anything takes (the times are in benchmarks/)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zoneinfo
from pathlib import Path

import pytest
import typer
from conftest import BUNDLED, plan_text

from rectiplan.cli import COMMANDS, app
from rectiplan.formats import FORMAT_BY_NAME, FORMAT_DESCRIPTIONS, FORMATS
from rectiplan.model import iana_zones, is_iana_zone, zone_file_listed
from rectiplan.validate import load_plan_bytes

OFFICE_AND_SCHEMA = ("openpyxl", "docx", "icalendar", "jsonschema")
# Runs the command line as the console script does (cli.main) and reports on stderr what it imported.
PROBE = """
import json, sys
sys.argv = ["rectiplan", *json.loads(sys.argv[1])]
from rectiplan.cli import main
try:
    main()
except SystemExit as done:
    status = done.code
sys.stderr.write("\\nMODULES " + json.dumps([status, sorted(sys.modules)]) + "\\n")
"""


def imported_by(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, set[str]]:
    """(exit status, the modules imported) of `rectiplan ARGS` run in a fresh interpreter from an empty folder."""
    base = {key: value for key, value in os.environ.items() if key not in ("RECTIPLAN_PLAN", "PYTHONPATH")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        cwd=tmp_path,
        env={**base, "NO_COLOR": "1", "COLUMNS": "100", **(env or {})},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    status, modules = json.loads(done.stderr.rpartition("\nMODULES ")[2])
    return status, set(modules)


def top_level(modules: set[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


PLAN = ("--plan", str(BUNDLED), "--as-of", "2021-09-01")


@pytest.mark.parametrize(
    "args",
    [
        ("overdue", *PLAN, "--format", "json"),
        ("list", *PLAN, "--format", "json"),
        ("list", *PLAN, "--format", "csv"),
        ("validate", str(BUNDLED)),
        ("validate", "--format", "json", str(BUNDLED)),
    ],
)
def test_machine_output_and_validate_do_not_import_rich(tmp_path, args):
    status, modules = imported_by(tmp_path, *args)
    assert status == 0
    assert "rich" not in top_level(modules)
    assert "typer.rich_utils" not in modules


@pytest.mark.parametrize("output_format", ["pretty", "parsable", "json"])
def test_validate_does_not_import_the_query_module(tmp_path, output_format):
    # Checking a plan needs the model, not the 台账's queries (six dataclasses and their module).
    status, modules = imported_by(tmp_path, "validate", "--format", output_format, str(BUNDLED))
    assert status == 0
    assert "rectiplan.query" not in modules


def test_validate_pretty_with_problems_does_not_import_rich(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(plan_text({"deadline": "2021-02-30"}), encoding="utf-8")
    status, modules = imported_by(tmp_path, "validate", str(broken))
    assert status == 1
    assert "rich" not in top_level(modules)


@pytest.mark.parametrize("command", ["list", "overdue"])
@pytest.mark.parametrize("output_format", ["table", "json", "csv"])
def test_list_and_overdue_do_not_import_office_libraries_or_jsonschema(tmp_path, command, output_format):
    status, modules = imported_by(tmp_path, command, *PLAN, "--format", output_format)
    assert status == 0
    assert not top_level(modules) & set(OFFICE_AND_SCHEMA)


def test_a_command_imports_its_own_module_only(tmp_path):
    status, modules = imported_by(tmp_path, "overdue", *PLAN, "--format", "json")
    assert status == 0
    command_modules = {f"rectiplan.cli.{where.partition(':')[0]}" for where in COMMANDS.values()}
    assert modules & command_modules == {"rectiplan.cli.overdue"}


def test_help_imports_every_command_and_lists_them_in_table_order(tmp_path, run):
    # The commands panel is the table's order, and `rectiplan --help` builds every command to show its help.
    out = run("--help", env={"COLUMNS": "200"}).stdout
    positions = [out.index(f"│ {name} ") for name in COMMANDS]
    assert positions == sorted(positions)
    status, modules = imported_by(tmp_path, "--help")
    assert status == 0
    assert {f"rectiplan.cli.{where.partition(':')[0]}" for where in COMMANDS.values()} <= modules


def test_the_group_lists_the_table_and_builds_a_command_when_asked():
    group = typer.main.get_command(app)
    assert list(group.commands) == list(COMMANDS)  # type: ignore[attr-defined]
    assert group.get_command(typer.Context(group), "overdue").name == "overdue"  # type: ignore[attr-defined]
    assert group.get_command(typer.Context(group), "no-such-command") is None  # type: ignore[attr-defined]


def test_the_help_patch_is_undone_after_help(run):
    from typer import rich_utils

    before = (rich_utils.Table, rich_utils.Columns, rich_utils._get_rich_console)  # type: ignore[attr-defined]
    assert run("list", "--help").exit_code == 0
    assert (rich_utils.Table, rich_utils.Columns, rich_utils._get_rich_console) == before  # type: ignore[attr-defined]


# --- Pydantic plugins -------------------------------------------------------------------------------------------

# Counts pydantic's look-ups of its plugins' entry points while the command line runs.
PLUGIN_PROBE = """
import importlib.metadata, json, os, sys
looked = []
original = importlib.metadata.entry_points
def entry_points(**selection):
    if selection.get("group") == "pydantic":
        looked.append(1)
    return original(**selection)
importlib.metadata.entry_points = entry_points
sys.argv = ["rectiplan", "overdue", "--plan", sys.argv[1], "--as-of", "2021-09-01", "--format", "json"]
from rectiplan.cli import main
try:
    main()
except SystemExit as done:
    status = done.code
sys.stderr.write("\\nPROBE " + json.dumps([status, len(looked), os.environ.get("PYDANTIC_DISABLE_PLUGINS")]) + "\\n")
"""


def plugin_lookups(tmp_path: Path, env: dict[str, str]) -> tuple[int, int, str | None]:
    base = {key: value for key, value in os.environ.items() if key not in ("PYDANTIC_DISABLE_PLUGINS", "PYTHONPATH")}
    done = subprocess.run(
        [sys.executable, "-c", PLUGIN_PROBE, str(BUNDLED)],
        cwd=tmp_path,
        env={**base, **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    status, looked, variable = json.loads(done.stderr.rpartition("\nPROBE ")[2])
    return status, looked, variable


def test_the_command_line_does_not_look_for_pydantic_plugins(tmp_path):
    status, looked, variable = plugin_lookups(tmp_path, {})
    assert (status, looked) == (0, 0)
    assert variable is None  # set for the run only


@pytest.mark.parametrize("value", ["", "logfire"])
def test_a_pydantic_plugins_setting_of_the_user_is_kept(tmp_path, value):
    # Empty (or naming only some plugins to leave out): pydantic loads the plugins, as the user asked.
    status, looked, variable = plugin_lookups(tmp_path, {"PYDANTIC_DISABLE_PLUGINS": value})
    assert status == 0 and looked >= 1
    assert variable == value


# --- time zones ---------------------------------------------------------------------------------------------------


def test_a_valid_zone_is_found_without_listing_the_zone_database(monkeypatch):
    # The full list reads every file of the database; a plan's valid zone is looked up on its own path.
    def listing() -> set[str]:
        raise AssertionError("the zone database was listed")

    iana_zones.cache_clear()
    monkeypatch.setattr(zoneinfo, "available_timezones", listing)
    try:
        result = load_plan_bytes(plan_text({}, header="title: t\ntimezone: Asia/Shanghai\n").encode(), "p.yaml")
    finally:
        iana_zones.cache_clear()
    assert result.ok


@pytest.mark.skipif(not any(Path(root).is_dir() for root in zoneinfo.TZPATH), reason="no system zone database")
def test_the_zone_lookup_agrees_with_the_full_list():
    listed = zoneinfo.available_timezones()
    assert all(zone_file_listed(zone) for zone in listed)
    near_misses = [
        "asia/shanghai", "ASIA/SHANGHAI", "Asia", "Asia/", "/Asia/Shanghai", "Asia//Shanghai", "./UTC", "Asia/./Shanghai",
        "../zoneinfo/UTC", "posix/UTC", "right/UTC", "posix/Asia/Shanghai", "localtime", "posixrules", "Factory",
        "zone.tab", "zone1970.tab", "tzdata.zi", "iso3166.tab", "leapseconds", "UTC\0", "", "Asia/Shanghai/", "Etc",
        "Asia/Beijing", "北京", "/etc/localtime", "Asia/Shanghai.", " Asia/Shanghai",
    ]  # fmt: skip
    for name in [*sorted(listed), *near_misses]:
        assert is_iana_zone(name) == (name in iana_zones()), name
        assert not zone_file_listed(name) or name in listed, name


@pytest.mark.parametrize(
    ("args", "format_modules"),
    [
        (("overdue", *PLAN, "--format", "json"), {"rectiplan.formats.json"}),
        (("overdue", *PLAN, "--format", "csv"), {"rectiplan.formats.csv"}),
        (("overdue", *PLAN), {"rectiplan.formats.table"}),
        (("validate", str(BUNDLED)), set()),
    ],
)
def test_a_command_imports_only_the_output_format_it_writes(tmp_path, args, format_modules):
    # The registry names the formats and describes them for --help without importing their modules.
    status, modules = imported_by(tmp_path, *args)
    assert status == 0
    every = {f"rectiplan.formats.{module}" for module, _, _ in FORMATS.values()}
    assert modules & every == format_modules


def test_the_format_registry_describes_each_format_as_its_class_does():
    assert list(FORMAT_BY_NAME) == list(FORMATS) == ["table", "json", "csv"]
    for name, description in FORMAT_DESCRIPTIONS.items():
        fmt = FORMAT_BY_NAME[name]
        assert (fmt.name, fmt.description) == (name, description)
        assert FORMAT_BY_NAME[name] is fmt  # built once
    with pytest.raises(KeyError):
        FORMAT_BY_NAME["xml"]


def test_only_the_parameters_given_a_value_build_their_coercion(monkeypatch, run):
    # Typer builds a pydantic TypeAdapter per parameter; one left out (None) needs none, and gets None or () as before.
    import typer.core

    built: list[str] = []
    build = typer.core.build_runtime_param

    def counting(descriptor):
        built.append(repr(descriptor.annotation))
        return build(descriptor)

    monkeypatch.setattr(typer.core, "build_runtime_param", counting)
    result = run("overdue", *PLAN, "--format", "json", "--division", "规配处")
    assert result.exit_code == 0, result.output
    # --as-of, --plan, --division and --format; the dozen options left out built nothing.
    assert sorted(built) == ["<class 'str'>", "list[str]", "list[str]", "typing.Literal['table', 'json', 'csv']"]
    records = json.loads(result.stdout)
    assert records and all("规配处" in record["divisions"] for record in records)


# Runs the command line as `python -m rectiplan` does (launch.main), with the collector as the host left it.
COLLECTOR_PROBE = """
import functools, gc, json, sys
if sys.argv[1] == "paused-by-host":
    gc.disable()
seen = []
import rectiplan.cli.overdue as command
real = command.overdue_items
@functools.wraps(real)
def watched(*args, **kwargs):
    seen.append(gc.isenabled())
    return real(*args, **kwargs)
command.overdue_items = watched
sys.argv = ["rectiplan", *json.loads(sys.argv[2])]
from rectiplan.launch import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nGC " + json.dumps([seen, gc.isenabled(), gc.get_freeze_count() > 0]) + "\\n")
"""


def collector_seen(tmp_path: Path, host: str, *args: str) -> list[object]:
    done = subprocess.run(
        [sys.executable, "-c", COLLECTOR_PROBE, host, json.dumps(args)],
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    result: list[object] = json.loads(done.stderr.rpartition("\nGC ")[2])
    return result


def test_the_command_line_pauses_the_collector_for_start_up_and_resumes_it_for_the_command(tmp_path):
    # [collector on while the command ran, on at the end, start-up's objects frozen]
    seen = collector_seen(tmp_path, "collecting", "overdue", *PLAN, "--format", "json")
    assert seen == [[True], True, True]


def test_a_collector_the_host_paused_stays_paused(tmp_path):
    seen = collector_seen(tmp_path, "paused-by-host", "overdue", *PLAN, "--format", "json")
    assert seen == [[False], False, False]


@pytest.mark.parametrize(
    "args",
    [("overdue", *PLAN), ("list", *PLAN), ("summary", *PLAN), ("show", "3", "--plan", str(BUNDLED)), ("due", *PLAN)],
)
def test_tables_written_to_a_pipe_do_not_import_rich_console(tmp_path, args):
    # Plain lines need only the width: Rich's console (a tenth of a Typer command line's start-up) is for colour.
    status, modules = imported_by(tmp_path, *args)
    assert status in (0, 3)
    assert "rectiplan.formats.layout" in modules or "rectiplan.report" in modules
    assert "rich.console" not in modules
