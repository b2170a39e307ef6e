"""`rectiplan schema`: the plan format as JSON Schema, for editors and other tools."""

from __future__ import annotations

import json
import sys


def print_schema() -> None:
    """Print the JSON Schema of the plan format (for editors, e.g. yaml-language-server). 输出 JSON Schema。"""
    from ..model import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
