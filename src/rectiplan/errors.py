"""The errors rectiplan raises to a program that uses it: one base, `RectiplanError`, whose `code` is a message key
(messages.TEXT) and whose `params` fill it, so the CLI and a script say the same thing in either language."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar


class RectiplanError(Exception):
    """Anything rectiplan refuses: an unknown name, a folder without plans, an edit or a write that is not made.

    `str(error)` is the English message; `error.message("zh")` the Chinese one."""

    code: str = "error"
    params: dict[str, Any]

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "en") -> str:
        from .messages import text

        try:
            return text(self.code, lang, **self.params)
        except (KeyError, IndexError, ValueError):
            # A subclass may carry params that only its own renderer (the CLI's) puts into words.
            return self.code

    def __str__(self) -> str:
        return self.message("en")


class UnknownName(RectiplanError, ValueError):
    """A division, person or status asked for that no plan names. `suggestion` is the nearest known one, if any."""

    kind: ClassVar[str] = "name"

    def __init__(self, name: str, known: Sequence[str], suggestion: str | None) -> None:
        super().__init__(f"error.unknown_{self.kind}", name=name, known=list(known), suggestion=suggestion)
        self.name = name
        self.known = list(known)
        self.suggestion = suggestion

    def message(self, lang: str = "en") -> str:
        from .messages import join_list, text

        hints = {
            f"closest_{one}": text("closest", one, closest=self.suggestion) if self.suggestion else ""
            for one in ("en", "zh")
        }
        return text(self.code, lang, name=self.name, known=join_list(self.known, lang), **hints)


class UnknownDivision(UnknownName):
    """A division (处室) no plan names; `known` lists those there are, `suggestion` the nearest."""

    kind = "division"


class UnknownPerson(UnknownName):
    """A person (leader or owner) no plan names; `known` lists those there are, `suggestion` the nearest."""

    kind = "person"


class UnknownStatus(UnknownName):
    """A status that is none of pending, in_progress, done, ongoing or their labels; `known` lists the four,
    `suggestion` the one most likely meant (完成: 已完成)."""

    kind = "status"


class NegativeDays(RectiplanError, ValueError):
    """A number of days (`within`) below 0: "due within -3 days" asks nothing. `value` is the number given."""

    def __init__(self, value: int) -> None:
        super().__init__("error.negative_days", value=value)
        self.value = value


class UnknownGrouping(RectiplanError, ValueError):
    """A summary grouping (`by`) that is not one of `known` (division, person, topic, month)."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        super().__init__("error.unknown_grouping", name=name, known=list(known))
        self.name = name
        self.known = list(known)

    def message(self, lang: str = "en") -> str:
        from .messages import join_list, text

        return text(self.code, lang, name=self.name, known=join_list(self.known, lang))


class NoSuchItem(RectiplanError, LookupError):
    """No plan among those searched has an item numbered `item_id`; `ids` are the numbers there are."""

    def __init__(self, item_id: int, ids: Iterable[int]) -> None:
        self.ids = sorted(set(ids))
        super().__init__("error.no_item", id=item_id, ids=self.ids)
        self.item_id = item_id

    def message(self, lang: str = "en") -> str:
        from .messages import id_ranges, text

        return text(self.code, lang, id=self.item_id, ids=id_ranges(self.ids, lang))


class AmbiguousItem(RectiplanError, LookupError):
    """Several plans have an item numbered `item_id`: `paths` (as shown) say which; an edit needs one of them."""

    def __init__(self, item_id: int, paths: Sequence[str]) -> None:
        super().__init__("edit.ambiguous", id=item_id, plans=list(paths))
        self.item_id = item_id
        self.paths = list(paths)

    def message(self, lang: str = "en") -> str:
        from .messages import join_list, text

        return text(self.code, lang, id=self.item_id, plans=join_list(self.paths, lang))


class BadDate(RectiplanError, ValueError):
    """Text given where a date is wanted that is not one the library reads (it reads only the words for today:
    a date is a `datetime.date`)."""

    def __init__(self, value: str) -> None:
        super().__init__("error.bad_date", value=value)
        self.value = value
