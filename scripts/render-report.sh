#!/usr/bin/env bash
# Renders the report sheet of the bundled example the way a person sees it: LibreOffice (headless) → PDF
# → pdftoppm → PNG. Needs Debian's libreoffice-calc-nogui and poppler-utils (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then
  apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils fonts-dejavu-core fonts-liberation2 >/dev/null
fi
out=${1:-docs/img}
work=$(mktemp -d)
npm run build:cli >/dev/null
node dist/src/cli/main.js report examples/boksitogorsk-2021.xlsx --period 2021-Q2 --as-of 2021-06-30 -o "$work/svod.xlsx"
# Only the report sheet: a copy of the workbook with the source sheets removed, so the PDF is the Свод alone.
node -e '
const ExcelJS = require("exceljs");
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[1]);
  for (const ws of [...wb.worksheets]) if (!ws.name.startsWith("Свод")) wb.removeWorksheet(ws.id);
  await wb.xlsx.writeFile(process.argv[2]);
})();' "$work/svod.xlsx" "$work/svod-only.xlsx"
soffice --headless --norestore --convert-to pdf --outdir "$work" "$work/svod-only.xlsx" >/dev/null 2>&1
mkdir -p "$out"
pdftoppm -png -r 80 -f 1 -l 2 "$work/svod-only.pdf" "$out/svod"
ls "$out"/svod*.png
