// The template's data validations as Excel reads them (issue 11): no two <dataValidation sqref> ranges of a
// sheet may intersect — Excel "repairs" (or refuses) such a file. ExcelJS used to write C10:C501 next to
// C2:C501: it merges per-cell rules after sorting addresses as strings ("C10" < "C2"); see src/xlsx/template.ts.
import { join } from "node:path";
import ExcelJS from "exceljs";
import { columnLetter } from "../../src/core/model/cells";
import { TEMPLATE_ROWS, templateModel } from "../../src/core/template/template";
import { compactDataValidations, setColumnValidation, workbookBytes } from "../../src/xlsx/template";
import { cli, read, removeScratch, scratch } from "./util";

afterAll(removeScratch);

interface Rect {
  c1: number;
  r1: number;
  c2: number;
  r2: number;
}

const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

function rectOf(ref: string): Rect {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref);
  if (!m) throw new Error(`unexpected sqref part «${ref}»`);
  const [c1, r1] = [col(m[1]), Number(m[2])];
  const [c2, r2] = m[3] ? [col(m[3]), Number(m[4])] : [c1, r1];
  return { c1: Math.min(c1, c2), r1: Math.min(r1, r2), c2: Math.max(c1, c2), r2: Math.max(r1, r2) };
}

const intersect = (a: Rect, b: Rect) => a.c1 <= b.c2 && b.c1 <= a.c2 && a.r1 <= b.r2 && b.r1 <= a.r2;

/** Every sheet's <dataValidation> elements: its XML part, sqref list and type. */
async function validationsOf(bytes: Uint8Array) {
  const JSZip = require("jszip") as { loadAsync(b: Uint8Array): Promise<{ files: Record<string, { async(t: "string"): Promise<string> }> }> };
  const zip = await JSZip.loadAsync(bytes);
  const out: { part: string; count: number | null; rules: { sqref: string[]; type: string }[] }[] = [];
  for (const [part, f] of Object.entries(zip.files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(part)) continue;
    const xml = await f.async("string");
    const count = /<dataValidations[^>]*\bcount="(\d+)"/.exec(xml);
    const rules = [...xml.matchAll(/<dataValidation\b([^>]*)>/g)].map((m) => ({
      sqref: /\bsqref="([^"]*)"/.exec(m[1])![1].trim().split(/\s+/),
      type: /\btype="([^"]*)"/.exec(m[1])?.[1] ?? "any",
    }));
    out.push({ part, count: count ? Number(count[1]) : null, rules });
  }
  return out.sort((a, b) => a.part.localeCompare(b.part, "en", { numeric: true }));
}

function expectNoOverlap(sheets: Awaited<ReturnType<typeof validationsOf>>) {
  for (const s of sheets) {
    const all = s.rules.flatMap((r) => r.sqref.map((ref) => ({ ref, rect: rectOf(ref) })));
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (intersect(all[i].rect, all[j].rect)) throw new Error(`${s.part}: ${all[i].ref} and ${all[j].ref} overlap`);
      }
    }
    if (s.rules.length > 0) expect(s.count).toBe(s.rules.length);
  }
}

let template: Uint8Array;
beforeAll(() => {
  const out = join(scratch("template-dv"), "шаблон.xlsx");
  expect(cli(["template", "-o", out, "--year", "2021"]).code).toBe(0);
  template = read(out);
});

describe("the template written by `mentor-monitor template`", () => {
  it("has no two intersecting data-validation ranges on any sheet", async () => {
    const sheets = await validationsOf(template);
    expect(sheets.length).toBe(6);
    expectNoOverlap(sheets);
  });

  it("has one rule per column, rows 2–501, on the four data sheets (as Excel tables)", async () => {
    const sheets = await validationsOf(template);
    const refs = sheets.map((s) => s.rules.map((r) => `${r.sqref.join(" ")} ${r.type}`).sort());
    const model = templateModel(2021);
    const expected = model.dataSheets.map((s) =>
      s.columns.flatMap((c, i) => (c.rule ? [`${columnLetter(i + 1)}2:${columnLetter(i + 1)}${TEMPLATE_ROWS + 1} ${c.rule.kind}`] : [])).sort(),
    );
    expect(TEMPLATE_ROWS + 1).toBe(501);
    expect(refs).toEqual([...expected, [], []]); // then Справочники and Настройки, without rules
    expect(refs[2]).toContain("D2:D501 list"); // Участники: Роль
  });

  it("still reads back with every cell's rule (ExcelJS expands the ranges into cells)", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Участники")!;
    for (const r of [2, 10, 250, 501]) {
      expect(ws.getCell(`D${r}`).dataValidation).toMatchObject({ type: "list", formulae: ["'Справочники'!$A$2:$A$3"] });
      expect(ws.getCell(`H${r}`).dataValidation).toMatchObject({ type: "date" });
    }
    expect(ws.getCell("D502").dataValidation).toBeUndefined();
    expect(ws.getCell("A2").dataValidation).toBeUndefined();
  });
});

describe("workbookBytes: any workbook's validations written as disjoint ranges", () => {
  it("a template read back and written again (what report and consolidate do) keeps one range per column", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const again = await validationsOf(await workbookBytes(wb));
    expectNoOverlap(again);
    expect(again.map((s) => s.rules.map((r) => r.sqref.join(" ")))).toEqual((await validationsOf(template)).map((s) => s.rules.map((r) => r.sqref.join(" "))));
    // The workbook's own model is left as it was: per cell, as ExcelJS read it.
    expect(wb.getWorksheet("Участники")!.getCell("D7").dataValidation).toMatchObject({ type: "list" });
  });

  it("per-cell rules with gaps, changes and ranges mixed in: each cell keeps its rule, no range overlaps", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Лист1");
    const list: ExcelJS.DataValidation = { type: "list", allowBlank: true, formulae: ['"а,б"'] };
    const whole: ExcelJS.DataValidation = { type: "whole", operator: "greaterThanOrEqual", allowBlank: true, formulae: [0] };
    for (let r = 2; r <= 120; r++) ws.getCell(r, 2).dataValidation = r === 50 ? whole : list; // B2:B49, B50, B51:B120
    for (let r = 2; r <= 30; r++) if (r !== 9) ws.getCell(r, 3).dataValidation = { ...list }; // equal, not identical; C9 missing
    setColumnValidation(ws, 4, 2, 501, whole);
    ws.getCell("D100").dataValidation = list; // a cell's own rule inside a range
    const bytes = await workbookBytes(wb);
    const sheets = await validationsOf(bytes);
    expectNoOverlap(sheets);
    expect(sheets[0].rules.map((r) => r.sqref.join(" ")).sort()).toEqual(["B2:B49", "B50", "B51:B120", "C2:C8", "C10:C30", "D2:D99", "D100", "D101:D501"].sort());
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ArrayBuffer);
    const b = back.getWorksheet("Лист1")!;
    expect(b.getCell("B50").dataValidation).toMatchObject({ type: "whole" });
    expect(b.getCell("B51").dataValidation).toMatchObject({ type: "list" });
    expect(b.getCell("C9").dataValidation).toBeUndefined();
    expect(b.getCell("D100").dataValidation).toMatchObject({ type: "list" });
    expect(b.getCell("D101").dataValidation).toMatchObject({ type: "whole" });
  });

  it("compactDataValidations returns the model it replaced", () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Лист1");
    ws.getCell("A2").dataValidation = { type: "whole", formulae: [1] };
    ws.getCell("A3").dataValidation = { type: "whole", formulae: [1] };
    const before = compactDataValidations(ws);
    expect(Object.keys(before).sort()).toEqual(["A2", "A3"]);
    expect(Object.keys((ws as unknown as { dataValidations: { model: object } }).dataValidations.model)).toEqual(["A2:A3"]);
  });
});
