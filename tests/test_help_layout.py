"""Help for every command at every width: nothing cut with "…", every word of every option's help shown."""

from __future__ import annotations

import re

import pytest
import typer

from rectiplan.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
# Box drawing and spaces: a word folded at the end of a cell goes on under it, so without them it reads whole.
FRAME = re.compile(r"[\s│╭╮╰╯─]")


def _help_texts(name: str | None) -> list[str]:
    group = typer.main.get_command(app)
    command = group.commands[name] if name else group  # type: ignore[attr-defined]
    # The params as help shows them (get_params gives Typer's completion options their Chinese gloss).
    params = command.get_params(typer.Context(command))
    texts = [param.help for param in params if getattr(param, "help", None)]
    if name is None:
        texts += [sub.help.split("\n\n")[0] for sub in group.commands.values() if sub.help]  # type: ignore[attr-defined]
    return texts


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_help_is_never_cut_and_shows_every_word_at_every_width(run, name):
    texts = _help_texts(name)
    source = " ".join(texts)
    for width in ("40", "80", "100", "160"):
        out = run(*([name] if name else []), "-h", env={"COLUMNS": width}).stdout
        assert out.count("…") <= source.count("…"), (name, width)
        flat = FRAME.sub("", out)
        for help_text in texts:
            for word in help_text.split():
                shown = FRAME.sub("", word).replace("\\[", "[")  # Rich markup escapes are not shown
                assert shown in flat, (name, width, word)


def test_the_commands_panel_breaks_a_command_help_only_where_the_terminal_ends(run):
    # A docstring's own line breaks once broke "due-soon | items" in the middle of a wide terminal.
    out = run("-h", env={"COLUMNS": "200"}).stdout
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        first = " ".join(command.help.split("\n\n")[0].split())
        assert any(first in line for line in out.splitlines()), name


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_piped_help_has_no_line_ending_in_spaces(run, name):
    for width in ("40", "80", "100"):
        out = run(*([name] if name else []), "-h", env={"COLUMNS": width}).stdout
        assert not [line for line in out.splitlines() if line != line.rstrip()], (name, width)


@pytest.mark.parametrize(("name", "choices"), [
    ("export", ["ics", "md", "csv", "json", "xlsx", "docx"]),
    ("validate", ["pretty", "parsable", "json", "github", "gitlab"]),
])  # fmt: skip
def test_format_choices_are_never_split_inside_a_name(run, name, choices):
    for width in ("80", "100", "160"):
        out = run(name, "-h", env={"COLUMNS": width}).stdout
        [line] = [line for line in out.splitlines() if "--format" in line]
        start = line.index("--format")
        column = line.index(choices[0], start)
        shown = []
        for number, following in enumerate(out.splitlines()[out.splitlines().index(line) :]):
            cell = following[column:].split(" ")[0]
            if not cell or not cell[0].isalpha() or (number and following[:column].strip("│ ")):
                break  # the end of the cell, or the next option
            shown.append(cell)
        # Each line of the cell holds whole choices: `doc` / `x` would read as two unknown names.
        assert [choice for cell in shown for choice in cell.split("|") if choice] == choices, (name, width, shown)


CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_every_option_has_a_chinese_gloss(run, name):
    """As the README says: "English. 中文。" help on every option, Typer's completion options too."""
    out = run(*([name] if name else []), "-h", env={"COLUMNS": "250"}).stdout
    options = [line for line in out.splitlines() if re.match(r"│ +--?\w", line)]
    assert options
    assert [line for line in options if not CJK.search(line)] == []


def test_the_completion_options_show_that_they_take_a_shell(run):
    out = run("-h", env={"COLUMNS": "250"}).stdout
    assert re.search(r"--install-completion +\[SHELL\]", out) and re.search(r"--show-completion +\[SHELL\]", out)
