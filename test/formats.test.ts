// Every format a school or district really sends, read by the one reader (src/xlsx/read.ts readWorkbook):
// the bundled example re-saved by LibreOffice as .xlsx, .ods and .xls, and its roster exported as CSV in
// UTF-8 and Windows-1251, with ; and , — each gives exactly the coverage and the issues of the original.
// Files that are no workbook get one Russian sentence naming what they are.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeWorkbook } from "../src/core/analyze";
import type { WorkbookInput } from "../src/core/model/cells";
import { computeCoverage } from "../src/core/coverage/coverage";
import { parsePeriod } from "../src/core/model/period";
import { WorkbookFileError, readWorkbook } from "../src/xlsx/read";
import { Package } from "../src/xlsx/package/opc";

const ROOT = join(__dirname, "..");
const FIX = join(ROOT, "test", "fixtures", "writers");
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));
const Q2 = parsePeriod("2021-Q2")!;

function outcome(input: WorkbookInput) {
  const a = analyzeWorkbook(input, { today: Date.UTC(2021, 5, 30) / 86_400_000 });
  const c = computeCoverage(a, Q2);
  return { issues: a.issues.map((i) => `${i.sheet}!${i.cell} ${i.code}`), organizations: c.organizations.map((o) => [o.code, o.covered, o.target, o.excludedRows]), rows: c.rows };
}

const original = readWorkbook(bytesOf(join(ROOT, "examples", "boksitogorsk-2021.xlsx")), "boksitogorsk-2021.xlsx");

describe("one reader for every writer", () => {
  it.each([
    ["example-libreoffice.xlsx", "xlsx"],
    ["example-openpyxl.xlsx", "xlsx"],
    ["example-libreoffice.ods", "ods"],
    ["example-libreoffice.xls", "xls"],
  ])("%s (%s) gives the original's issues and coverage", (file, format) => {
    const read = readWorkbook(bytesOf(join(FIX, file)), file);
    expect(read.format).toBe(format);
    expect(outcome(read.input)).toEqual(outcome(original.input));
    expect(outcome(original.input).organizations.reduce((s, o) => s + (o[1] as number), 0)).toBe(472);
  });

  it.each(["roster-libreoffice-utf8.csv", "roster-libreoffice-comma.csv", "roster-libreoffice-cp1251.csv"])(
    "the roster exported as %s reads as the roster sheet: the same issues and coverage",
    (file) => {
      const read = readWorkbook(bytesOf(join(FIX, file)), file);
      expect(read.format).toBe("csv");
      // The district's other sheets, with the CSV in place of its roster sheet.
      const sheets = original.input.sheets.map((s) => (s.name === "Участники" ? read.input.sheets[0] : s));
      const fromCsv = outcome({ ...original.input, sheets });
      const expected = outcome(original.input);
      // A CSV holds what the cells showed: the #N/A of a broken formula arrives as the text «#N/A», which is
      // an unknown organization code rather than a formula error; everything else is the same.
      const swap = (l: string[]) => l.map((x) => x.replace(/ (formula-error|unknown-organization)$/, " code"));
      expect(swap(fromCsv.issues)).toEqual(swap(expected.issues));
      expect(fromCsv.organizations).toEqual(expected.organizations);
      expect(fromCsv.rows).toEqual(expected.rows);
    },
  );
});

describe("files that are no workbook", () => {
  const refused = (bytes: Uint8Array, name: string) => {
    try {
      readWorkbook(bytes, name);
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookFileError);
      return (e as Error).message;
    }
    throw new Error("read");
  };
  const zipWith = (parts: Record<string, string>) => {
    const base = new Package(bytesOf(join(FIX, "schools-a", "отчёт.xlsx")));
    for (const n of base.names()) base.remove(n);
    for (const [n, t] of Object.entries(parts)) base.set(n, t);
    return base.toBytes();
  };
  const ole = (stream: string) => {
    const b = new Uint8Array(2048);
    b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (let i = 0; i < stream.length; i++) b[1024 + i * 2] = stream.charCodeAt(i);
    return b;
  };

  it.each([
    ["a PDF", new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "отчёт.pdf", /документ PDF, а не таблица/],
    ["a Word document (.docx)", zipWith({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" }), "отчёт.xlsx", /документ Word \(\.docx\)/],
    ["a Word document (.doc)", ole("WordDocument"), "отчёт.xls", /документ Word \(\.doc\)/],
    ["a workbook encrypted with a password", ole("EncryptedPackage"), "отчёт.xlsx", /защищён паролем/],
    ["an RTF document", new TextEncoder().encode("{\\rtf1\\ansi Отчёт}"), "отчёт.rtf", /документ RTF/],
    ["text named as a workbook", new TextEncoder().encode("ФИО;Роль\nИванов;Наставник\n"), "список.xlsx", /а текст\. Если это выгрузка CSV, переименуйте файл в \.csv/],
    ["an empty file", new Uint8Array(0), "пусто.xlsx", /пуст/],
  ])("%s: says what it is", (_what, bytes, name, message) => {
    expect(refused(bytes as Uint8Array, name as string)).toMatch(message as RegExp);
  });
});

describe("formulas saved without values (what scripts write; Excel computes them when it opens the file)", () => {
  it("are one issue at the column's header, not an empty ФИО on every row", () => {
    const pkg = new Package(bytesOf(join(ROOT, "examples", "boksitogorsk-2021.xlsx")));
    const part = pkg.sheets().find((s) => s.name === "Участники")!.part!;
    // Every ФИО of the roster (column A, rows 4 on) becomes a formula with no cached value.
    let n = 0;
    pkg.set(
      part,
      pkg.text(part).replace(/<c r="A(\d+)"([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/g, (m, row: string, attrs: string) => {
        if (Number(row) < 4) return m;
        n++;
        return `<c r="A${row}"${attrs.replace(/\st="[^"]*"/, "")}><f>"Иванов"&amp;" И."</f></c>`;
      }),
    );
    const read = readWorkbook(pkg.toBytes(), "скрипт.xlsx");
    expect(read.input.uncalculated).toEqual([{ sheet: "Участники", column: 1, count: n }]);
    const a = analyzeWorkbook(read.input);
    const about = a.issues.filter((i) => i.column === "ФИО");
    expect(about).toHaveLength(1);
    expect(about[0]).toMatchObject({ sheet: "Участники", cell: "A3", code: "uncalculated-formula", severity: "error" });
    expect(about[0].message).toBe(`В столбце ${n} формул без сохранённых значений: откройте файл в Excel и сохраните его — Excel вычислит формулы, и строки будут проверены`);
    expect(a.issues.filter((i) => i.code === "missing-value" && i.column === "ФИО")).toEqual([]);
  });
});
