"""The checks a .docx or .xlsx passes before its reader opens it: a zip archive, not an old binary file or an
encrypted one (both OLE2 compound files), and not one that unpacks to more than a plan can need."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .grid import MAX_UNPACKED_BYTES, ImportRefused

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_archive(path: Path, shown: str) -> None:
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise ImportRefused("import.unreadable", path=shown, reason=error.strerror or type(error).__name__) from None
    if head == OLE2_MAGIC:
        # Word and Excel save a password-protected .docx/.xlsx inside an OLE2 file, as they save .doc/.xls.
        raise ImportRefused("import.encrypted_or_old", path=shown)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise ImportRefused("import.corrupt", path=shown, reason=str(error) or type(error).__name__) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportRefused("import.too_large", path=shown, limit=f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB")
