"""The checks a .docx or .xlsx passes before its reader opens it: a zip archive, not an old binary file or an
encrypted one (both OLE2 compound files), not one that unpacks to more than a plan can need, and not one with a
part that declares a DTD."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from .grid import MAX_UNPACKED_BYTES, ImportRefused

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What zipfile raises on a member it cannot unpack: RuntimeError (encrypted, as flag bit 0 says),
# NotImplementedError (a compression method it lacks), zlib.error and BadZipFile (damaged data, a bad CRC),
# EOFError (cut short), ValueError and OSError (bad headers, a lzma/bz2 stream that does not decode).
_MEMBER_ERRORS = (RuntimeError, NotImplementedError, zlib.error, zipfile.BadZipFile, EOFError, ValueError, OSError)


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
    _check_no_doctype(path, shown)


class _Doctype(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _Root(Exception):
    """The first element: a DOCTYPE can only come before it, so the rest of the part need not be read."""


def _check_no_doctype(path: Path, shown: str) -> None:
    """Refuse a file any part of which declares a DTD. Word and Excel never write one; an internal entity
    (`<!ENTITY e "x">` … `&e;`) is text the readers' parsers leave unexpanded (losing what follows it), an
    external one reaches for other files, and nested ones expand without bound. Each part is read only up to its
    first element, where a DOCTYPE must stand; a part that is not XML is left to the reader to report."""
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                if member.is_dir():
                    continue
                parser = expat.ParserCreate()

                def doctype(*_: object, parser: expat.XMLParserType = parser) -> None:
                    raise _Doctype(parser.CurrentLineNumber)

                def root(*_: object) -> None:
                    raise _Root

                parser.StartDoctypeDeclHandler = doctype
                parser.StartElementHandler = root
                if member.flag_bits & 0x1:
                    # Office never encrypts single members; zipfile would raise RuntimeError asking for a password.
                    raise ImportRefused("import.part_encrypted", path=shown, part=member.filename)
                try:
                    with archive.open(member) as handle:
                        try:
                            while chunk := handle.read(16 * 1024):
                                parser.Parse(chunk, False)
                            parser.Parse(b"", True)
                        except _Root:
                            pass
                        except _Doctype as found:
                            raise ImportRefused(
                                "import.doctype", path=shown, part=member.filename, line=found.line
                            ) from None
                        except expat.ExpatError:
                            pass
                except _MEMBER_ERRORS as error:
                    raise ImportRefused(
                        "import.part_damaged", path=shown, part=member.filename, reason=_reason(error)
                    ) from None
    except ImportRefused:
        raise
    except _MEMBER_ERRORS as error:
        raise ImportRefused("import.corrupt", path=shown, reason=_reason(error)) from None


def _reason(error: BaseException) -> str:
    return str(error) or type(error).__name__
