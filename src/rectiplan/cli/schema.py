"""`rectiplan schema`: the plan format as JSON Schema, for editors and other tools."""

from __future__ import annotations

import sys


def print_schema() -> None:
    """Print the JSON Schema of the plan format (for editors, e.g. yaml-language-server). 输出 JSON Schema。"""
    from ..formats.json import write_json
    from ..model import json_schema

    write_json(json_schema(), sys.stdout)
