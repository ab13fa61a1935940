// Consolidating school workbooks into the district workbook, with the real binary on real files.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { districtBase, schoolSet } from "../scripts/example/schools";

const BIN = join(__dirname, "..", "dist", "src", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "mm-cons-"));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const p = (f: string) => join(dir, f);

async function sheetRows(path: string, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(name)!;
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))));
  return out;
}

/** The district roster's data rows below its header (row 3, under a title), keyed by the district's own headers. */
async function roster(path: string): Promise<Record<string, unknown>[]> {
  const rows = await sheetRows(path, "Участники");
  const header = rows[1].map(String);
  return rows.slice(2).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]).filter(([, v]) => v !== undefined && v !== null)));
}

const set = schoolSet();
beforeAll(async () => {
  await districtBase().xlsx.writeFile(p("district.xlsx"));
  for (const f of ["bdyussh.xlsx", "bcdo.xlsx", "dyusshp.xlsx"] as const) await set[f].xlsx.writeFile(p(f));
});

describe("mentor-monitor consolidate", () => {
  let json: { files: { file: string; read: number; added: number; replaced: number; excluded: { row: number; reason: string }[] }[]; duplicates: { person: string; sources: string[] }[]; unknownOrganizations: string[] };

  beforeAll(() => {
    const r = cli("consolidate", p("bdyussh.xlsx"), p("bcdo.xlsx"), p("dyusshp.xlsx"), "--into", p("district.xlsx"), "-o", p("out1.xlsx"), "--json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    json = JSON.parse(r.out);
  });

  it("accounts for every source row: added or excluded with a reason", () => {
    const { clean, own, withMistakes } = set.rows;
    expect(json.files.map((f) => [f.file, f.read, f.added, f.replaced, f.excluded.length])).toEqual([
      ["bdyussh.xlsx", clean.length, clean.length, 0, 0],
      ["bcdo.xlsx", own.length, own.length, 0, 0],
      ["dyusshp.xlsx", withMistakes.length, withMistakes.length - 2, 0, 2],
    ]);
    for (const f of json.files) expect(f.added + f.excluded.length).toBe(f.read);
    expect(json.files[2].excluded.map((e) => e.reason)).toEqual(["организации «ДЮСШ-П» нет в списке района", "не указан код организации"]);
    expect(json.unknownOrganizations).toEqual(["ДЮСШ-П"]);
  });

  it("writes the school rows into the district's own layout (its title, column order and headers kept), with the source of each row", async () => {
    const all = await sheetRows(p("out1.xlsx"), "Участники");
    const before = await sheetRows(p("district.xlsx"), "Участники");
    expect(all[0]).toEqual(before[0]); // the title above the table
    expect(all[1]).toEqual([...before[1], "Источник"]); // the district's headers, Источник added after its last column
    const rows = await roster(p("out1.xlsx"));
    const first = set.rows.clean[0];
    const start = (first.start as Date).toISOString().slice(0, 10);
    expect(rows[0]).toEqual({
      "Ф.И.О.": first.fio,
      "Дата рождения": "1975-03-10",
      "Код ОО": "БДЮСШ",
      Роль: "Наставник",
      Категория: "Педагог",
      "Форма\nнаставничества": "Учитель – ученик",
      "Пара/группа": "БДЮСШ-01",
      "Дата начала": start,
      "Согласие на обработку ПД": "Да",
      Источник: "bdyussh.xlsx, стр. 2",
    });
    // The own-layout school: title row above, header on row 3, so its first data row is 4.
    expect(rows[set.rows.clean.length]["Источник"]).toBe("bcdo.xlsx, стр. 4");
    expect(rows[set.rows.clean.length]["Ф.И.О."]).toBe(set.rows.own[0].fio);
    // The impossible date is carried over as written, for the district's check to flag at its cell.
    expect(rows.some((r) => r["Дата начала"] === "31.02.2021")).toBe(true);
    expect(rows).toHaveLength(set.rows.clean.length + set.rows.own.length + set.rows.withMistakes.length - 2);
  });

  it("warns about the same child reported by two schools, naming both sources", () => {
    expect(json.duplicates).toEqual([
      { person: expect.stringContaining(String(set.rows.clean[1].fio)), sources: ["bdyussh.xlsx, стр. 3", expect.stringMatching(/^dyusshp\.xlsx, стр\. \d+$/)] },
    ]);
  });

  it("consolidating the same files twice gives the same district workbook as once", async () => {
    const r = cli("consolidate", p("bdyussh.xlsx"), p("bcdo.xlsx"), p("dyusshp.xlsx"), "--into", p("out1.xlsx"), "-o", p("out2.xlsx"), "--json");
    const again = JSON.parse(r.out);
    expect(again.files.map((f: { added: number; replaced: number }) => [f.added, f.replaced])).toEqual(json.files.map((f) => [f.added, f.added]));
    expect(await sheetRows(p("out2.xlsx"), "Участники")).toEqual(await sheetRows(p("out1.xlsx"), "Участники"));
    expect(await sheetRows(p("out2.xlsx"), "Дорожная карта")).toEqual(await sheetRows(p("out1.xlsx"), "Дорожная карта"));
  });

  it("a school re-sending its corrected file replaces its earlier rows instead of doubling them", async () => {
    const resent = join(mkdtempSync(join(tmpdir(), "mm-resent-")), "dyusshp.xlsx");
    await set.corrected.xlsx.writeFile(resent);
    const r = JSON.parse(cli("consolidate", resent, "--into", p("out1.xlsx"), "-o", p("out3.xlsx"), "--json").out);
    expect(r.files[0]).toMatchObject({ file: "dyusshp.xlsx", read: set.rows.corrected.length, added: set.rows.corrected.length, replaced: set.rows.withMistakes.length - 2 });
    const rows = await roster(p("out3.xlsx"));
    const from = (f: string) => rows.filter((x) => String(x["Источник"]).startsWith(f));
    expect(from("dyusshp.xlsx")).toHaveLength(set.rows.corrected.length);
    expect(rows.some((x) => x["Дата начала"] === "31.02.2021")).toBe(false);
    expect(from("bdyussh.xlsx")).toHaveLength(set.rows.clean.length);
    // The corrected file takes the places of the rows it replaces: no row is left empty in between.
    expect(rows.filter((x) => Object.keys(x).length === 0)).toHaveLength(0);
  });

  it("leaves the district's other sheets as they were, and validates the result with the engine", async () => {
    expect(await sheetRows(p("out1.xlsx"), "Организации")).toEqual(await sheetRows(p("district.xlsx"), "Организации"));
    expect(await sheetRows(p("out1.xlsx"), "Целевые показатели")).toEqual(await sheetRows(p("district.xlsx"), "Целевые показатели"));
    const v = JSON.parse(cli("validate", p("out1.xlsx"), "--json").out);
    expect(v.issues.filter((i: { code: string }) => i.code === "invalid-date")).toHaveLength(1);
  });

  it("needs a district workbook with its list of organizations", () => {
    const r = cli("consolidate", p("bdyussh.xlsx"), "-o", p("nowhere.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("Нужна книга района");
  });

  it("a school file that cannot be read is reported and the others are consolidated (exit 1)", () => {
    copyFileSync(join(__dirname, "..", "package.json"), p("broken.xlsx"));
    const r = cli("consolidate", p("broken.xlsx"), p("bdyussh.xlsx"), "--into", p("district.xlsx"), "-o", p("out4.xlsx"));
    expect(r.code).toBe(1);
    expect(r.out).toContain("broken.xlsx: не прочитан — Файл «broken.xlsx» — не книга Excel (.xlsx)");
    const n = set.rows.clean.length;
    expect(r.out).toMatch(new RegExp(`bdyussh\\.xlsx\\s+${n}\\s+${n}\\s+0\\s+0`));
  });
});

describe("which earlier import a school file replaces", () => {
  const FIX = join(__dirname, "fixtures", "writers");
  const EXAMPLE = join(__dirname, "..", "examples", "boksitogorsk-2021.xlsx");
  const d = mkdtempSync(join(tmpdir(), "mm-cons-same-"));

  it("a file of the same name from another school is a new source, and the output says so", () => {
    expect(cli("consolidate", join(FIX, "schools-a", "отчёт.xlsx"), "--into", EXAMPLE, "-o", join(d, "a.xlsx")).code).toBe(0);
    const r = JSON.parse(cli("consolidate", join(FIX, "schools-b", "отчёт.xlsx"), "--into", join(d, "a.xlsx"), "-o", join(d, "ab.xlsx"), "--json").out);
    expect(r.files[0]).toMatchObject({ file: "отчёт.xlsx", added: 9, replaced: 0, organizations: ["ПДШИ"] });
    expect(r.files[0].relation).toBe("новый источник: файл с тем же именем прислан ранее по другим организациям (БДШИ)");
    const text = cli("consolidate", join(FIX, "schools-b", "отчёт.xlsx"), "--into", join(d, "a.xlsx"), "-o", join(d, "ab2.xlsx")).out;
    expect(text).toContain("отчёт.xlsx: новый источник: файл с тем же именем прислан ранее по другим организациям (БДШИ)");
  });

  it("the same file given twice (same bytes under two paths) is imported once", () => {
    copyFileSync(join(FIX, "schools-a", "отчёт.xlsx"), join(d, "копия.xlsx"));
    const r = cli("consolidate", join(FIX, "schools-a", "отчёт.xlsx"), join(d, "копия.xlsx"), "--into", EXAMPLE, "-o", join(d, "twice.xlsx"), "--json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.files.map((f: { added: number; refused?: string }) => [f.added, f.refused])).toEqual([
      [10, undefined],
      [0, "тот же файл, что и «отчёт.xlsx» (одинаковое содержимое): пропущен"],
    ]);
  });

  it("the district's own book re-saved by another program (other bytes, the same rows) is refused", () => {
    const r = cli("consolidate", join(FIX, "example-libreoffice.xlsx"), "--into", EXAMPLE, "-o", join(d, "self.xlsx"), "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).files[0]).toMatchObject({ added: 0, refused: expect.stringContaining("уже есть в книге района") });
  });

  it("a consolidated district book given as a school file is refused", () => {
    const r = cli("consolidate", join(d, "a.xlsx"), "--into", EXAMPLE, "-o", join(d, "refused.xlsx"), "--json");
    const j = JSON.parse(r.out);
    expect(r.code).toBe(1);
    expect(j.files[0].refused).toContain("это сводная книга");
  });
});

describe("a replaced row that held a formula", () => {
  const FIX = join(__dirname, "fixtures", "writers");
  const EXAMPLE = join(__dirname, "..", "examples", "boksitogorsk-2021.xlsx");
  const d = mkdtempSync(join(tmpdir(), "mm-cons-calc-"));

  it("drops the calculation chain, which would name a cell without a formula, and nothing else of it", async () => {
    const { Package } = await import("../src/xlsx/package/opc");
    const { readFileSync, writeFileSync } = await import("node:fs");
    expect(cli("consolidate", join(FIX, "schools-a", "отчёт.xlsx"), "--into", EXAMPLE, "-o", join(d, "a.xlsx")).code).toBe(0);
    const pkg = new Package(new Uint8Array(readFileSync(join(d, "a.xlsx"))));
    const roster = pkg.sheets().find((s) => s.name === "Участники")!.part!;
    const xml = pkg.text(roster);
    const cell = /<c r="A624"[^>]*>[\s\S]*?<\/c>/.exec(xml)![0];
    pkg.set(roster, xml.replace(cell, '<c r="A624"><f>"Орлова"&amp;" П. И."</f><v>Орлова П. И.</v></c>'));
    pkg.set("xl/calcChain.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A624" i="3"/></calcChain>');
    pkg.addRel("xl/workbook.xml", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain", "xl/calcChain.xml");
    pkg.setOverride("xl/calcChain.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml");
    writeFileSync(join(d, "a-formula.xlsx"), pkg.toBytes());

    expect(cli("consolidate", join(FIX, "schools-a2", "отчёт.xlsx"), "--into", join(d, "a-formula.xlsx"), "-o", join(d, "a2.xlsx")).code).toBe(0);
    const after = new Package(new Uint8Array(readFileSync(join(d, "a2.xlsx"))));
    expect(after.has("xl/calcChain.xml")).toBe(false);
    expect(after.rels("xl/workbook.xml").some((r) => r.type.endsWith("/calcChain"))).toBe(false);
    expect(after.text("[Content_Types].xml")).not.toContain("calcChain");
    expect(after.text(after.sheets().find((s) => s.name === "Участники")!.part!)).not.toContain("<f>");
  });
});
