// «Импорт файлов школ» in the pane's service, on the test host: school files read locally, the
// consolidation previewed, then written into the open district workbook and checked again.
import type { RosterRow } from "../../scripts/example/roster";
import { districtBase, schoolRoster, schoolSet, templateSchool } from "../../scripts/example/schools";
import { analyzeWorkbook } from "../../src/core/analyze";
import type { CellValue, WorkbookInput } from "../../src/core/model/cells";
import { consolidate } from "../../src/core/consolidate/consolidate";
import { todayDay } from "../../src/core/model/dates";
import { writeImport } from "../../src/office/import";
import { readWorkbook } from "../../src/office/read";
import { BLOCK_CELLS } from "../../src/office/run";
import { createService } from "../../src/office/service";
import { DATE_FORMAT, type SyncStats, createHost, serialOf, syncStats } from "../../src/testhost";
import { cellName } from "../../src/testhost/address";
import { numberFormatAt } from "../../src/testhost/cells";
import { Range, type RangeRef } from "../../src/testhost/range";
import { loadWorkbook, readSchoolBooks, readWorkbook as readXlsx, workbookInputOf } from "../../src/xlsx/read";
import { writeConsolidation } from "../../src/xlsx/consolidate";
import { openPackage } from "../../src/xlsx/package/open";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { roundTrip } from "../helpers/xlsx";
import { NOW, snapshot } from "./example";

const set = schoolSet();
const bytes = async (wb: typeof set.corrected) => new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);

async function setup() {
  const host = createHost(workbookInputOf(await roundTrip(districtBase())));
  const service = createService(host.run, () => NOW);
  const files = [
    { name: "bdyussh.xlsx", bytes: await bytes(set["bdyussh.xlsx"]) },
    { name: "bcdo.xlsx", bytes: await bytes(set["bcdo.xlsx"]) },
    { name: "dyusshp.xlsx", bytes: await bytes(set["dyusshp.xlsx"]) },
  ];
  return { host, service, files };
}

/** The district roster's data rows as values (header on row 3 of the example's roster sheet). */
function roster(host: ReturnType<typeof createHost>): (string | number | boolean)[][] {
  const out: (string | number | boolean)[][] = [];
  for (let r = 4; ; r++) {
    const line = "ABCDEFGHIJKL".split("").map((c) => host.sheet("Участники").cell(`${c}${r}`).value);
    if (line.every((v) => v === "")) return out;
    out.push(line);
  }
}

describe("importing school files in the add-in", () => {
  it("previews without writing anything, with the same per-file summary as the command line", async () => {
    const { host, service, files } = await setup();
    const before = roster(host);
    const p = await service.importSchools(files, false);
    expect(p.applied).toBe(false);
    expect(p.summaries.map((f) => [f.file, f.read, f.added, f.excluded.length])).toEqual([
      ["bdyussh.xlsx", set.rows.clean.length, set.rows.clean.length, 0],
      ["bcdo.xlsx", set.rows.own.length, set.rows.own.length, 0],
      ["dyusshp.xlsx", set.rows.withMistakes.length, set.rows.withMistakes.length - 2, 2],
    ]);
    expect(p.unknownOrganizations).toEqual(["ДЮСШ-П"]);
    expect(p.duplicates).toHaveLength(1);
    expect(roster(host)).toEqual(before);
  });

  it("writes the rows with their source, re-checks, and importing again changes nothing", async () => {
    const { host, service, files } = await setup();
    const r = await service.importSchools(files, true);
    const rows = roster(host);
    const total = set.rows.clean.length + set.rows.own.length + set.rows.withMistakes.length - 2;
    expect(rows).toHaveLength(total);
    expect(host.sheet("Участники").cell("L3").value).toBe("Источник"); // after the example's 11 columns
    expect(rows[0][0]).toBe(set.rows.clean[0].fio);
    expect(rows[0][11]).toBe("bdyussh.xlsx, стр. 2");
    expect(r.check!.issues.filter((i) => i.code === "invalid-date")).toHaveLength(1);
    const again = await service.importSchools(files, true);
    expect(again.summaries.map((f) => f.replaced)).toEqual(again.summaries.map((f) => f.added));
    expect(roster(host)).toEqual(rows);
  });

  it("a corrected file re-sent under the same name replaces the school's earlier rows", async () => {
    const { host, service, files } = await setup();
    await service.importSchools(files, true);
    const r = await service.importSchools([{ name: "dyusshp.xlsx", bytes: await bytes(set.corrected) }], true);
    expect(r.summaries[0]).toMatchObject({ added: set.rows.corrected.length, replaced: set.rows.withMistakes.length - 2 });
    const rows = roster(host);
    expect(rows.filter((x) => String(x[11]).startsWith("dyusshp.xlsx"))).toHaveLength(set.rows.corrected.length);
    expect(rows.filter((x) => String(x[11]).startsWith("bdyussh.xlsx"))).toHaveLength(set.rows.clean.length);
    expect(r.check!.issues.filter((i) => i.code === "invalid-date")).toHaveLength(0);
  });

  it("a file that is not a workbook is reported, the others still preview", async () => {
    const { service, files } = await setup();
    const p = await service.importSchools([{ name: "notes.xlsx", bytes: new TextEncoder().encode("ФИО;Роль") }, files[0]], false);
    expect(p.failed).toEqual([{ file: "notes.xlsx", message: expect.stringMatching(/^Файл «notes\.xlsx» — не книга Excel \(\.xlsx\), а текст/) }]);
    expect(p.summaries).toHaveLength(1);
  });
});

// ——— The plan applied cell by cell: what the district has stays where it is. ———

type Written = { sheet: string; address: string; value: unknown; format: string };
/** Every cell a Range.values write touches (null leaves a cell alone), with its number format at that moment. */
const written: Written[] = [];
const valuesProp = Range.props.values as { set: (ref: RangeRef, v: unknown, ctx: unknown) => void };
const originalSet = valuesProp.set;
beforeAll(() => {
  valuesProp.set = (ref, v, ctx) => {
    if (Array.isArray(v)) {
      (v as unknown[][]).forEach((line, i) =>
        line.forEach((x, j) => {
          const r = ref.rect.row + i;
          const c = ref.rect.col + j;
          if (x !== null) written.push({ sheet: ref.sheet.name, address: cellName(r, c), value: x, format: numberFormatAt(ref.sheet, r, c) });
        }),
      );
    }
    originalSet(ref, v, ctx);
  };
});
afterAll(() => void (valuesProp.set = originalSet));

const HEADER = ["ФИО", "Дата рождения", "Код организации", "Примечание", "Роль", "Категория", "Форма наставничества", "Пара/группа", "Дата начала", "Дата окончания", "Согласие на обработку ПД"];
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const TEXTS = ["=1+1", "+7 (912) 000-00-00", "-", "2021-09-01", "TRUE", "50%", " 007 "];

/** A district roster of its own: a title row, the header on row 2, «Примечание» between model columns, two typed rows (one with a formula). */
async function districtHost(rows: (CellValue | undefined)[][] = []) {
  const base = workbookInputOf(await roundTrip(districtBase()));
  const roster = [
    ["Учёт участников наставничества, Бокситогорский район"],
    HEADER,
    ["Иванова Мария Петровна", utc(1980, 1, 2), "БДЮСШ", null, "Наставник", "Педагог", "Учитель – ученик", "Р-01", utc(2021, 2, 1), null, "Да"],
    ["Петров Пётр Ильич", utc(2009, 4, 5), "БДЮСШ", "пришёл сам", "Наставляемый", "Обучающийся", "Учитель – ученик", "Р-01", utc(2021, 2, 1), null, "Да"],
    ...rows,
  ].map((r) => r.map((v) => v ?? null));
  const input: WorkbookInput = { ...base, sheets: base.sheets.map((s) => (s.name === "Участники" ? { name: s.name, rows: roster, tables: [] } : s)) };
  const host = createHost(input);
  const ws = host.sheet("Участники").model;
  ws.formulas.set(2, 3, "=ДЛСТР(A3)"); // D3: the district's formula, showing 22
  ws.values.set(2, 3, 22);
  return host;
}

const schoolFile = async (name: string, rows: RosterRow[]) => ({ name, bytes: await bytes(templateSchool(rows)) });

/** The import as the pane runs it, but with the writer's outcome (notes) and the consolidation returned. */
async function importDirect(host: ReturnType<typeof createHost>, files: { name: string; bytes: Uint8Array }[]) {
  const schools = await Promise.all(files.map(async (f) => ({ file: f.name, analysis: analyzeWorkbook(workbookInputOf(await loadWorkbook(f.bytes, f.name))) })));
  return host.run(async (ctx) => {
    const district = analyzeWorkbook(await readWorkbook(ctx, BLOCK_CELLS), { today: todayDay(NOW) });
    const c = consolidate(district, schools);
    return { c, notes: (await writeImport(ctx, district, c, BLOCK_CELLS)).notes };
  });
}

/** Everything on the roster rows given (values, formulas, formats, fills, validation), for "unchanged" checks. */
function rowsSnapshot(host: ReturnType<typeof createHost>, from: number, to: number) {
  const s = host.sheet("Участники");
  const out: unknown[] = [];
  for (let r = from; r <= to; r++) for (const c of "ABCDEFGHIJKLM") out.push(s.cell(`${c}${r}`));
  return out;
}

/** Exactly n rows of a school's roster. */
const people = (code: string, n: number, seed: number) => schoolRoster(code, n, seed).slice(0, n);
const v1 = people("БДЮСШ", 7, 11).map((r, i) => ({ ...r, pair: TEXTS[i] }));

describe("the import writes only the cells of its plan", () => {
  beforeEach(() => void (written.length = 0));

  it("keeps the title, the district's rows, its «Примечание» column and its formula; texts stay texts", async () => {
    const host = await districtHost();
    const before = rowsSnapshot(host, 1, 4);
    const others = snapshot(host, host.sheetNames().filter((n) => n !== "Участники"));
    const { c, notes } = await importDirect(host, [await schoolFile("school.xlsx", v1)]);
    expect(c.summaries[0]).toMatchObject({ added: 7, replaced: 0, relation: "новый источник" });
    expect(notes).toEqual([]);
    const s = host.sheet("Участники");
    const notL2 = (cells: unknown[]) => cells.filter((x) => (x as { address: string }).address !== "L2");
    expect(notL2(rowsSnapshot(host, 1, 4))).toEqual(notL2(before));
    expect(s.cell("L2").value).toBe("Источник");
    expect(s.cell("D3")).toMatchObject({ formula: "=ДЛСТР(A3)", value: 22 });
    expect(snapshot(host, host.sheetNames().filter((n) => n !== "Участники"))).toEqual(others);

    // The new rows follow the last filled row, in the model's columns and «Источник»; «Примечание» is not touched.
    v1.forEach((p, i) => {
      const r = 5 + i;
      expect(s.cell(`A${r}`).value).toBe(p.fio);
      expect(s.cell(`C${r}`).value).toBe("БДЮСШ");
      expect(s.cell(`H${r}`)).toMatchObject({ value: TEXTS[i], valueType: "String", formula: null, numberFormat: "@" });
      expect(s.cell(`I${r}`)).toMatchObject({ value: serialOf(p.start as Date), valueType: "Double", numberFormat: DATE_FORMAT });
      expect(s.cell(`L${r}`).value).toBe(`school.xlsx, стр. ${i + 2}`);
    });
    expect(s.cell("A12").value).toBe("");

    // Only the plan's cells were written: the new rows' owned columns and L2, never a row above or «Примечание».
    const cells = new Set(written.map((w) => w.address));
    expect(cells).toEqual(new Set(["L2", ...[5, 6, 7, 8, 9, 10, 11].flatMap((r) => "ABCEFGHIJKL".split("").map((col) => `${col}${r}`))].filter((a) => !/^J/.test(a))));
    // Every text went into a cell already formatted "@" (the host takes «+7 …», «2021-09-01», «TRUE»,
    // «50%» as Excel does, so the values above prove it too; this checks what the writer sends).
    const texts = written.filter((w) => typeof w.value === "string" && w.value !== "");
    expect(texts.length).toBeGreaterThan(7 * 8);
    expect(texts.filter((w) => w.format !== "@")).toEqual([]);
    expect(written.filter((w) => typeof w.value === "number").every((w) => w.format === DATE_FORMAT)).toBe(true);
  });

  it("a re-sent file replaces its rows in place; a row the district annotated keeps the note, is emptied and reported", async () => {
    const host = await districtHost();
    await importDirect(host, [await schoolFile("school.xlsx", v1)]);
    host.sheet("Участники").setValue("D7", "позвонить");
    const above = rowsSnapshot(host, 1, 4);
    const v2 = people("БДЮСШ", 5, 12).map((r, i) => ({ ...r, pair: i === 0 ? 2021 : `П-${i}` }));
    written.length = 0;
    const { c, notes } = await importDirect(host, [await schoolFile("school.xlsx", v2)]);
    expect(c.summaries[0]).toMatchObject({ added: 5, replaced: 7, relation: "заменяет ранее импортированный файл с тем же именем (БДЮСШ)" });
    expect(notes).toEqual(["Лист «Участники», строка 7: строка заменена новым файлом, но в ней остались ваши значения (Примечание) — проверьте их"]);
    const s = host.sheet("Участники");
    expect(rowsSnapshot(host, 1, 4)).toEqual(above);
    // Slots: the replaced rows without district values, in order; row 7 keeps only its note; row 11 is emptied.
    const slots = [5, 6, 8, 9, 10];
    slots.forEach((r, i) => {
      expect(s.cell(`A${r}`).value).toBe(v2[i].fio);
      expect(s.cell(`L${r}`).value).toBe(`school.xlsx, стр. ${i + 2}`);
    });
    // A number where a text was: a number again (the earlier "@" gives way), not the text "2021".
    expect(s.cell("H5")).toMatchObject({ value: 2021, valueType: "Double", numberFormat: "General" });
    expect(s.cell("H6")).toMatchObject({ value: "П-1", numberFormat: "@" });
    for (const r of [7, 11]) expect("ABCEFGHIJKL".split("").map((col) => s.cell(`${col}${r}`).value)).toEqual(Array(11).fill(""));
    expect(s.cell("D7").value).toBe("позвонить");
    expect(s.cell("D3").formula).toBe("=ДЛСТР(A3)");
    expect(written.some((w) => /^D\d/.test(w.address) || Number(w.address.slice(1)) < 5)).toBe(false);
    expect(written.filter((w) => typeof w.value === "string" && w.value !== "" && w.format !== "@")).toEqual([]);
  });

  it("a file of the same name from another organization is a new source: the first school's rows stay", async () => {
    const host = await districtHost();
    await importDirect(host, [await schoolFile("school.xlsx", v1)]);
    const first = rowsSnapshot(host, 1, 11);
    const other = people("БЦДО", 3, 13);
    const { c } = await importDirect(host, [await schoolFile("school.xlsx", other)]);
    expect(c.summaries[0]).toMatchObject({ added: 3, replaced: 0, relation: "новый источник: файл с тем же именем прислан ранее по другим организациям (БДЮСШ)" });
    expect(rowsSnapshot(host, 1, 11)).toEqual(first);
    const s = host.sheet("Участники");
    other.forEach((p, i) => expect([s.cell(`A${12 + i}`).value, s.cell(`C${12 + i}`).value]).toEqual([p.fio, "БЦДО"]));
  });

  it("stops before writing anything when a target cell is filled: in the analysis, or a formula showing nothing", async () => {
    const host = await districtHost();
    const files = [await schoolFile("school.xlsx", v1)];
    const before = snapshot(host);
    // A plan that would write over the district's own row 3 (the core never makes one: the writer checks anyway).
    const err = await host
      .run(async (ctx) => {
        const district = analyzeWorkbook(await readWorkbook(ctx, BLOCK_CELLS), { today: todayDay(NOW) });
        const sch = await Promise.all(files.map(async (f) => ({ file: f.name, analysis: analyzeWorkbook(workbookInputOf(await loadWorkbook(f.bytes, f.name))) })));
        const c = consolidate(district, sch);
        const plan = c.plans[0];
        const bad = { ...c, plans: [{ ...plan, writes: [...plan.writes, { row: 3, cells: [[0, "Сидоров"] as const] }] }, ...c.plans.slice(1)] };
        host.resetStats();
        return writeImport(ctx, district, bad, BLOCK_CELLS);
      })
      .catch((e: unknown) => e);
    expect((err as Error).message).toBe("Импорт остановлен, книга не изменена: ячейка A3 на листе «Участники» уже заполнена");
    expect(host.stats.queuedOps).toBe(0); // thrown before anything was queued
    expect(snapshot(host)).toEqual(before);

    // L5 holds a formula that shows nothing: the analysis reads it as empty, Excel does not.
    host.sheet("Участники").model.formulas.set(4, 11, '=""');
    const snap = snapshot(host);
    host.resetStats();
    await expect(importDirect(host, files)).rejects.toThrow("Импорт остановлен, книга не изменена: ячейка L5 на листе «Участники» уже заполнена");
    expect(host.stats.opsByKind.set).toBe(0);
    expect(snapshot(host)).toEqual(snap);
  });

  it("costs the same few syncs for 7 rows and for 3 000, each request well under 5 MB", async () => {
    const measure = async (n: number) => {
      const host = await districtHost();
      const rows = people("БДЮСШ", n, 21).map((r, i) => ({ ...r, pair: TEXTS[i % TEXTS.length] }));
      const files = [await schoolFile("school.xlsx", rows)];
      const service = createService(host.run, () => NOW);
      const first = await syncStats(host, () => importDirect(host, files));
      const again = await syncStats(host, () => importDirect(host, files)); // replaces every row in place
      const pane = await syncStats(host, () => service.importSchools(files, true));
      expect(host.sheet("Участники").cell(`L${4 + n}`).value).toBe(`school.xlsx, стр. ${n + 1}`);
      return { first: first.stats, again: again.stats, pane: pane.stats };
    };
    const small = await measure(7);
    const big = await measure(3_000);
    const fmt = (s: SyncStats) => `${s.syncs} syncs / ${s.queuedOps} ops, ${(s.maxRequestBytes / 1e6).toFixed(2)} MB`;
    console.log(`import (read + write): 7 rows ${fmt(small.first)}, again ${fmt(small.again)}; 3000 rows ${fmt(big.first)}, again ${fmt(big.again)}; pane (read + write + check) ${fmt(small.pane)} / ${fmt(big.pane)}`);
    for (const k of ["first", "again", "pane"] as const) expect(big[k].syncs).toBe(small[k].syncs);
    expect(small.first.syncs).toBeLessThanOrEqual(5); // 3 to read, 1 to load the targets, 1 to write
    expect(big.first.queuedOps).toBe(small.first.queuedOps);
    expect(big.again.maxRequestBytes).toBeLessThan(2_500_000);
  }, 120_000);
});

// ——— School files that name their organization (issue 14): the rows the package editor writes. ———

describe("school files that name their organization instead of giving its code", () => {
  const FIX = join(__dirname, "..", "fixtures", "writers");
  const EXAMPLE = new Uint8Array(readFileSync(join(__dirname, "..", "..", "examples", "boksitogorsk-2021.xlsx")));
  const file = (folder: string, name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(FIX, folder, name))) });
  const NAMED = [file("schools-names", "бдши.xlsx"), file("schools-names", "пдши.xlsx")];
  const CODED = [file("schools-a", "отчёт.xlsx"), file("schools-b", "отчёт.xlsx")];
  // The named files opened in LibreOffice Calc and saved (scripts/fixtures/lo_schools_names.py).
  const NAMED_LO = [file("schools-names-libreoffice", "бдши.xlsx"), file("schools-names-libreoffice", "пдши.xlsx")];
  /** A cell as both readers give it: a date as its serial (Office gives serials). */
  const norm = (v: CellValue | undefined): unknown => (v instanceof Date ? serialOf(v) : v ?? null);
  /** The example's roster from row 624 on (its data ends on row 623), twelve columns with «Источник». */
  const imported = (input: WorkbookInput) => {
    const s = input.sheets.find((x) => x.name === "Участники")!;
    return s.rows
      .slice(624 - (s.firstRow ?? 1))
      .filter((r) => r.some((v) => v !== null))
      .map((r) => Array.from({ length: 12 }, (_, i) => norm(r[i])));
  };
  const paneImport = async (files: typeof NAMED) => {
    const host = createHost(readXlsx(EXAMPLE, "boksitogorsk-2021.xlsx").input);
    const service = createService(host.run, () => NOW);
    const outcome = await service.importSchools(files, true);
    return { host, service, outcome, rows: imported(await host.run((ctx) => readWorkbook(ctx, null))) };
  };

  it("writes the rows the .xlsx package editor writes: the district's code, the school's words in «Источник»", async () => {
    const { outcome, rows } = await paneImport(NAMED);
    expect(outcome.summaries.map((f) => [f.file, f.read, f.added, f.excluded.length, f.organizations])).toEqual([
      ["бдши.xlsx", 10, 10, 0, ["БДШИ"]],
      ["пдши.xlsx", 11, 9, 2, ["ПДШИ"]],
    ]);
    expect(outcome.summaries[1].unmatched.map((u) => [u.written, u.ambiguous, u.candidates.length])).toEqual([
      ["Детская школа искусств", true, 2],
      ["МБОУ ДО «Бокситогорская ДМШ»", false, 3],
    ]);
    // The same consolidation applied to the file by the package editor (the command line's and the page's writer).
    const { schools } = readSchoolBooks(NAMED);
    const pkg = openPackage(EXAMPLE, "boksitogorsk-2021.xlsx");
    await writeConsolidation(pkg, consolidate(analyzeWorkbook(readXlsx(EXAMPLE, "x.xlsx").input), schools), false, "boksitogorsk-2021.xlsx");
    expect(rows).toEqual(imported(readXlsx(pkg.toBytes(), "out.xlsx").input));
    expect(rows.map((r) => r[1])).toEqual([...Array(10).fill("БДШИ"), ...Array(9).fill("ПДШИ")]);
    expect(rows[9][11]).toBe("бдши.xlsx, стр. 11 (организация в файле: «МБУ ДО «Бокситогорская ДШИ»»)");
    expect(outcome.check!.issues.filter((i) => i.code === "unknown-organization" && Number(i.cell.replace(/^[A-Z]+/, "")) > 623)).toEqual([]);
  });

  it("the same people sent with codes give the same rows but for «Источник», and the same coverage", async () => {
    const [named, coded] = [await paneImport(NAMED), await paneImport(CODED)];
    expect(named.rows.map((r) => r.slice(0, 11))).toEqual(coded.rows.map((r) => r.slice(0, 11)));
    const [a, b] = [await named.service.coverage("2021-Q2"), await coded.service.coverage("2021-Q2")];
    expect(a).toEqual(b);
    expect("total" in a && a.total.covered).toBe(483);
  });

  it("the same files re-saved by LibreOffice give the same summaries and rows", async () => {
    const [named, resaved] = [await paneImport(NAMED), await paneImport(NAMED_LO)];
    expect(resaved.rows).toHaveLength(19);
    expect(resaved.rows).toEqual(named.rows);
    expect(resaved.outcome.summaries).toEqual(named.outcome.summaries);
  });
});
