// Texts written into the user's workbook read back exactly as they were (issue 11 point 2): a literal
// `_x0041_` is escaped as `_x005F_x0041_` (ECMA-376 ST_Xstring), a control character becomes `_x0001_`, and
// texts that look like formulas, numbers, dates or booleans stay texts. ExcelJS's own writer gets the first
// two wrong (it writes `_x0041_` as is, which Excel reads as «A», and drops control characters). Its reader
// does not undo `_xHHHH_` in inline strings, so what we wrote is read here from the part's XML as Excel
// reads it (ECMA-376 Part 1 §22.9.2.19), not through ExcelJS.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { buildExample } from "../../scripts/example/workbook";
import { Package } from "../../src/xlsx/package/opc";
import { escapeCellText, unescapeCellText, unescapeXml } from "../../src/xlsx/package/xml";
import { loadWorkbook } from "../../src/xlsx/read";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "dist", "src", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "mm-texts-"));
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
const book = (path: string) => loadWorkbook(new Uint8Array(readFileSync(path)), "x.xlsx");

/** Every text of a sheet. */
function texts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => typeof c.value === "string" && out.push(c.value)));
  return out;
}

/** Every text of a sheet as Excel reads it: shared strings by index, inline strings as written, escapes undone. */
function textsAsExcelReads(path: string, sheet: string): string[] {
  const pkg = new Package(new Uint8Array(readFileSync(path)));
  const entry = pkg.sheets().find((s) => s.name === sheet)!;
  const xml = pkg.text(entry.part!);
  const read = (si: string) => unescapeCellText(unescapeXml([...si.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => m[1]).join("")));
  const sst = pkg.has("xl/sharedStrings.xml") ? [...pkg.text("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => read(m[1])) : [];
  const out: string[] = [];
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const body = m[2] ?? "";
    if (/\st="inlineStr"/.test(m[1])) out.push(read(body));
    else if (/\st="s"/.test(m[1])) out.push(sst[Number(/<v>(\d+)<\/v>/.exec(body)![1])]);
  }
  return out;
}

/** Rewrites one text of a package's shared strings or inline strings to `exact`, escaped as Excel would. */
function plant(bytes: Uint8Array, find: string, exact: string): Uint8Array {
  const pkg = new Package(bytes);
  let done = false;
  // openpyxl writes non-ASCII letters as character references (&#1060;).
  const refs = [...find].map((ch) => (ch.charCodeAt(0) > 127 ? `&#${ch.charCodeAt(0)};` : ch)).join("");
  for (const name of pkg.names().filter((n) => /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/.test(n))) {
    const xml = pkg.text(name);
    const form = [find, refs].find((f) => xml.includes(`>${f}</t>`));
    if (form === undefined) continue;
    pkg.set(name, xml.split(`>${form}</t>`).join(`>${escapeCellText(exact)}</t>`));
    done = true;
  }
  if (!done) throw new Error(`${find} not found`);
  return pkg.toBytes();
}

const TRICKY = "Мониторинг _x0041_ и \u0001 =СУММ(A1)";

describe("texts the product writes read back exactly", () => {
  it("a roadmap title with a literal _x0041_, a control character and a leading «=» shows as written in the Свод", async () => {
    const { workbook } = buildExample();
    const input = join(dir, "tricky.xlsx");
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    writeFileSync(input, plant(bytes, "Организация мониторинга", TRICKY));
    // The reader sees the planted text exactly: the fixture itself is right.
    expect(texts((await book(input)).getWorksheet("Дорожная карта")!)).toContain(TRICKY);
    const r = cli("report", input, "--period", "2021-Q2", "--as-of", "2021-06-30", "-o", join(dir, "tricky-report.xlsx"));
    expect(r.stderr).toBe("");
    expect(textsAsExcelReads(join(dir, "tricky-report.xlsx"), "Свод 2021 Q2")).toContain(TRICKY); // the overdue list names the item as the user wrote it
  });

  it("school texts that look like formulas, numbers, dates or booleans, or carry _x0041_, arrive in the district as those very texts", async () => {
    const school = new Uint8Array(readFileSync(join(ROOT, "test", "fixtures", "writers", "schools-a", "отчёт.xlsx")));
    const pairs = ["=1+1", "+7 (912) 000-00-00", "-", "2021-09-01", "TRUE", "50%", " 007 ", "БДШИ_x0041_"];
    // Each of the school's first names (ФИО, column A) becomes one tricky text (openpyxl wrote them inline).
    let bytes: Uint8Array = school;
    const names: string[] = [];
    (await loadWorkbook(school, "s.xlsx")).getWorksheet("Участники")!.getColumn(1).eachCell((c, row) => row > 1 && names.push(String(c.value)));
    const ids = names.slice(0, pairs.length);
    ids.forEach((id, i) => (bytes = plant(bytes, id, pairs[i])));
    const schoolPath = join(dir, "школа.xlsx");
    writeFileSync(schoolPath, bytes);
    const out = join(dir, "district.xlsx");
    const r = cli("consolidate", schoolPath, "--into", join(ROOT, "examples", "boksitogorsk-2021.xlsx"), "-o", out);
    expect(r.stderr).toBe("");
    const roster = (await book(out)).getWorksheet("Участники")!;
    const written = textsAsExcelReads(out, "Участники");
    expect(ids).toHaveLength(pairs.length);
    for (const t of pairs) expect(written).toContain(t);
    // Nothing became a formula, a number, a date or a boolean.
    roster.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === "object" && c.value !== null && !(c.value instanceof Date)) expect(["formula", "sharedFormula"].some((k) => k in (c.value as object))).toBe(false);
      }),
    );
  });
});
