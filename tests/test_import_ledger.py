"""An exported 台账 imports back: a table written with the exporters' own cell forms (sheet.encode_*) under the
sheet.LEDGER headings, zh or en, a merged title row above and a summary sheet after, gives back the plan. The
exporters themselves are another branch's; this holds the import's side of `import(export(plan)) == plan`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from import_tables import Value, write_csv, write_docx, write_xlsx
from test_bundled_plan import PLAN_PATH
from typer.testing import Result

from rectiplan import sheet
from rectiplan.model import STATUS_LABELS_ZH, Extension, Plan, Progress, Status
from rectiplan.validate import load_plan, load_plan_bytes


def ledger_rows(plan: Plan, lang: str, *, real_dates: bool) -> list[list[Value]]:
    headings: list[Value] = [column.heading(lang) for column in sheet.LEDGER]
    rows: list[list[Value]] = [[plan.title, *[""] * (len(headings) - 1)], headings]
    for item in plan.items:

        def day(value: date | None) -> Value:
            return value if real_dates and value is not None else sheet.encode_date(value)

        values: dict[str, Value] = {
            "id": str(item.id),
            "topic": item.topic,
            "issue": item.issue,
            "measures": sheet.encode_list([measure.text for measure in item.measures]),
            "evidence": sheet.encode_list(item.evidence) if item.evidence else "",
            "deadline": day(item.deadline),
            "divisions": sheet.encode_divisions(item.divisions, item.measures),
            "people": sheet.encode_people(item.leader, item.owner),
            "status": STATUS_LABELS_ZH[item.status] if lang == "zh" else item.status.value,
            # Worked out as of a date: written for people, never read back.
            "effective_deadline": day(item.extensions[-1].to if item.extensions else item.deadline),
            "days": "-3",
            "level": "红色预警" if lang == "zh" else "red",
            "done_on": day(item.done_on),
            "closed_on": day(item.closed_on),
            "progress": sheet.encode_progress(item.progress),
            "extensions": sheet.encode_extensions(item.extensions),
            "materials": sheet.encode_list(item.materials) if item.materials else "",
            "notes": item.notes or "",
        }
        rows.append([values[column.key] for column in sheet.LEDGER])
    return rows


def tracked(plan: Plan) -> Plan:
    """The bundled plan with the 台账's tracking fields filled on a few items."""
    items = list(plan.items)
    items[0] = items[0].model_copy(
        update={
            "status": Status.DONE,
            "done_on": date(2021, 8, 1),
            "closed_on": date(2021, 8, 15),
            "materials": ["培训通知.pdf", "签到表.xlsx"],
            "progress": [
                Progress(on=date(2021, 7, 1), text="已发通知", by="农村处"),
                Progress(on=date(2021, 8, 1), text="办班"),
            ],
            "notes": "按期完成",
        }
    )
    items[1] = items[1].model_copy(
        update={
            "status": Status.IN_PROGRESS,
            "extensions": [Extension(to=date(2022, 3, 31), reason="等待指南发布", approved_on=date(2021, 12, 1))],
        }
    )
    return plan.model_copy(update={"items": items})


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["xlsx", "docx", "csv"])
def test_an_exported_ledger_imports_back(run: Callable[..., Result], tmp_path: Path, fmt: str, lang: str) -> None:
    plan = tracked(load_plan(PLAN_PATH).plan)
    rows = ledger_rows(plan, lang, real_dates=fmt == "xlsx")
    width = len(rows[0])
    path = tmp_path / f"台账.{fmt}"
    if fmt == "xlsx":
        summary: list[list[Value]] = [["责任处室", "事项"], ["农村处", 3]]
        write_xlsx(path, rows, merges=[((0, 0), (0, width - 1))], sheet="台账", more_sheets=[("汇总", summary)])
    elif fmt == "docx":
        write_docx(path, rows[1:], before=["附件", plan.title])
    else:
        write_csv(path, rows, bom=True)
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    imported: Any = load_plan_bytes(result.stdout.encode(), "back.yaml").plan
    # The issuer is not a column of the 台账.
    assert imported == plan.model_copy(update={"issuer": None})
