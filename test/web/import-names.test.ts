// The standalone page's «Импорт» of school files that name their organization instead of giving its code
// (issue 14): through the page's service over the in-memory workbook, the same summaries as the command
// line and, byte for byte, the command line's district book.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unmatchedText } from "../../src/core/consolidate/consolidate";
import { createMemoryService } from "../../src/web/port";
import { MemoryWorkbook } from "../../src/web/workbook";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "dist", "src", "cli", "main.js");
const FIX = join(ROOT, "test", "fixtures", "writers");
const EXAMPLE = join(ROOT, "examples", "boksitogorsk-2021.xlsx");
const NAMES = [join(FIX, "schools-names", "бдши.xlsx"), join(FIX, "schools-names", "пдши.xlsx")];
// The same two files opened in LibreOffice Calc and saved (scripts/fixtures/lo_schools_names.py).
const NAMES_LO = NAMES.map((p) => p.replace("schools-names", "schools-names-libreoffice"));
const dir = mkdtempSync(join(tmpdir(), "mm-web-names-"));
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));

test.each([
  ["written by openpyxl", NAMES],
  ["re-saved by LibreOffice", NAMES_LO],
])("school files naming their organization, %s: the command line's summaries and, byte for byte, its district book", async (_writer, files) => {
  const out = join(dir, `район-${files === NAMES ? "openpyxl" : "libreoffice"}.xlsx`);
  const r = spawnSync(process.execPath, [BIN, "consolidate", ...files, "--into", EXAMPLE, "-o", out, "--json"], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  const json = JSON.parse(r.stdout) as { files: unknown[] };

  const book = new MemoryWorkbook("boksitogorsk-2021.xlsx", bytesOf(EXAMPLE));
  const service = createMemoryService(book, { now: () => new Date(Date.UTC(2021, 5, 30, 9, 0)) });
  const preview = await service.importSchools(files.map((p) => ({ name: p.split("/").pop()!, bytes: bytesOf(p) })), false);
  expect(preview.summaries).toEqual(json.files);
  expect(preview.summaries.map((f) => [f.added, f.excluded.length])).toEqual([
    [10, 0],
    [9, 2],
  ]);
  expect(preview.summaries[1].unmatched.map(unmatchedText)).toEqual([
    "«Детская школа искусств» подходит к нескольким организациям района (1 строка не добавлена): «БДШИ — МБОУ ДО «Бокситогорская детская школа искусств»»; «ПДШИ — МБОУ ДО «Пикалевская детская школа искусств»». Укажите в файле код или полное название.",
    "«МБОУ ДО «Бокситогорская ДМШ»» нет в списке организаций района (1 строка не добавлена). Похожие: «БДЮСШ — МБОУ ДО «Бокситогорская детско-юношеская спортивная школа»»; «БДШИ — МБОУ ДО «Бокситогорская детская школа искусств»»; «БЦДО — МБОУ ДО «Бокситогорский центр дополнительного образования»».",
  ]);
  const done = await service.importSchools(files.map((p) => ({ name: p.split("/").pop()!, bytes: bytesOf(p) })), true);
  expect(done.applied).toBe(true);
  expect(Buffer.compare(Buffer.from(book.bytes), readFileSync(out))).toBe(0);
  // The re-check counts the imported rows for their organizations: none of them is an unknown organization.
  expect(done.check!.issues.filter((i) => i.code === "unknown-organization" && Number(i.cell.replace(/^[A-Z]+/, "")) > 623)).toEqual([]);
});
