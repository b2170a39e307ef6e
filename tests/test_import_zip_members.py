"""`rectiplan import`: a .docx or .xlsx whose zip member cannot be unpacked (flagged encrypted, packed by a method
zipfile lacks, damaged data) is refused with exit 2 naming the member (review F5: it ended in exit 70)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED
from typer.testing import Result

# --- F5: a member zipfile cannot unpack (encrypted, an unknown method, damaged data) is a refusal, not exit 70 ----


def _first_member_patched(path: Path, change: Callable[[bytearray, int, int], None]) -> Path:
    """`path` with its first member's headers or data changed in place: change(data, local, central) gets the
    offsets of the first local header and the first central directory entry."""
    data = bytearray(path.read_bytes())
    change(data, data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02"))
    patched = path.with_name("patched_" + path.name)
    patched.write_bytes(bytes(data))
    return patched


def _encrypted(data: bytearray, local: int, central: int) -> None:
    data[local + 6] |= 1  # general purpose flag bit 0: encrypted
    data[central + 8] |= 1


def _unknown_method(data: bytearray, local: int, central: int) -> None:
    data[local + 8 : local + 10] = (99).to_bytes(2, "little")  # 99: WinZip AES, which zipfile cannot unpack
    data[central + 10 : central + 12] = (99).to_bytes(2, "little")


def _damaged_data(data: bytearray, local: int, central: int) -> None:
    start = local + 30 + int.from_bytes(data[local + 26 : local + 28], "little")
    start += int.from_bytes(data[local + 28 : local + 30], "little")
    data[start : start + 8] = b"\xff" * 8  # not a deflate stream: zlib.error, or a bad CRC


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize(
    ("change", "en", "zh"),
    [
        (_encrypted, "the part is encrypted inside the archive", "该部件在压缩包内被加密"),
        (_unknown_method, "the part cannot be unpacked", "该部件无法解压"),
        (_damaged_data, "the part cannot be unpacked", "该部件无法解压"),
    ],
)
def test_a_member_that_cannot_be_unpacked_is_refused_naming_it(
    run: Callable[..., Result], tmp_path: Path, fmt: str, change: Any, en: str, zh: str
) -> None:
    exported = tmp_path / f"b.{fmt}"
    assert run("export", "--plan", str(BUNDLED), "-f", fmt, "-o", str(exported)).exit_code == 0
    with zipfile.ZipFile(exported) as archive:
        first = archive.infolist()[0].filename
    patched = _first_member_patched(exported, change)
    result = run("import", str(patched))
    assert result.exit_code == 2, result.output
    assert f"{patched.name}: {first}: {en}" in result.output
    assert "Traceback" not in result.output and "unexpected" not in result.output and result.stdout == ""
    result = run("import", str(patched), "--lang", "zh")
    assert result.exit_code == 2, result.output
    assert f"{first}：{zh}" in result.output
