// Consolidating school files that name their organization instead of giving its code (issue 14), with
// the real binary on files written by openpyxl: the names are matched to the district's «Организации» by
// the checker's own matcher, the rows are written as the district writes organizations (its code, or its
// name), the school's spelling kept in «Источник», and names that fit none or several organizations are
// left out and reported per file with the nearest ones; the same coverage as the same people sent with
// codes. The add-in's import: test/office/import.test.ts; the standalone page's: test/web/import-names.test.ts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../src/core/analyze";
import type { CellValue, WorkbookInput } from "../src/core/model/cells";
import { type SchoolBook, consolidate, fileOf } from "../src/core/consolidate/consolidate";
import { dayFromDate, excelSerialOf } from "../src/core/model/dates";
import { type ZipEntry, readZip } from "../src/xlsx/package/zip";
import { readWorkbook } from "../src/xlsx/read";

const ROOT = join(__dirname, "..");
const BIN = join(ROOT, "dist", "src", "cli", "main.js");
const FIX = join(ROOT, "test", "fixtures", "writers");
const EXAMPLE = join(ROOT, "examples", "boksitogorsk-2021.xlsx");
const NAMES = [join(FIX, "schools-names", "бдши.xlsx"), join(FIX, "schools-names", "пдши.xlsx")];
const CODES = [join(FIX, "schools-a", "отчёт.xlsx"), join(FIX, "schools-b", "отчёт.xlsx")];
// The same two files opened in LibreOffice Calc and saved (scripts/fixtures/lo_schools_names.py).
const NAMES_LO = [join(FIX, "schools-names-libreoffice", "бдши.xlsx"), join(FIX, "schools-names-libreoffice", "пдши.xlsx")];
const dir = mkdtempSync(join(tmpdir(), "mm-cons-names-"));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));

/** A cell as both readers agree on it: a date as its serial (Office gives serials, the .xlsx reader dates). */
const norm = (v: CellValue | undefined): unknown => {
  if (v instanceof Date) return excelSerialOf(dayFromDate(v)!);
  return v ?? null;
};
/** The roster's rows from the first imported one on (the example's data ends on row 623), as plain values. */
function importedRows(input: WorkbookInput): unknown[][] {
  const s = input.sheets.find((x) => x.name === "Участники")!;
  const first = s.firstRow ?? 1;
  return s.rows
    .slice(624 - first)
    .filter((r) => r.some((v) => v !== null))
    .map((r) => Array.from({ length: 12 }, (_, i) => norm(r[i])));
}
const partsOf = (path: string) => new Map<string, ZipEntry>(readZip(readFileSync(path)).map((e) => [e.name, e]));

type Json = {
  files: { file: string; read: number; added: number; excluded: { row: number; reason: string }[]; organizations: string[]; unmatched: { written: string; rows: number; ambiguous: boolean; candidates: string[] }[] }[];
  unknownOrganizations: string[];
  duplicates: unknown[];
};

let json: Json;
beforeAll(() => {
  const r = cli("consolidate", ...NAMES, "--into", EXAMPLE, "-o", join(dir, "names.xlsx"), "--json");
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  json = JSON.parse(r.out);
  expect(cli("consolidate", ...CODES, "--into", EXAMPLE, "-o", join(dir, "codes.xlsx")).code).toBe(0);
});

describe("mentor-monitor consolidate with school files naming their organization", () => {
  it("takes rows whose organization is named in full or in short, and counts every row", () => {
    expect(json.files.map((f) => [f.file, f.read, f.added, f.excluded.length, f.organizations])).toEqual([
      ["бдши.xlsx", 10, 10, 0, ["БДШИ"]],
      ["пдши.xlsx", 11, 9, 2, ["ПДШИ"]],
    ]);
    for (const f of json.files) expect(f.added + f.excluded.length).toBe(f.read);
  });

  it("reports a name fitting several organizations and a name fitting none, per file, with the district's nearest organizations", () => {
    const f = json.files[1];
    expect(f.excluded).toEqual([
      { sheet: "Участники", row: 11, reason: "название «Детская школа искусств» подходит к нескольким организациям района" },
      { sheet: "Участники", row: 12, reason: "организация «МБОУ ДО «Бокситогорская ДМШ»» не найдена в списке района ни по коду, ни по названию" },
    ]);
    expect(f.unmatched).toEqual([
      { written: "Детская школа искусств", rows: 1, ambiguous: true, candidates: ["БДШИ — МБОУ ДО «Бокситогорская детская школа искусств»", "ПДШИ — МБОУ ДО «Пикалевская детская школа искусств»"] },
      {
        written: "МБОУ ДО «Бокситогорская ДМШ»",
        rows: 1,
        ambiguous: false,
        candidates: ["БДЮСШ — МБОУ ДО «Бокситогорская детско-юношеская спортивная школа»", "БДШИ — МБОУ ДО «Бокситогорская детская школа искусств»", "БЦДО — МБОУ ДО «Бокситогорский центр дополнительного образования»"],
      },
    ]);
    expect(json.unknownOrganizations).toEqual(["МБОУ ДО «Бокситогорская ДМШ»"]);
    const text = cli("consolidate", ...NAMES, "--into", EXAMPLE, "-o", join(dir, "names-text.xlsx")).out;
    expect(text).toContain(
      "пдши.xlsx: «Детская школа искусств» подходит к нескольким организациям района (1 строка не добавлена): «БДШИ — МБОУ ДО «Бокситогорская детская школа искусств»»; «ПДШИ — МБОУ ДО «Пикалевская детская школа искусств»». Укажите в файле код или полное название.",
    );
    expect(text).toContain("пдши.xlsx: «МБОУ ДО «Бокситогорская ДМШ»» нет в списке организаций района (1 строка не добавлена). Похожие: «БДЮСШ — ");
  });

  it("writes the district's code in its «Код ОО» column and keeps the school's spelling in «Источник»", () => {
    const rows = importedRows(readWorkbook(bytesOf(join(dir, "names.xlsx")), "names.xlsx").input);
    expect(rows).toHaveLength(19);
    expect(rows.map((r) => r[1])).toEqual([...Array(10).fill("БДШИ"), ...Array(9).fill("ПДШИ")]);
    expect(rows[0][11]).toBe('бдши.xlsx, стр. 2 (организация в файле: «Муниципальное бюджетное образовательное учреждение дополнительного образования "Бокситогорская детская школа искусств"»)');
    expect(rows[5][11]).toBe("бдши.xlsx, стр. 7 (организация в файле: «МБУ ДО «Бокситогорская ДШИ»»)");
    expect(rows[16][11]).toBe("пдши.xlsx, стр. 8 (организация в файле: «ДШИ г. Пикалёво»)");
    expect(fileOf(String(rows[16][11]))).toBe("пдши.xlsx");
  });

  it("gives the rows the same people give with codes, but for «Источник», and the same coverage", () => {
    const names = importedRows(readWorkbook(bytesOf(join(dir, "names.xlsx")), "names.xlsx").input);
    const codes = importedRows(readWorkbook(bytesOf(join(dir, "codes.xlsx")), "codes.xlsx").input);
    expect(names.map((r) => r.slice(0, 11))).toEqual(codes.map((r) => r.slice(0, 11)));
    const coverage = (f: string) => JSON.parse(cli("coverage", join(dir, f), "--period", "2021-Q2", "--json").out);
    const [byName, byCode] = [coverage("names.xlsx"), coverage("codes.xlsx")];
    expect(byName).toEqual(byCode);
    expect(byName.total.covered).toBe(483); // the example's 472 + 6 pupils of БДШИ + 5 of ПДШИ
  });

  it("changes only the roster sheet (and the styles) of the district's package; every earlier cell stays", () => {
    const [before, after] = [partsOf(EXAMPLE), partsOf(join(dir, "names.xlsx"))];
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...before.keys()].filter((n) => Buffer.compare(Buffer.from(before.get(n)!.raw), Buffer.from(after.get(n)!.raw)) !== 0);
    expect(changed).toEqual(["xl/worksheets/sheet3.xml"]);
    const [a, b] = [readWorkbook(bytesOf(EXAMPLE), "a.xlsx").input, readWorkbook(bytesOf(join(dir, "names.xlsx")), "b.xlsx").input];
    for (const s of a.sheets) {
      const t = b.sheets.find((x) => x.name === s.name)!;
      s.rows.forEach((row, i) => row.forEach((v, j) => expect([s.name, i, j, t.rows[i]?.[j]]).toEqual([s.name, i, j, v])));
    }
  });

  it("gives the same report and the same rows when the schools' files were re-saved by LibreOffice", () => {
    const r = cli("consolidate", ...NAMES_LO, "--into", EXAMPLE, "-o", join(dir, "names-lo.xlsx"), "--json");
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(JSON.parse(r.out)).toEqual({ ...json, output: join(dir, "names-lo.xlsx") });
    const rows = (f: string) => importedRows(readWorkbook(bytesOf(join(dir, f)), f).input);
    const lo = rows("names-lo.xlsx");
    expect(lo).toHaveLength(19);
    expect(lo).toEqual(rows("names.xlsx"));
  });

  it("a re-sent file of names replaces its earlier rows (the note in «Источник» does not hide the file)", () => {
    const r = JSON.parse(cli("consolidate", NAMES[0], "--into", join(dir, "names.xlsx"), "-o", join(dir, "names-again.xlsx"), "--json").out);
    expect(r.files[0]).toMatchObject({ file: "бдши.xlsx", added: 10, replaced: 10, relation: "заменяет ранее импортированный файл с тем же именем (БДШИ)" });
  });
});

describe("a district whose roster writes organizations by name", () => {
  /** A district with «Организации» and a roster whose «Наименование ОО» column holds names. */
  async function district(rosterOrg: (code: string, name: string) => string, header = "Наименование ОО") {
    const wb = new ExcelJS.Workbook();
    const orgs = wb.addWorksheet("Организации");
    orgs.addRow(["Код", "Организация", "Тип", "Контингент", "Молодых педагогов"]);
    orgs.addRow(["СОШ5", "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5»", "ОО", 500, 3]);
    orgs.addRow(["СОШ7", "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»", "ОО", 400, 2]);
    const roster = wb.addWorksheet("Участники");
    roster.addRow(["ФИО", "Дата рождения", header, "Роль", "Категория", "Форма наставничества", "Пара/группа", "Дата начала", "Дата окончания", "Согласие на обработку ПД"]);
    roster.addRow(["Ильина Зоя Павловна", new Date(Date.UTC(1980, 1, 2)), rosterOrg("СОШ7", orgs.getCell("B3").value as string), "Наставник", "Педагог", "Учитель – ученик", "7-1", new Date(Date.UTC(2021, 1, 1)), null, "Да"]);
    return analyzeWorkbook(readWorkbook(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "район.xlsx").input);
  }
  async function school(org: string): Promise<SchoolBook> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Участники");
    ws.addRow(["ФИО", "Дата рождения", "ОО", "Роль", "Категория", "Форма наставничества", "Пара/группа", "Дата начала", "Дата окончания", "Согласие на обработку ПД"]);
    ws.addRow(["Петров Пётр Петрович", new Date(Date.UTC(2010, 3, 4)), org, "Наставляемый", "Обучающийся", "Учитель – ученик", "5-1", new Date(Date.UTC(2021, 1, 1)), null, "Да"]);
    return { file: "школа.xlsx", analysis: analyzeWorkbook(readWorkbook(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), "школа.xlsx").input) };
  }
  const written = (c: ReturnType<typeof consolidate>) => c.plans[0].writes.map((w) => [w.cells.find(([col]) => col === 2)?.[1], w.cells.find(([col]) => col === 10)?.[1]]);

  it("gets the district's name for a school's code or short name, the school's words in «Источник»", async () => {
    const d = await district((_code, name) => name);
    expect(written(consolidate(d, [await school("МБОУ СОШ №5")]))).toEqual([
      ["Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5»", "школа.xlsx, стр. 2 (организация в файле: «МБОУ СОШ №5»)"],
    ]);
    expect(written(consolidate(d, [await school("СОШ5")]))).toEqual([
      ["Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5»", "школа.xlsx, стр. 2 (организация в файле: «СОШ5»)"],
    ]);
  });

  it("gets the code where the district's rows hold codes, and the school's code exactly as written", async () => {
    const d = await district((code) => code);
    expect(written(consolidate(d, [await school("Муниципальное бюджетное общеобразовательное учреждение \"Средняя общеобразовательная школа №5\"")]))).toEqual([
      ["СОШ5", 'школа.xlsx, стр. 2 (организация в файле: «Муниципальное бюджетное общеобразовательное учреждение "Средняя общеобразовательная школа №5"»)'],
    ]);
    expect(written(consolidate(d, [await school("СОШ5")]))).toEqual([["СОШ5", "школа.xlsx, стр. 2"]]);
  });

  it("an empty roster goes by its header: «Код организации» gets codes, «Наименование ОО» names", async () => {
    const empty = async (header: string) => {
      const d = await district((code) => code, header);
      return { ...d, participants: d.participants.map((p) => ({ ...p, records: [] })) };
    };
    const s = await school("МБОУ «СОШ № 7»");
    expect(written(consolidate(await empty("Код организации"), [s]))[0][0]).toBe("СОШ7");
    expect(written(consolidate(await empty("Наименование ОО"), [s]))[0][0]).toBe("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»");
  });
});
