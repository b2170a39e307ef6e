"""`rectiplan validate` and `rectiplan schema` agree: a plan is valid exactly when the JSON Schema accepts it, except
for the rules a JSON Schema cannot state (listed below with the reason)."""

from __future__ import annotations

import math
from typing import Any

import jsonschema
import pytest
from conftest import BUNDLED, ROOT, plan_text

from rectiplan.model import json_schema
from rectiplan.problems import Severity
from rectiplan.source import ALIASED, LongNumber, parse_document
from rectiplan.validate import load_plan_bytes

# Rules that compare values with each other (across fields, items or a roster), or need a calendar: a JSON Schema
# checks each value against its own form only.
BEYOND_THE_SCHEMA = {
    "duplicate-id": "ids unique across items",
    "measure-division": "a measure's divisions among its item's",
    "unknown-division": "divisions among the plan's roster",
    "similar-division": "a warning comparing names",
    "fullwidth-separator": "a hint about text that is valid text",
    "done-on-missing": "done_on required by the status's value (any case)",
    "done-on-unexpected": "done_on refused by the status's value",
    "closed-not-done": "closed_on only when done",
    "closed-before-done": "two dates compared",
    "progress-order": "dates of entries compared",
    "extension-not-later": "dates of entries compared",
    "warn-days-order": "two numbers compared",
    "bad-timezone": "the time zone database of the machine that reads the plan",
}
# A date of the right form that names no day (2021-02-30): the schema's pattern cannot know the calendar.
IMPOSSIBLE_DATE = "impossible"

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def schema_accepts(data: Any) -> bool:
    return VALIDATOR.is_valid(data)


def plain(value: Any) -> Any:
    """The loaded data as JSON would hold it; None when it holds what JSON cannot (an alias, a huge number)."""
    if value is ALIASED or isinstance(value, LongNumber) or (isinstance(value, float) and not math.isfinite(value)):
        raise ValueError
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def agree(raw: bytes, name: str) -> tuple[bool, bool] | None:
    """(validator says valid, schema accepts), ignoring the rules beyond the schema; None when the file is not data
    a schema can look at (YAML it cannot parse, an alias, a tag, a duplicate key: problems of the text)."""
    doc = parse_document(raw, name)
    if doc.data is None or doc.problems:
        return None
    try:
        data = plain(doc.data)
    except ValueError:
        return None
    problems = load_plan_bytes(raw, name).problems
    counted = [
        problem
        for problem in problems
        if problem.severity is Severity.ERROR
        and problem.code not in BEYOND_THE_SCHEMA
        and problem.params.get("reason") != IMPOSSIBLE_DATE
    ]
    return (not counted, schema_accepts(data))


def with_item_lines(*lines: str, drop: str | None = None) -> bytes:
    text = plan_text({})
    if drop:
        text = "".join(line for line in text.splitlines(keepends=True) if not line.strip().startswith(drop))
    return (text + "".join(f"    {line}\n" for line in lines)).encode("utf-8")


GENERATED = {
    "status DONE": with_item_lines("status: DONE", "done_on: 2021-08-01"),
    "status Ongoing no deadline": with_item_lines("status: Ongoing", drop="deadline:"),
    "status oNgoing no deadline": with_item_lines("status: oNgoing", drop="deadline:"),
    "status blank 长期坚持 no deadline": with_item_lines('status: " 长期坚持"', drop="deadline:"),
    "ongoing deadline null": with_item_lines("status: ongoing", "deadline_x: 1", drop="deadline:").replace(
        b"    deadline_x: 1\n", b"    deadline: null\n"
    ),
    "pending deadline null": with_item_lines("deadline: null", drop="deadline:"),
    "pending no deadline": with_item_lines(drop="deadline:"),
    "Arabic-Indic digits": plan_text({"deadline": "٢٠٢١-٠٨-٣١"}).encode("utf-8"),
    "full-width digits": plan_text({"deadline": "２０２１－０８－３１"}).encode("utf-8"),
    "mathematical digits": plan_text({"deadline": "𝟮𝟬𝟮𝟭-08-31"}).encode("utf-8"),
    "small hyphen": plan_text({"deadline": "2021﹣08﹣31"}).encode("utf-8"),
    "unknown status": with_item_lines("status: finished"),
}


def cases() -> list[Any]:
    files = sorted((ROOT / "tests" / "examples").rglob("*.yaml")) + [BUNDLED]
    found = [pytest.param(path.read_bytes(), id=str(path.relative_to(ROOT))) for path in files]
    found += [pytest.param(raw, id=name) for name, raw in GENERATED.items()]
    return found


@pytest.mark.parametrize("raw", cases())
def test_validate_and_the_schema_agree(raw):
    outcome = agree(raw, "x.yaml")
    if outcome is None:
        # Problems of the YAML text itself, before any data a schema could see: the validator must refuse it.
        assert not load_plan_bytes(raw, "x.yaml").ok
        return
    validator_valid, schema_valid = outcome
    assert validator_valid == schema_valid


def test_the_cases_that_disagreed_are_decided():
    assert agree(GENERATED["status DONE"], "x.yaml") == (True, True)
    assert agree(GENERATED["status oNgoing no deadline"], "x.yaml") == (True, True)
    assert agree(GENERATED["ongoing deadline null"], "x.yaml") == (True, True)
    assert agree(GENERATED["pending deadline null"], "x.yaml") == (False, False)
    assert agree(GENERATED["Arabic-Indic digits"], "x.yaml") == (False, False)
    assert agree(GENERATED["full-width digits"], "x.yaml") == (True, True)


def test_the_bundled_plan_validates_against_the_schema_the_cli_prints(run):
    """What an editor does with `rectiplan schema > plan.schema.json`: the printed schema is a valid Draft 2020-12
    schema, and the bundled plan (as YAML 1.2 reads it: dates are text) has not one error against it."""
    import json

    from rectiplan.discovery import bundled_plan_path

    printed = run("schema")
    assert printed.exit_code == 0
    schema = json.loads(printed.stdout)
    assert schema == json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in (BUNDLED, bundled_plan_path()):
        data = plain(parse_document(path.read_bytes(), path.name).data)
        assert len(data["items"]) == 31
        assert [error.message for error in validator.iter_errors(data)] == []
