"""Shell completion of values (division names, people, statuses, topics, item ids), read from the plans the command
would read: fast, and never failing, since a shell shows whatever a completion prints.

The plans are parsed here, not loaded: a completion has well under half a second, and the checked load (Pydantic
and the position map) alone takes longer on a large plan. libyaml's events are read for the few keys completion
needs; a file that cannot be read or parsed, or that does not look like a plan, gives no values. Which files are
read is discovery's answer, as for the command, and a link is followed only where reading would follow it.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The variable Typer's completion scripts set. Named here rather than derived from the program name, so that
# `python -m rectiplan` (whose program name is "python -m rectiplan") answers the same protocol.
COMPLETE_VAR = "_RECTIPLAN_COMPLETE"

# The budget of one completion, across all the plans it reads. Walking libyaml's events costs 2–3 µs each on the
# 2-core test machine, so 100,000 events (about 3,000 items shaped like the bundled ones, 2.7 MB) take about
# 0.3 s of CPU beyond start-up. A compact plan holds far more items per megabyte, so a byte limit alone would not
# bound the time (32 MB of short items took 25 s); the byte limit bounds the reading, and what a few huge scalars
# cost libyaml. Over either budget the shell is offered no plan values at all: a part of them would look like all
# of them (an id missing from the list reads as "no such item").
MAX_COMPLETION_BYTES = 4 * 1024 * 1024
MAX_COMPLETION_EVENTS = 100_000

# The statuses and their Chinese labels, as model.py has them (a test keeps the two equal): model.py imports
# Pydantic, which alone would take a large part of a completion's time.
STATUS_LABELS: dict[str, str] = {"pending": "未开始", "in_progress": "进行中", "done": "已完成", "ongoing": "长期坚持"}

_LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
_ID = r"0*[1-9][0-9]{0,17}"  # an id is 1 or more
# Help shown beside a value (an id's topic) that a terminal could not show as one line as written.
_UNPRINTABLE = r"[\x00-\x1f\x7f-\x9f\u2028\u2029]"
# The ASCII a value may hold besides letters and digits: characters no shell reads specially anywhere in an unquoted
# word. bash and PowerShell put a value on the line as it is, unquoted (and bash and pwsh on Unix glob it first),
# and zsh's answer is evaluated twice; so instead of escaping for each, only values that need no escaping in any of
# them are offered. Left out: space, quotes, `\ $ ; & | < > ( ) { } [ ] * ? ! # ~ ^ , : = @ %` and the backtick.
_SAFE_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.+/")
# PowerShell reads the typographic quotes as quotes, and a leading dash of any kind as a parameter's.
_POWERSHELL_QUOTES = frozenset("\u2018\u2019\u201a\u201b\u201c\u201d\u201e")
_DASHES = frozenset("-\u2013\u2014\u2015")

Candidate = str | tuple[str, str]


# The shells Typer has completion scripts for (pwsh is PowerShell's newer name).
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
_SCRIPT_OPTIONS = ("--show-completion", "--install-completion")


def script_request(argv: list[str], lang: str) -> int | None:
    """Answer `rectiplan --show-completion [SHELL]` or `--install-completion [SHELL]` alone on the line; the exit
    status, or None for any other command line.

    Typer's own options detect the shell from the parent process and ignore a shell named after them
    (`--show-completion zsh` typed in bash printed bash's script), and write the script for the program as it was
    started: under `python -m rectiplan`, a script completing a command named "python -m rectiplan". Here the shell
    may be named, and the script is always for `rectiplan`, which the shell completes."""
    if argv[:1] == ["--lang"]:  # the one option that may come first
        argv = argv[2:]
    elif argv and argv[0].startswith("--lang="):
        argv = argv[1:]
    if not argv or argv[0] not in _SCRIPT_OPTIONS or len(argv) > 2 or (len(argv) == 2 and argv[1].startswith("-")):
        return None
    from typer._completion_shared import _get_shell_name, get_completion_script, install

    from ..messages import printable, text

    shell = argv[1] if len(argv) == 2 else _get_shell_name()
    if shell not in SHELLS:
        shown = printable(shell or "?")
        sys.stderr.write(text("completion.unknown_shell", lang, shell=shown, shells=", ".join(SHELLS)) + "\n")
        return 2  # ExitStatus.USAGE
    if argv[0] == "--show-completion":
        sys.stdout.write(get_completion_script(prog_name="rectiplan", complete_var=COMPLETE_VAR, shell=shell) + "\n")
        return 0
    shell, path = install(shell=shell, prog_name="rectiplan", complete_var=COMPLETE_VAR)
    sys.stdout.write(text("completion.installed", lang, shell=shell, path=printable(str(path))) + "\n")
    return 0


def is_completing() -> bool:
    """Whether this process was started by a shell to complete a command line."""
    return bool(os.environ.get(COMPLETE_VAR))


_prepared = False


def prepare() -> None:
    """Set Typer up for answering a shell, which happens once in the process, just before it ends.

    - Typer's zsh, fish and PowerShell answers render each value's help through Rich: importing Rich costs a
      sixth of a completion's time, and Rich reads plan text as markup (a topic `[重点]` would lose its brackets).
      The help is shown as the plan writes it instead; each shell's own escaping still applies.
    - Typer converts every option's value as the command line is parsed, building a Pydantic validator for each
      (and importing Pydantic first): a third of a completion's time. While completing, Click parses leniently
      and completion reads only --plan, text as typed; the words are kept as typed, and no option's callback
      (--version, --show-completion) runs.
    - Typer's zsh answer does not escape a backslash, so a value or help ending in one escaped its own closing
      quote, and the rest of the answer ran as shell code (zsh evaluates it). It is escaped here for both
      evaluations (see _zsh_completion).
    - bash splits `--plan=PATH` into three words, which are joined again (see _bash_words)."""
    from typer import _completion_classes
    from typer.core import _TyperParameter

    global _prepared
    if _prepared:  # once per process (tests complete many times in one)
        return
    _prepared = True
    if hasattr(_completion_classes, "_sanitize_help_text"):
        _completion_classes._sanitize_help_text = _as_written
    convert = _TyperParameter.process_value

    def as_typed(self: Any, ctx: Any, value: Any) -> Any:
        return value if getattr(ctx, "resilient_parsing", False) else convert(self, ctx, value)

    _TyperParameter.process_value = as_typed  # type: ignore[method-assign]
    _completion_classes.ZshComplete.format_completion = _zsh_completion  # type: ignore[method-assign]
    _completion_classes.BashComplete.get_completion_args = _bash_words  # type: ignore[method-assign]


def _as_written(text: str) -> str:
    return text


def _zsh_completion(self: Any, item: Any) -> str:
    """One value (and its help) of the zsh answer `_arguments '*: :(("value":"help" …))'`.

    zsh's script evaluates the answer, which takes the single quotes off; `_arguments` then evaluates what is
    inside `((…))` as the words of an array, which takes the double quotes and their backslashes off; and
    `_describe` takes a backslash as escaping the next character (an unescaped `:` ends the value). So `\\ " $`
    and the backtick are escaped for the double quotes, `\\` and `:` once more for `_describe`, and `'` closes
    and reopens the single quotes around an escaped one. (Typer's own escape() left `\\` as it was, and turned
    `'` and `"` into nothing.)"""

    def escaped(text: str) -> str:
        for char, replacement in (("\\", "\\\\\\\\"), ('"', '\\"'), ("$", "\\$"), ("`", "\\`"), (":", "\\\\:")):
            text = text.replace(char, replacement)
        return text.replace("'", "'\\''")

    if item.help:
        return f'"{escaped(item.value)}":"{escaped(item.help)}"'
    return f'"{escaped(item.value)}"'


@dataclass
class PlanValues:
    """What completion offers from the plans, each in file order and once."""

    divisions: dict[str, None] = field(default_factory=dict)
    people: dict[str, None] = field(default_factory=dict)
    topics: dict[str, None] = field(default_factory=dict)
    # Each id with the topic of the first item that has it, shown beside the id where the shell shows help.
    ids: dict[int, str] = field(default_factory=dict)
    # The YAML events read, across the plans: what the time of a completion grows with (MAX_COMPLETION_EVENTS).
    events: int = 0


class _OverBudget(Exception):
    """The plans are more than a completion has time to read (MAX_COMPLETION_BYTES, MAX_COMPLETION_EVENTS)."""


def _quiet(complete: Callable[[Any, str], list[Candidate]]) -> Callable[[Any, str], list[Candidate]]:
    """A completion that fails offers nothing: an error, let alone a traceback, would be printed into the shell."""

    @functools.wraps(complete)
    def guarded(ctx: Any, incomplete: str) -> list[Candidate]:
        try:
            return complete(ctx, incomplete)
        except Exception:  # noqa: BLE001 - whatever went wrong, the shell must get completions or nothing
            return []

    return guarded


@_quiet
def complete_division(ctx: Any, incomplete: str) -> list[Candidate]:
    return list(plan_values(_named_plans(ctx)).divisions)


@_quiet
def complete_person(ctx: Any, incomplete: str) -> list[Candidate]:
    return list(plan_values(_named_plans(ctx)).people)


@_quiet
def complete_topic(ctx: Any, incomplete: str) -> list[Candidate]:
    return list(plan_values(_named_plans(ctx)).topics)


@_quiet
def complete_item_id(ctx: Any, incomplete: str) -> list[Candidate]:
    ids = plan_values(_named_plans(ctx)).ids
    return [(str(number), ids[number]) for number in sorted(ids)]


@_quiet
def complete_status(ctx: Any, incomplete: str) -> list[Candidate]:
    # Both spellings, each explained by the other; a Chinese label only once something Chinese is typed, so that
    # an empty word lists four statuses rather than eight.
    english: list[Candidate] = [(name, label) for name, label in STATUS_LABELS.items()]
    chinese: list[Candidate] = [(label, name) for name, label in STATUS_LABELS.items()]
    return english + chinese if incomplete else english


@_quiet
def complete_lang(ctx: Any, incomplete: str) -> list[Candidate]:
    from ..messages import LANGUAGES

    return [(name, _LANGUAGE_NAMES.get(name, name)) for name in LANGUAGES]


def _named_plans(ctx: Any) -> tuple[str, ...]:
    """The plan paths already typed on the command line (`--plan`), as the command would read them.

    The words are as the shell passed them, before its own expansion: a leading `~` is expanded here as the shell
    would have."""
    named = getattr(ctx, "params", {}).get("plan")
    if isinstance(named, str):
        named = [named]
    plans = [name for name in named or () if isinstance(name, str)]
    return tuple(os.path.expanduser(name) if name.startswith("~") else name for name in plans)


def _bash_words(self: Any) -> tuple[list[str], str]:
    """The words bash passed, and the one being completed, with `--plan=PATH` as one word again.

    `=` is in bash's COMP_WORDBREAKS, so `--plan=PATH` arrives as three words, `--plan`, `=` and `PATH`: Click
    then read the plan as `=`, and PATH as the next argument (an item id, say)."""
    from typer._click.shell_completion import split_arg_string

    words = split_arg_string(os.environ["COMP_WORDS"])
    at = int(os.environ["COMP_CWORD"])
    incomplete = words[at] if at < len(words) else ""
    args = words[1:at]
    for index in range(len(args) - 2, -1, -1):  # from the end, so that a join leaves the indexes to come
        if args[index : index + 2] == ["--plan", "="]:
            # `--plan = <Tab>` completes the PATH itself: the option's value, as in `--plan <Tab>`.
            args[index : index + 3] = ["--plan=" + args[index + 2]] if index + 2 < len(args) else ["--plan"]
    return args, incomplete


def plan_values(named: tuple[str, ...]) -> PlanValues:
    """The values of the plans discovery gives for `named` (or $RECTIPLAN_PLAN, ./plans/, the bundled plan)."""
    from ..discovery import discover

    values = PlanValues()
    try:
        found = discover(list(named), os.environ, Path.cwd())
    except Exception:  # noqa: BLE001 - an empty path, a folder without plans: nothing to offer
        return values
    budget = MAX_COMPLETION_BYTES
    try:
        for source in found.sources:
            raw = _read(source.path, source.within, budget)
            if raw is not None:
                budget -= len(raw)
                _collect(raw, values)
    except _OverBudget:
        return PlanValues(events=values.events)  # none rather than some: see MAX_COMPLETION_EVENTS
    return values


def _read(path: Path, within: Path | None, budget: int) -> bytes | None:
    """The file's bytes, under the rules source.read_document applies: a link may not lead out of `within`, and
    only a regular file is read (never a FIFO that would block). A file over the bytes left in the budget is not
    read at all, and ends the completion (_OverBudget)."""
    from ..discovery import leads_out

    try:
        target: str | Path = path
        nofollow = 0
        if within is not None:
            real = os.path.realpath(path, strict=True)
            if leads_out(real, within):
                return None
            target, nofollow = real, getattr(os, "O_NOFOLLOW", 0)
        if not stat.S_ISREG(os.stat(target).st_mode):
            return None
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        with open(os.open(target, flags | nofollow), "rb") as handle:
            opened = os.fstat(handle.fileno())
            if not stat.S_ISREG(opened.st_mode):
                return None
            if opened.st_size > budget:
                raise _OverBudget
            raw = handle.read(budget + 1)
    except (OSError, RuntimeError, ValueError):
        return None
    if len(raw) > budget:  # grown since fstat
        raise _OverBudget
    return raw


class _NotAPlan(Exception):
    """The file is not one plan as validate reads it: an alias (which a plan may not have, and which could make a
    walk as long as the file's aliases allow), or more than one document."""


_ITEM = ("items", "*")
# The collections on the way to a value completion needs; every other collection is passed over unread.
_WANTED = frozenset(
    {
        (),
        ("items",),
        _ITEM,
        (*_ITEM, "divisions"),
        (*_ITEM, "measures"),
        (*_ITEM, "measures", "*"),
        (*_ITEM, "measures", "*", "divisions"),
    }
)
_ITEM_FIELDS = frozenset({"id", "topic", "leader", "owner"})
_ITEM_DIVISION = (*_ITEM, "divisions", "*")
_MEASURE_DIVISION = (*_ITEM, "measures", "*", "divisions", "*")
# Stands for a key that is not a plain text key (a mapping as key), or a key already given in the same mapping:
# the first of duplicate keys counts, as validate reports the second.
_NO_KEY = "\0"


class _Frame:
    """A mapping or sequence being read: its path, and for a mapping whether a key or a value comes next."""

    __slots__ = ("expecting_key", "is_mapping", "key", "keys", "path")

    def __init__(self, path: tuple[str, ...], is_mapping: bool) -> None:
        self.path = path
        self.is_mapping = is_mapping
        self.expecting_key = is_mapping
        self.key = _NO_KEY
        self.keys: set[str] = set()


def _collect(raw: bytes, values: PlanValues) -> None:
    """Add one plan's values; a file that does not parse, or is not a plan, adds none.

    libyaml's events are read, not its node tree: composing the tree of a 1,000-item plan takes twice as long,
    and what completion needs is a few keys of each item."""
    import yaml

    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)(raw)
    found = PlanValues()
    try:
        _walk(loader, found, MAX_COMPLETION_EVENTS - values.events)
    except _OverBudget:
        raise
    except Exception:  # noqa: BLE001 - YAML errors, a file in another encoding, an alias, not a plan
        return
    finally:
        values.events += found.events
        loader.dispose()
    for name in ("divisions", "people", "topics"):
        getattr(values, name).update(getattr(found, name))
    for number, topic in found.ids.items():
        values.ids.setdefault(number, topic)


def _walk(loader: Any, found: PlanValues, budget: int) -> None:
    """Read the plan's values into `found`, counting the events read in `found.events`; _OverBudget after
    `budget` events."""
    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )

    stack: list[_Frame] = []
    item: dict[str, Any] = {}
    skipping = 0  # the depth inside a collection that is passed over
    documents = 0
    while loader.check_event():
        if found.events >= budget:
            raise _OverBudget
        found.events += 1
        event = loader.get_event()
        kind = type(event)
        if kind is AliasEvent:
            raise _NotAPlan
        if skipping:
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                skipping += 1
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                skipping -= 1
            continue
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            done = stack.pop()
            if done.path == _ITEM and done.is_mapping:
                _add_item(item, found)
            if stack and stack[-1].is_mapping:
                stack[-1].expecting_key = True
            continue
        opens = kind is MappingStartEvent or kind is SequenceStartEvent
        if kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _NotAPlan
            continue
        if not opens and kind is not ScalarEvent:
            continue  # the stream's and documents' own events
        frame = stack[-1] if stack else None
        if frame is not None and frame.expecting_key:
            frame.expecting_key = False
            if opens:  # a mapping or sequence as a key: no key completion knows
                frame.key = _NO_KEY
                skipping = 1
            else:
                frame.key = _NO_KEY if event.value in frame.keys else event.value
                frame.keys.add(event.value)
            continue
        if frame is None:
            path: tuple[str, ...] = ()
        else:
            path = (*frame.path, frame.key if frame.is_mapping else "*")
            if frame.is_mapping:
                frame.expecting_key = True
        if opens:
            if path in _WANTED:
                stack.append(_Frame(path, kind is MappingStartEvent))
                if path == _ITEM:
                    item = {"divisions": [], "measure_divisions": []}
                if frame is not None and frame.is_mapping:
                    frame.expecting_key = False  # until this value ends
            else:
                skipping = 1
            continue
        if path == _ITEM_DIVISION:
            item["divisions"].append(event.value)
        elif path == _MEASURE_DIVISION:
            item["measure_divisions"].append(event.value)
        elif len(path) == 3 and path[:2] == _ITEM and path[2] in _ITEM_FIELDS:
            item[path[2]] = (event.value, event.implicit[0])


def _add_item(item: dict[str, Any], found: PlanValues) -> None:
    def text(field: str) -> str | None:
        value = item.get(field)
        return _offered(value[0]) if value else None

    # The item's own divisions first, then those named only on a measure, as Item.all_divisions orders them.
    divisions = map(_offered, item["divisions"] + item["measure_divisions"])
    found.divisions.update(dict.fromkeys(name for name in divisions if name))
    found.people.update(dict.fromkeys(name for name in (text("leader"), text("owner")) if name))
    topic = text("topic")
    if topic:
        found.topics[topic] = None
    number, plain = item.get("id", ("", False))
    # A plain scalar only: `id: "3"` is text, not an id. Its topic is only shown, so it may hold what a value may not.
    if plain and re.fullmatch(_ID, number):
        shown = item.get("topic")
        found.ids.setdefault(int(number), (_shown(shown[0]) if shown else None) or "")


def _shown(value: str) -> str | None:
    """Help text a terminal shows as one line as written, or None."""
    return value if value.strip() and not re.search(_UNPRINTABLE, value) else None


def _offered(value: str) -> str | None:
    """A value every shell puts on the command line as exactly this one word, or None (see _SAFE_ASCII)."""
    if not value or value[0] in _DASHES:
        return None
    for char in value:
        if char in _SAFE_ASCII:
            continue
        # Beyond ASCII: letters, digits, marks, punctuation and symbols (Chinese text and its full-width
        # punctuation); never spaces, controls, format characters (bidi overrides) or unassigned code points.
        if char < "\x80" or char in _POWERSHELL_QUOTES or unicodedata.category(char)[0] not in "LNMPS":
            return None
    return value
