#!/bin/sh
# Open the xlsx and docx exports and the docx report in LibreOffice, as a user would: each file is converted to
# PDF headlessly (LibreOffice refuses, or asks to repair, a file it cannot read) and its first page to a PNG to
# look at. Not part of pytest: CI has no LibreOffice, and a test that skips there would prove nothing.
#
#   tools/check_office.sh [PLAN] [AS_OF] [OUTDIR]
#
# Needs: soffice (apt-get install libreoffice-writer libreoffice-calc), pdftoppm (poppler-utils), and for the
# Chinese text a CJK font (fonts-noto-cjk).
set -eu
plan=${1:-plans/2020_social_evaluation.yaml}
as_of=${2:-2021-12-01}
out=${3:-$(mktemp -d)}
mkdir -p "$out"
python - "$plan" "$as_of" "$out" <<'PY'
import sys
from datetime import date
from pathlib import Path

from rectiplan.exports import ExportData, exporter
from rectiplan.exports.docx import write_report_docx
from rectiplan.formats.interface import Row
from rectiplan.query import days_overdue, entries_of
from rectiplan.render_report import report_blocks
from rectiplan.summary import progress_report
from rectiplan.validate import load_plan

path, as_of, out = Path(sys.argv[1]), date.fromisoformat(sys.argv[2]), Path(sys.argv[3])
plan = load_plan(path).plan
assert plan is not None, f"{path} is not a valid plan"
plans = ((str(path), plan),)
entries = entries_of(plans)
rows = tuple(Row(entry, days_overdue(entry.item, as_of), as_of) for entry in entries)
for name, lang, progress in (("xlsx", "zh", False), ("xlsx", "en", False), ("docx", "zh", False), ("docx", "zh", True)):
    data = ExportData(plans, rows, as_of, lang, progress)
    target = out / f"plan-{lang}{'-progress' if progress else ''}.{name}"
    with target.open("wb") as handle:
        exporter(name).write(data, handle)
report = progress_report(plans, entries, lambda entry: as_of)
with (out / "report-zh.docx").open("wb") as handle:
    write_report_docx(report_blocks(report, "zh"), as_of, handle)
PY
status=0
for file in "$out"/*.xlsx "$out"/*.docx; do
    # One folder per suffix: plan-zh.xlsx and plan-zh.docx would both become plan-zh.pdf.
    folder="$out/${file##*.}"
    base=$(basename "${file%.*}")
    pdf="$folder/$base.pdf"
    rm -f "$pdf"
    soffice --headless --convert-to pdf --outdir "$folder" "$file" >/dev/null 2>&1 || true
    if [ ! -s "$pdf" ]; then
        echo "FAIL  $file: LibreOffice made no PDF"
        status=1
        continue
    fi
    pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
    pdftoppm -r 70 -png -f 1 -l 1 "$pdf" "$folder/$base-page"
    echo "ok    $file: $pages page(s); first page: $(ls "$folder/$base"-page*.png)"
done
exit $status
