"""A Word table built to look like the published attachment of the bundled plan imports to the bundled plan.

The table is made from the text dump of the attachment (tests/data/2020_social_evaluation_plan.txt): "附件" and
the title as paragraphs, the 8 headings, the header repeated where a page would break, every cell's lines as
paragraphs, grouped divisions, `A/B` people and the original's typos as they are. The import must give the plan
that was transcribed by hand, but for two judgements the transcription made that the table cannot carry.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from import_tables import lost_pieces, write_docx
from test_bundled_plan import PLAN_PATH, SEED_PATH, parse_seed
from typer.testing import Result

from rectiplan.validate import load_plan, load_plan_bytes


def test_the_published_attachment_imports_to_the_bundled_plan(run: Callable[..., Result], tmp_path: Path) -> None:
    title, header, rows = parse_seed(SEED_PATH)
    # A page of 15 rows, then the header again, as Word repeats it on every page.
    table = [header, *rows[:15], header, *rows[15:]]
    path = write_docx(tmp_path / "附件.docx", table, before=["附件", title])
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert "31 items written" in result.stderr
    assert "The plan validates." in result.stderr
    imported = load_plan_bytes(result.stdout.encode(), "imported.yaml").plan
    bundled = load_plan(PLAN_PATH).plan

    # 1. The issuer (自治区科技厅) is read from the title by a person, not written in any cell.
    assert bundled.issuer == "自治区科技厅" and imported.issuer is None
    # 2. Item 26's 责任处室 "（1）规配处、审批办，（2）基础处" names two groups for five measures: the transcription
    # judged that group 1 covers measures 1-2 and group 2 measures 3-5; the table does not say so, so the import
    # gives the item all three units and no measure its own (and says so in the report).
    bundled_26 = next(item for item in bundled.items if item.id == 26)
    imported_26 = next(item for item in imported.items if item.id == 26)
    assert [m.divisions for m in bundled_26.measures] == [["规配处", "审批办"]] * 2 + [["基础处"]] * 3
    assert [m.divisions for m in imported_26.measures] == [[]] * 5
    assert imported_26.divisions == bundled_26.divisions == ["规配处", "审批办", "基础处"]
    # Row 28 of the table: the header, 26 rows, the header again.
    assert "table 1, row 28, 责任处室: 2 numbered groups of units for 5 measures" in result.stderr
    # Everything else is exactly the bundled plan.
    fixed_26 = imported_26.model_copy(update={"measures": bundled_26.measures})
    items = [fixed_26 if item.id == 26 else item for item in imported.items]
    assert imported.model_copy(update={"issuer": bundled.issuer, "items": items}) == bundled
    # Nothing lost: every piece of every cell is in the plan.
    cells = [cell for row in rows for c, cell in enumerate(row) if c != 5]
    assert lost_pieces(cells, imported.model_dump(mode="json")) == []
