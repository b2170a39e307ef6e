"""Shell completion of values (division names, people, statuses, topics, item ids), read from the plans the command
would read: fast, and never failing, since a shell shows whatever a completion prints.

The plans are parsed here, not loaded: a completion has well under half a second, and the checked load (Pydantic
and the position map) alone takes longer on a large plan. Only libyaml's node tree is walked, for the few keys
completion needs; a file that cannot be read or parsed, or that does not look like a plan, gives no values.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The variable Typer's completion scripts set. Named here rather than derived from the program name, so that
# `python -m rectiplan` (whose program name is "python -m rectiplan") answers the same protocol.
COMPLETE_VAR = "_RECTIPLAN_COMPLETE"

# A plan bigger than this (about 35,000 items) cannot be parsed in the time a completion has; the shell then offers
# nothing rather than keeping the user waiting.
MAX_COMPLETION_BYTES = 32 * 1024 * 1024

# The statuses and their Chinese labels, as model.py has them (a test keeps the two equal): model.py imports
# Pydantic, which alone would take a large part of a completion's time.
STATUS_LABELS: dict[str, str] = {"pending": "未开始", "in_progress": "进行中", "done": "已完成", "ongoing": "长期坚持"}

_LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
_ID = re.compile(r"0*[1-9][0-9]{0,17}")  # an id is 1 or more
# A value a shell could not take back as one word of one line; such names are left out rather than mangled.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

Candidate = str | tuple[str, str]


def is_completing() -> bool:
    """Whether this process was started by a shell to complete a command line."""
    return bool(os.environ.get(COMPLETE_VAR))


def plain_help() -> None:
    """Typer's zsh, fish and PowerShell answers render each value's help through Rich: importing Rich costs a
    sixth of a completion's time, and Rich reads plan text as markup (a topic `[重点]` would lose its brackets).
    The help is shown as the plan writes it instead; each shell's own escaping still applies."""
    from typer import _completion_classes

    if hasattr(_completion_classes, "_sanitize_help_text"):
        _completion_classes._sanitize_help_text = _as_written


def _as_written(text: str) -> str:
    return text


@dataclass
class PlanValues:
    """What completion offers from the plans, each in file order and once."""

    divisions: dict[str, None] = field(default_factory=dict)
    people: dict[str, None] = field(default_factory=dict)
    topics: dict[str, None] = field(default_factory=dict)
    # Each id with the topic of the first item that has it, shown beside the id where the shell shows help.
    ids: dict[int, str] = field(default_factory=dict)


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
    """The plan paths already typed on the command line (`--plan`), as the command would read them."""
    named = getattr(ctx, "params", {}).get("plan")
    if isinstance(named, str):
        named = [named]
    return tuple(name for name in named or () if isinstance(name, str))


def plan_values(named: tuple[str, ...]) -> PlanValues:
    """The values of the plans discovery gives for `named` (or $RECTIPLAN_PLAN, ./plans/, the bundled plan)."""
    from ..discovery import discover

    values = PlanValues()
    try:
        found = discover(list(named), os.environ, Path.cwd())
    except Exception:  # noqa: BLE001 - an empty path, a folder without plans: nothing to offer
        return values
    for source in found.sources:
        raw = _read(source.path, source.within)
        if raw is not None:
            _collect(raw, values)
    return values


def _read(path: Path, within: Path | None) -> bytes | None:
    """The file's bytes, under the rules source.read_document applies: a link may not lead out of `within`, only a
    regular file is read (never a FIFO that would block), and a file over the limit is not read at all."""
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
            if not stat.S_ISREG(opened.st_mode) or opened.st_size > MAX_COMPLETION_BYTES:
                return None
            raw = handle.read(MAX_COMPLETION_BYTES + 1)
    except (OSError, RuntimeError, ValueError):
        return None
    return raw if len(raw) <= MAX_COMPLETION_BYTES else None


class _Reused(Exception):
    """A collection reached twice: the file uses an alias, which a plan may not (and which could make the walk as
    long as the file's aliases allow)."""


def _collect(raw: bytes, values: PlanValues) -> None:
    """Add one plan's values; a file that does not parse, or is not a plan, adds none."""
    import yaml
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    loader_class = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    try:
        loader = loader_class(raw)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except Exception:  # noqa: BLE001 - YAML errors, a file in another encoding, nesting too deep
        return
    seen: set[int] = set()

    def entries(node: Any) -> Iterator[tuple[str, Any]]:
        if not isinstance(node, MappingNode):
            return
        if id(node) in seen:
            raise _Reused
        seen.add(id(node))
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                yield key.value, value

    def elements(node: Any) -> list[Any]:
        if not isinstance(node, SequenceNode):
            return []
        if id(node) in seen:
            raise _Reused
        seen.add(id(node))
        return list(node.value)

    def text(node: Any) -> str | None:
        if not isinstance(node, ScalarNode) or not node.value.strip() or _UNPRINTABLE.search(node.value):
            return None
        return str(node.value)

    found = PlanValues()
    try:
        items = dict(reversed(list(entries(root)))).get("items")  # the first of duplicate keys, as validate reports
        for item in elements(items):
            fields = dict(reversed(list(entries(item))))
            divisions = [text(name) for name in elements(fields.get("divisions"))]
            for measure in elements(fields.get("measures")):
                own = dict(reversed(list(entries(measure)))).get("divisions")
                divisions += [text(name) for name in elements(own)]
            found.divisions.update(dict.fromkeys(name for name in divisions if name))
            people = (text(fields.get("leader")), text(fields.get("owner")))
            found.people.update(dict.fromkeys(name for name in people if name))
            topic = text(fields.get("topic"))
            if topic:
                found.topics[topic] = None
            number = fields.get("id")
            # A plain scalar only: `id: "3"` is text, not an id.
            if isinstance(number, ScalarNode) and not _quoted(number) and _ID.fullmatch(number.value):
                found.ids.setdefault(int(number.value), topic or "")
    except _Reused:
        return
    for name in ("divisions", "people", "topics"):
        getattr(values, name).update(getattr(found, name))
    for number, topic in found.ids.items():
        values.ids.setdefault(number, topic)


def _quoted(node: Any) -> bool:
    """Whether a scalar node was written quoted (or as a block): its style is then not plain."""
    return node.style is not None and node.style != ""
