"""Shell completion through the protocol the shells speak: Typer's scripts set _RECTIPLAN_COMPLETE and the words
typed (COMP_WORDS/COMP_CWORD for bash, _TYPER_COMPLETE_ARGS for zsh, fish and PowerShell), and read stdout.

Most cases run in-process through CliRunner (the same Click entry, faster); a few run the installed console script
and `python -m rectiplan` as a shell would, where start-up, stream set-up and the exit path are the real ones."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUNDLED, plan_text
from typer.testing import CliRunner, Result

from rectiplan.cli import app
from rectiplan.cli.complete import STATUS_LABELS
from rectiplan.model import STATUS_LABELS_ZH

PLAN = plan_text(
    {"division": "农村处"},
    {"division": "社发处", "extra": "    status: in_progress\n"},
    {"division": "社会处", "id": 7},
)
# People and topics differ per item, to show each is collected once and in file order.
PLAN = PLAN.replace("owner: 潘红雄", "owner: 张士军", 1).replace("topic: 反馈问题整改", "topic: 定点帮扶", 1)
ISOLATED = ("RECTIPLAN_PLAN", "RECTIPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR", "_TYPER_COMPLETE_ARGS")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder to complete in, as the current folder; discovery then finds ./plans/ when written."""
    monkeypatch.chdir(tmp_path)
    for name in ISOLATED:
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture
def plans(folder: Path) -> Path:
    (folder / "plans").mkdir()
    (folder / "plans" / "week.yaml").write_text(PLAN, encoding="utf-8")
    return folder


def bash_env(line: str) -> dict[str, str]:
    """What the bash script sets for `line`: the words as typed (quotes kept), the last one being completed."""
    words = line.split(" ")
    return {"_RECTIPLAN_COMPLETE": "complete_bash", "COMP_WORDS": " ".join(words), "COMP_CWORD": str(len(words) - 1)}


def shell_env(shell: str, line: str) -> dict[str, str]:
    if shell == "bash":
        return bash_env(line)
    env = {"_RECTIPLAN_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    if shell == "powershell":
        env["_TYPER_COMPLETE_WORD_TO_COMPLETE"] = "" if line.endswith(" ") else line.split()[-1]
    return env


def complete(line: str, shell: str = "bash", env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(app, [], env={**shell_env(shell, line), **(env or {})}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result


def values(line: str, env: dict[str, str] | None = None) -> list[str]:
    out = complete(line, env=env).stdout
    # No values is one empty line, which the shell's command substitution drops.
    return out.removesuffix("\n").split("\n") if out.strip("\n") else []


def console(line: str, cwd: Path, shell: str = "bash", *, module: bool = False) -> subprocess.CompletedProcess[str]:
    """Complete as a shell does: the console script (or `python -m rectiplan`) in a fresh process."""
    script = shutil.which("rectiplan", path=os.path.dirname(sys.executable))
    argv = [sys.executable, "-m", "rectiplan"] if module or script is None else [script]
    env = {key: value for key, value in os.environ.items() if key not in ISOLATED}
    return subprocess.run(
        argv,
        cwd=cwd,
        env={**env, **shell_env(shell, line)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


# --- values -----------------------------------------------------------------------------------------------------


def test_divisions_through_the_console_script(plans):
    done = console("rectiplan list --division ", plans)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == ["农村处", "社发处", "社会处"]


def test_a_prefix_narrows_the_values(plans):
    assert values("rectiplan list --division 社") == ["社发处", "社会处"]
    assert values("rectiplan overdue -d 社发") == ["社发处"]
    assert values("rectiplan list --division 无") == []


def test_divisions_named_only_on_a_measure_are_offered(folder):
    (folder / "plans").mkdir()
    measure = "    measures:\n      - text: 措施\n        divisions: [审批办]\n"
    text = plan_text({}).replace("    measures:\n      - 措施1\n", measure)
    (folder / "plans" / "p.yaml").write_text(text, encoding="utf-8")
    assert values("rectiplan due --division ") == ["农村处", "审批办"]


def test_people_are_leaders_and_owners_once_each(plans):
    assert values("rectiplan list --person ") == ["唐咸来", "张士军", "潘红雄"]
    assert values("rectiplan remind --person 潘") == ["潘红雄"]


def test_topics(plans):
    assert values("rectiplan summary --topic ") == ["定点帮扶", "反馈问题整改"]


def test_statuses_in_english_then_chinese_once_typed(plans):
    assert values("rectiplan list --status ") == ["pending", "in_progress", "done", "ongoing"]
    assert values("rectiplan list --status in") == ["in_progress"]
    assert values("rectiplan list --status 已") == ["已完成"]
    assert values("rectiplan list --status 长") == ["长期坚持"]
    assert values("rectiplan set-status 1 d") == ["done"]


def test_the_statuses_are_the_models(plans):
    assert STATUS_LABELS == {status.value: label for status, label in STATUS_LABELS_ZH.items()}


@pytest.mark.parametrize("command", ["show", "start", "done", "set-status", "note", "extend", "attach", "close"])
def test_item_ids_for_every_command_taking_one(plans, command):
    assert values(f"rectiplan {command} ") == ["1", "2", "7"]


def test_ids_after_ids_and_by_prefix(plans):
    assert values("rectiplan show 1 ") == ["1", "2", "7"]
    assert values("rectiplan show 7") == ["7"]


def test_format_and_lang_choices(plans):
    assert values("rectiplan list --format ") == ["table", "json", "csv"]
    assert values("rectiplan show -f ") == ["text", "json"]
    assert values("rectiplan --lang ") == ["zh", "en"]
    assert values("rectiplan list --lang e") == ["en"]


def test_commands_and_options_complete_too(plans):
    assert values("rectiplan ov") == ["overdue"]
    assert "--division" in values("rectiplan list --")
    assert "--install-completion" in values("rectiplan --")


def test_without_plans_the_bundled_plan_is_what_a_command_reads(folder):
    assert values("rectiplan show ") == [str(number) for number in range(1, 32)]


def test_the_plan_named_on_the_line_is_the_one_read(plans, folder):
    other = folder / "other.yaml"
    other.write_text(plan_text({"division": "人才处", "id": 40}), encoding="utf-8")
    assert values("rectiplan list --plan other.yaml --division ") == ["人才处"]
    assert values("rectiplan start -p other.yaml ") == ["40"]
    assert values(f"rectiplan show --plan {BUNDLED} --plan other.yaml 4") == ["4", "40"]


def test_rectiplan_plan_is_honoured(plans, folder):
    other = folder / "other.yaml"
    other.write_text(plan_text({"division": "人才处"}), encoding="utf-8")
    assert values("rectiplan list --division ", env={"RECTIPLAN_PLAN": str(other)}) == ["人才处"]


# --- what the shells are shown ----------------------------------------------------------------------------------


def test_zsh_shows_each_ids_topic(plans):
    out = complete("rectiplan show ", "zsh").stdout
    assert out == '_arguments \'*: :(("1":"定点帮扶"\n"2":"反馈问题整改"\n"7":"反馈问题整改"))\'\n'


def test_fish_and_powershell_show_help_beside_each_value(plans):
    assert complete("rectiplan start ", "fish").stdout.splitlines()[0] == "1\t定点帮扶"
    assert complete("rectiplan list --status d", "fish").stdout == "done\t已完成\n"
    assert complete("rectiplan close 7", "powershell").stdout == "7:::反馈问题整改\n"


def test_help_is_plan_text_not_rich_markup(folder):
    (folder / "plans").mkdir()
    text = plan_text({}).replace("topic: 反馈问题整改", "topic: '[bold]重点[/bold]'")
    (folder / "plans" / "p.yaml").write_text(text, encoding="utf-8")
    assert complete("rectiplan show ", "fish").stdout == "1\t[bold]重点[/bold]\n"


def test_zsh_falls_back_to_files_when_nothing_matches(plans):
    assert complete("rectiplan list --division 无", "zsh").stdout == "_files\n"


def test_the_protocol_end_to_end_in_every_shell(plans):
    for shell, expected in (
        ("bash", "社发处\n社会处\n"),
        ("zsh", '_arguments \'*: :(("社发处"\n"社会处"))\'\n'),
        ("fish", "社发处\n社会处\n"),
        ("powershell", "社发处::: \n社会处::: \n"),
    ):
        done = console("rectiplan list --division 社", plans, shell)
        assert (done.returncode, done.stdout, done.stderr) == (0, expected, ""), shell


def test_python_dash_m_answers_the_same_protocol(plans):
    done = console("rectiplan start ", plans, module=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "1\n2\n7\n", "")


# --- never an error ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"title: [unclosed\n",  # not YAML
        b"- a list\n- not a plan\n",
        b"title: x\nitems: 3\n",
        b"\xff\xfeg\x00\xd8\x00",  # UTF-16 that breaks off
        b"\x80\x81 not UTF-8: \xb2\xbb\n",
        "items:\n  - &i {id: 1, divisions: [农村处]}\n  - *i\n".encode(),  # an alias: a plan may not have one
        b"",
    ],
)
def test_a_broken_plan_gives_no_values_and_no_error(folder, raw):
    (folder / "plans").mkdir()
    (folder / "plans" / "broken.yaml").write_bytes(raw)
    assert values("rectiplan list --division ") == []
    assert values("rectiplan show ") == []


def test_a_broken_plan_beside_a_good_one_leaves_the_good_ones_values(plans):
    (plans / "plans" / "zz-broken.yaml").write_text("items: [\n", encoding="utf-8")
    assert values("rectiplan list --division ") == ["农村处", "社发处", "社会处"]


def test_a_broken_plan_through_the_console_script(folder):
    (folder / "plans").mkdir()
    (folder / "plans" / "broken.yaml").write_text("items:\n  - id: [\n", encoding="utf-8")
    done = console("rectiplan show ", folder)
    assert (done.returncode, done.stdout, done.stderr) == (0, "\n", "")


def test_names_a_shell_could_not_take_are_left_out(folder):
    (folder / "plans").mkdir()
    text = plan_text({"division": '"两行\\n处室"'}, {"division": "农村处"})
    (folder / "plans" / "p.yaml").write_text(text, encoding="utf-8")
    assert values("rectiplan list --division ") == ["农村处"]


def test_quoted_or_odd_ids_are_not_ids(folder):
    (folder / "plans").mkdir()
    text = plan_text({"id": '"3"'}, {"id": "0"}, {"id": "x"}, {"id": 12})
    (folder / "plans" / "p.yaml").write_text(text, encoding="utf-8")
    assert values("rectiplan show ") == ["12"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_out_of_the_plans_folder_is_not_read(folder):
    outside = folder / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(plan_text({"division": "机密处"}), encoding="utf-8")
    (folder / "plans").mkdir()
    (folder / "plans" / "week.yaml").write_text(plan_text({"division": "农村处"}), encoding="utf-8")
    (folder / "plans" / "link.yaml").symlink_to(outside / "secret.yaml")
    assert values("rectiplan list --division ") == ["农村处"]


def test_an_empty_plan_path_or_a_folder_without_plans_gives_nothing(folder):
    (folder / "empty").mkdir()
    assert values("rectiplan list --plan empty --division ") == []
    assert values("rectiplan list --plan '' --division ") == []
    assert values("rectiplan list --plan missing.yaml --division ") == []


def test_nothing_but_completions_is_printed(plans):
    # A bad RECTIPLAN_LANG is warned about on every run, but not into a shell's completion; nor is --version run.
    assert values("rectiplan --lang ", env={"RECTIPLAN_LANG": "xx"}) == ["zh", "en"]
    assert values("rectiplan --version list --d") == ["--division", "--due-before", "--due-after"]
    assert "农村处" not in values("rectiplan nosuchcommand --division ")
    assert values("rectiplan due --within notanumber --division 农") == ["农村处"]


# --- plan text is never shell code -----------------------------------------------------------------------------

# Divisions no shell takes back as written, each as YAML writes it, beside a few it does. Plans come from
# colleagues and merge requests: a value is put on the command line (bash, PowerShell) or evaluated (zsh).
HOSTILE_DIVISIONS = [
    r'"\\"',  # a backslash that escaped zsh's closing quote
    r'") ; touch PWN ; x=(\\"',
    '"$(touch PWN)"',
    '"`id`"',
    '"*"',  # bash globbed it into the names of the current folder's files
    '"a;b"',
    '"A&B"',
    '"科技处(办公室)"',  # ASCII parentheses: a syntax error unquoted in bash
    '"两 处"',
    '"x\'y"',
    r'"q\"r"',
    '"a:b"',
    '"~x"',
    '"-x"',
    '"#x"',
    '"a,b"',
    r'"\u202eevil"',  # a bidi override hides what is on the line
    r'"\u201c引号\u201d"',  # PowerShell reads typographic quotes as quotes
    r'"全角\u3000空格"',
]
SAFE_DIVISIONS = ["农村处", "科技处（办公室）", "ok-1.2/b+c", "阿不都·热合曼"]
HOSTILE_TOPIC = r'''"a:b $(touch PWN) `id` it's \"q\" x\\ \\:y"'''


def hostile_plan(folder: Path) -> None:
    (folder / "plans").mkdir()
    divisions = ", ".join(HOSTILE_DIVISIONS + SAFE_DIVISIONS)
    text = f"title: t\nitems:\n  - id: 1\n    topic: {HOSTILE_TOPIC}\n    divisions: [{divisions}]\n"
    text += "  - id: 2\n    topic: '\\'\n    leader: \"$(touch PWN)\"\n    owner: 张三\n"
    (folder / "plans" / "h.yaml").write_text(text, encoding="utf-8")
    (folder / "file-in-cwd").write_text("", encoding="utf-8")


def test_only_values_every_shell_takes_as_written_are_offered(folder):
    hostile_plan(folder)
    assert values("rectiplan list --division ") == SAFE_DIVISIONS
    assert values("rectiplan list --person ") == ["张三"]
    assert values("rectiplan list --topic ") == []
    assert complete("rectiplan list --division ", "fish").stdout == "\n".join(SAFE_DIVISIONS) + "\n"
    assert complete("rectiplan list --division ", "powershell").stdout == "".join(f"{v}::: \n" for v in SAFE_DIVISIONS)
    assert complete("rectiplan list --division ", "zsh").stdout == (
        "_arguments '*: :((" + "\n".join(f'"{v}"' for v in SAFE_DIVISIONS) + "))'\n"
    )
    assert not (folder / "PWN").exists()


def test_the_zsh_answer_escapes_help_for_both_evaluations(folder):
    # zsh evaluates the answer (single quotes), then _arguments evaluates the ((…)) words (double quotes), then
    # _describe takes `\x` as x and an unescaped `:` as the end of the value. Checked in a real zsh 5.9 by hand:
    # the help shows as the plan writes it (runs of spaces become one) and nothing runs.
    hostile_plan(folder)
    topic = r"a\\:b \$(touch PWN) \`id\` it'\''s \"q\" x\\\\ \\\\\\:y"
    assert complete("rectiplan show ", "zsh").stdout == f"""_arguments '*: :(("1":"{topic}"\n"2":"\\\\\\\\"))'\n"""


@pytest.mark.parametrize(
    ("value", "answer"),
    [
        ("\\", r'"\\\\"'),
        (") ; touch PWN ; x=(\\", r'") ; touch PWN ; x=(\\\\"'),
        ("$(id)", r'"\$(id)"'),
        ("`id`", r'"\`id\`"'),
        ("x'y", "\"x'\\''y\""),
        ('q"r', r'"q\"r"'),
        ("a:b", r'"a\\:b"'),
        ("e\\:f", r'"e\\\\\\:f"'),
    ],
)
def test_the_zsh_answer_escapes_any_value(value, answer):
    # Values that need escaping are not offered, but the answer must hold for whatever reaches it: these are the
    # answers a real zsh 5.9 put on the line as q\"r, e\\:f, \$\(id\) …, with nothing run.
    from types import SimpleNamespace

    from rectiplan.cli.complete import _zsh_completion

    assert _zsh_completion(None, SimpleNamespace(value=value, help=None)) == answer


def test_bash_neither_globs_nor_runs_plan_values(folder):
    hostile_plan(folder)
    bash = shutil.which("bash")
    script = shutil.which("rectiplan", path=os.path.dirname(sys.executable))
    if bash is None or script is None:
        pytest.skip("needs bash and the installed console script")
    env = {key: value for key, value in os.environ.items() if key not in ISOLATED}
    env = {**env, "PATH": os.path.dirname(script) + os.pathsep + env.get("PATH", "")}
    shown = subprocess.run(
        [script, "--show-completion", "bash"], cwd=folder, env=env, capture_output=True, text=True, check=True
    )
    program = (
        shown.stdout + '\nCOMP_WORDS=(rectiplan list --division ""); COMP_CWORD=3\n'
        '_rectiplan_completion rectiplan\nprintf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", program],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout.splitlines(), done.stderr) == (0, SAFE_DIVISIONS, "")
    assert not (folder / "PWN").exists()


# --- bounded in time --------------------------------------------------------------------------------------------


def compact_items(count: int) -> str:
    # 8 events an item in 30 bytes: a plan far smaller than the byte limit with more events than the budget.
    return "title: t\nitems:\n" + "".join(f"  - {{id: {n}, divisions: [处{n % 7}]}}\n" for n in range(1, count + 1))


def test_plans_over_the_event_budget_offer_nothing_and_stop_reading(folder):
    from rectiplan.cli.complete import MAX_COMPLETION_BYTES, MAX_COMPLETION_EVENTS, plan_values

    (folder / "plans").mkdir()
    text = compact_items(MAX_COMPLETION_EVENTS // 8 + 100)
    assert len(text.encode()) < MAX_COMPLETION_BYTES
    (folder / "plans" / "big.yaml").write_text(text, encoding="utf-8")
    assert values("rectiplan list --division ") == []
    assert values("rectiplan show 1") == []
    found = plan_values(())
    assert (found.divisions, found.ids, found.events) == ({}, {}, MAX_COMPLETION_EVENTS)


def test_the_event_budget_is_across_all_the_plans(folder, monkeypatch):
    from rectiplan.cli import complete

    (folder / "plans").mkdir()
    for name in ("a", "b", "c"):
        (folder / "plans" / f"{name}.yaml").write_text(compact_items(30), encoding="utf-8")
    one = complete.plan_values(()).events // 3
    assert values("rectiplan list --division 处0") == ["处0"]
    monkeypatch.setattr(complete, "MAX_COMPLETION_EVENTS", one * 2 + one // 2)  # each plan fits, all three do not
    assert values("rectiplan list --division 处0") == []
    assert complete.plan_values(()).events == one * 2 + one // 2


def test_plans_over_the_byte_budget_together_are_not_read(folder):
    from rectiplan.cli.complete import MAX_COMPLETION_BYTES, plan_values

    (folder / "plans").mkdir()
    padding = "# " + "x" * 1000 + "\n"  # a comment: bytes, but no events
    text = compact_items(3) + padding * (MAX_COMPLETION_BYTES // 2 // len(padding) + 1)
    (folder / "plans" / "a.yaml").write_text(text, encoding="utf-8")
    assert values("rectiplan list --division 处1") == ["处1"]
    (folder / "plans" / "b.yaml").write_text(text, encoding="utf-8")
    assert values("rectiplan list --division 处1") == []
    assert plan_values(()).events < 100  # the second file was not parsed


# --- --plan as the shell passes it ------------------------------------------------------------------------------


def test_plan_with_an_equals_sign_as_bash_splits_it(plans, folder):
    # bash passes `--plan=other.yaml` as three words: --plan, =, other.yaml.
    other = folder / "other.yaml"
    other.write_text(plan_text({"division": "人才处", "id": 40}), encoding="utf-8")
    assert values("rectiplan list --plan = other.yaml --division ") == ["人才处"]
    assert values("rectiplan list --plan = other.yaml --plan = plans --division ") == [
        "人才处",
        "农村处",
        "社发处",
        "社会处",
    ]
    assert values("rectiplan start --plan = other.yaml 4") == ["40"]
    # Other shells pass it as one word, which Click reads itself.
    assert complete("rectiplan list --plan=other.yaml --division ", "fish").stdout == "人才处\n"


def test_a_leading_tilde_in_plan_is_the_home_folder(plans, folder):
    home = folder / "home"
    home.mkdir()
    (home / "p.yaml").write_text(plan_text({"division": "人才处", "id": 40}), encoding="utf-8")
    env = {"HOME": str(home)}
    assert values("rectiplan list --plan ~/p.yaml --division ", env=env) == ["人才处"]
    assert (
        complete("rectiplan show -p ~/p.yaml 4", "zsh", env=env).stdout
        == '_arguments \'*: :(("40":"反馈问题整改"))\'\n'
    )


# --- the scripts ------------------------------------------------------------------------------------------------

SCRIPT_LINES = {
    "bash": "complete -o default -F _rectiplan_completion rectiplan",
    "zsh": "compdef _rectiplan_completion rectiplan",
    "fish": "complete --command rectiplan --no-files",
    "powershell": "Register-ArgumentCompleter -Native -CommandName rectiplan",
}


@pytest.mark.parametrize("shell", sorted(SCRIPT_LINES))
def test_show_completion_prints_each_shells_script(folder, shell):
    result = CliRunner().invoke(app, ["--show-completion", shell], catch_exceptions=False)
    assert result.exit_code == 0
    assert SCRIPT_LINES[shell] in result.stdout
    assert "_RECTIPLAN_COMPLETE" in result.stdout
    assert f"complete_{shell}" in result.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_install_completion_writes_the_script_where_the_shell_reads_it(folder, shell):
    home = folder / "home"
    home.mkdir()
    result = CliRunner().invoke(app, ["--install-completion", shell], env={"HOME": str(home)}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    where = {
        "bash": home / ".bash_completions" / "rectiplan.sh",
        "zsh": home / ".zfunc" / "_rectiplan",
        "fish": home / ".config" / "fish" / "completions" / "rectiplan.fish",
    }[shell]
    assert SCRIPT_LINES[shell] in where.read_text(encoding="utf-8")


def test_the_bash_script_from_the_console_script_completes_in_bash(plans):
    """The printed script, sourced by a real bash, fills COMPREPLY through the console script."""
    bash = shutil.which("bash")
    script = shutil.which("rectiplan", path=os.path.dirname(sys.executable))
    if bash is None or script is None:
        pytest.skip("needs bash and the installed console script")
    env = {key: value for key, value in os.environ.items() if key not in ISOLATED}
    env = {**env, "PATH": os.path.dirname(script) + os.pathsep + env.get("PATH", "")}
    shown = subprocess.run(
        [script, "--show-completion", "bash"], cwd=plans, env=env, capture_output=True, text=True, check=True
    )
    program = (
        shown.stdout + "\nCOMP_WORDS=(rectiplan list --division 社); COMP_CWORD=3\n"
        '_rectiplan_completion rectiplan\nprintf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", program],
        cwd=plans,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "社发处\n社会处\n", "")


def test_the_readme_says_how_to_install_it_in_each_shell():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Shell completion\n", 1)[1].split("\n## ", 1)[0]
    assert "rectiplan --install-completion" in section and "rectiplan --show-completion" in section
    for shell in ("bash", "zsh", "fish", "PowerShell"):
        assert shell in section, shell


def test_the_shell_named_is_the_one_whose_script_is_printed(folder):
    # Typer's own option would detect the shell running the tests and print that shell's script whatever is named.
    for shell, line in SCRIPT_LINES.items():
        result = CliRunner().invoke(app, ["--show-completion", shell], catch_exceptions=False)
        assert result.exit_code == 0 and line in result.stdout, shell
    result = CliRunner().invoke(app, ["--lang", "en", "--show-completion", "fish"], catch_exceptions=False)
    assert SCRIPT_LINES["fish"] in result.stdout


def test_an_unknown_shell_is_a_usage_error_in_the_users_language(folder):
    result = CliRunner().invoke(app, ["--show-completion", "tcsh"], env={"LANG": "zh_CN.UTF-8"})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "rectiplan: 不支持为“tcsh”补全；可用的 shell：bash, zsh, fish, powershell, pwsh\n"
    result = CliRunner().invoke(app, ["--lang", "en", "--install-completion", "tcsh"])
    assert result.exit_code == 2 and "no completion for the shell 'tcsh'" in result.stderr


def test_python_dash_m_prints_a_script_for_rectiplan(folder):
    done = subprocess.run(
        [sys.executable, "-m", "rectiplan", "--show-completion", "bash"],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert SCRIPT_LINES["bash"] in done.stdout and "python" not in done.stdout


def test_install_completion_says_where_in_both_languages(folder):
    home = folder / "home"
    home.mkdir()
    result = CliRunner().invoke(app, ["--install-completion", "fish"], env={"HOME": str(home), "LANG": "zh_CN.UTF-8"})
    where = home / ".config" / "fish" / "completions" / "rectiplan.fish"
    assert result.stdout == f"已安装 fish 命令补全：{where}；打开新终端后生效\n"
    assert SCRIPT_LINES["fish"] in where.read_text(encoding="utf-8")


def test_fish_asks_first_whether_there_are_values_at_all(plans):
    # Exit 0: values follow, no file names; exit 1: let fish offer files (for --plan, say).
    env = {**shell_env("fish", "rectiplan list --division "), "_TYPER_COMPLETE_FISH_ACTION": "is-args"}
    assert CliRunner().invoke(app, [], env=env).exit_code == 0
    env = {**shell_env("fish", "rectiplan list --plan "), "_TYPER_COMPLETE_FISH_ACTION": "is-args"}
    assert CliRunner().invoke(app, [], env=env).exit_code == 1
