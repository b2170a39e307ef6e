"""What the xlsx and docx exports share: both are zip packages of XML parts that must not vary from run to run,
and hold only characters XML can carry."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

# XML 1.0 cannot hold C0 controls other than tab, line feed and carriage return, nor U+FFFE/U+FFFF; openpyxl and
# python-docx refuse such text with an exception. A plan may hold them (a YAML "\x07" escape): they are written
# as U+FFFD, as the terminal output shows them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def repacked(raw: bytes, as_of: date) -> bytes:
    """The package with every part stamped with `as_of` (the zip format's own timestamps are the writing time
    otherwise): the same plan as of the same date gives the same bytes. Parts keep their order."""
    stamp = (as_of.year, as_of.month, as_of.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = zipfile.ZipInfo(info.filename, date_time=stamp)
            part.compress_type = zipfile.ZIP_DEFLATED
            part.external_attr = 0o644 << 16
            target.writestr(part, source.read(info))
    return out.getvalue()
