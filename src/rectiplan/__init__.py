"""rectiplan: track rectification plans (整改方案) kept as YAML files.

The names below are the Python library (see `rectiplan.api` and the README's "Python library"); they are imported
on first use, so `import rectiplan` stays as cheap as the command line needs it to be."""

# Not `typing.TYPE_CHECKING`: importing typing would cost `import rectiplan` several times its own time.
TYPE_CHECKING = False

__version__ = "0.1.0"

# name -> the module that defines it
_EXPORTS = {
    "Loaded": "api",
    "TODAY": "api",
    "load_plans": "api",
    "open_plans": "api",
    "plan_holding": "api",
    "select": "api",
    "overdue": "api",
    "due_soon": "api",
    "summarize": "api",
    "start": "api",
    "done": "api",
    "set_status": "api",
    "note": "api",
    "extend": "api",
    "attach": "api",
    "close": "api",
    "RectiplanError": "errors",
    "UnknownName": "errors",
    "UnknownDivision": "errors",
    "UnknownPerson": "errors",
    "UnknownStatus": "errors",
    "UnknownGrouping": "errors",
    "NegativeDays": "errors",
    "BadDate": "errors",
    "NoSuchItem": "errors",
    "AmbiguousItem": "errors",
    "EditRefused": "edit",
    "Edit": "edit",
    "WriteRefused": "writing",
    "DiscoveryError": "discovery",
    "EmptyPathError": "discovery",
    "Problem": "problems",
    "Severity": "problems",
    "Entry": "query",
    "Overdue": "query",
    "Due": "query",
    "Summary": "summary",
    "Plan": "model",
    "Item": "model",
    "Status": "model",
}

__all__ = [
    "TODAY",
    "AmbiguousItem",
    "BadDate",
    "DiscoveryError",
    "Due",
    "Edit",
    "EditRefused",
    "EmptyPathError",
    "Entry",
    "Item",
    "Loaded",
    "NegativeDays",
    "NoSuchItem",
    "Overdue",
    "Plan",
    "Problem",
    "RectiplanError",
    "Severity",
    "Status",
    "Summary",
    "UnknownDivision",
    "UnknownGrouping",
    "UnknownName",
    "UnknownPerson",
    "UnknownStatus",
    "WriteRefused",
    "__version__",
    "attach",
    "close",
    "done",
    "due_soon",
    "extend",
    "load_plans",
    "note",
    "open_plans",
    "overdue",
    "plan_holding",
    "select",
    "set_status",
    "start",
    "summarize",
]

if TYPE_CHECKING:
    from typing import Any

    from .api import (
        TODAY,
        Loaded,
        attach,
        close,
        done,
        due_soon,
        extend,
        load_plans,
        note,
        open_plans,
        overdue,
        plan_holding,
        select,
        set_status,
        start,
        summarize,
    )
    from .discovery import DiscoveryError, EmptyPathError
    from .edit import Edit, EditRefused
    from .errors import (
        AmbiguousItem,
        BadDate,
        NegativeDays,
        NoSuchItem,
        RectiplanError,
        UnknownDivision,
        UnknownGrouping,
        UnknownName,
        UnknownPerson,
        UnknownStatus,
    )
    from .model import Item, Plan, Status
    from .problems import Problem, Severity
    from .query import Due, Entry, Overdue
    from .summary import Summary
    from .writing import WriteRefused


def __getattr__(name: str) -> "Any":
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rectiplan' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # once found, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
