"""One value for every finding in a plan file: where it is, what kind it is, and the facts to word it.

The wording itself lives in `messages`, so the core stays free of language choices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """An error leaves its plan out of the answer; a warning (a probable typo) is only shown."""

    ERROR = "error"
    WARNING = "warning"


# Every code the validator can emit, in the order the README lists them. Codes are stable: CI scripts and
# editor problem matchers may filter on them.
CODES: tuple[str, ...] = (
    "file-not-found",
    "file-unreadable",
    "file-too-large",
    "symlink-refused",
    "too-many-values",
    "encoding",
    "empty-file",
    "yaml-syntax",
    "duplicate-key",
    "yaml-alias",
    "yaml-tag",
    "too-deep",
    "not-a-mapping",
    "unknown-key",
    "missing-key",
    "wrong-type",
    "empty-value",
    "bad-value",
    "bad-date",
    "bad-status",
    "bad-timezone",
    "duplicate-id",
    "measure-division",
    "fullwidth-separator",
    "done-on-missing",
    "done-on-unexpected",
    "closed-not-done",
    "closed-before-done",
    "progress-order",
    "extension-not-later",
    "warn-days-order",
    "unknown-division",
    "similar-division",
)

# Codes reported as warnings: shown by `validate`, but the plan is still read and `validate` still exits 0
# (`validate --strict` exits 1 on them too).
WARNING_CODES = frozenset({"similar-division"})

# Problems that mean the file could not be read at all: the CLI exits with a file error (2), not a plan problem (1).
FILE_ERROR_CODES = frozenset(
    {"file-not-found", "file-unreadable", "file-too-large", "symlink-refused", "too-many-values"}
)


@dataclass(frozen=True)
class Problem:
    """A finding at `path:line:column` (1-based; 0 when it concerns the whole file)."""

    path: str
    line: int
    column: int
    code: str
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    severity: Severity = Severity.ERROR
    # Where in the plan's data, by the item's id rather than its line or rank (`items[id=7].done_on`); "" when the
    # problem is not about a value. What tells apart alike problems of different items (GitLab's fingerprints).
    where: str = field(default="", compare=False, hash=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: problem.sort_key)
