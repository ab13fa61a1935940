// `report` and `consolidate` edit the user's package surgically (SPEC §9, issue 11 point 2): on workbooks
// written by ExcelJS, LibreOffice Calc and openpyxl — with a pivot table, a chart, an image, a note, a link,
// a defined name — every part but the few the edit must change keeps its exact bytes, compressed and
// uncompressed, and every original sheet reads back cell for cell as it was.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { type ZipEntry, inflateEntry, readZip } from "../../src/xlsx/package/zip";
import { loadWorkbook } from "../../src/xlsx/read";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "dist", "src", "cli", "main.js");
const FIX = join(ROOT, "test", "fixtures", "writers");
const dir = mkdtempSync(join(tmpdir(), "mm-surgical-"));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const DISTRICTS: Record<string, string> = {
  "ExcelJS (the bundled example)": join(ROOT, "examples", "boksitogorsk-2021.xlsx"),
  "LibreOffice re-save": join(FIX, "example-libreoffice.xlsx"),
  "openpyxl re-save": join(FIX, "example-openpyxl.xlsx"),
  "LibreOffice, with a pivot, chart, image, note, link and name": join(FIX, "district-rich-libreoffice.xlsx"),
  "openpyxl, with a chart, image, note, link, name and table": join(FIX, "district-rich-openpyxl.xlsx"),
  "LibreOffice then openpyxl, pivot kept": join(FIX, "district-rich-lo-then-openpyxl.xlsx"),
  "LibreOffice, roster as an Excel table": join(FIX, "district-libreoffice-roster-table.xlsx"),
};
const SCHOOL_A = join(FIX, "schools-a", "отчёт.xlsx");
const SCHOOL_B = join(FIX, "schools-b", "отчёт.xlsx");
const SCHOOL_A2 = join(FIX, "schools-a2", "отчёт.xlsx");
// The same people as SCHOOL_A and SCHOOL_B, their organization written by name (and two rows naming none).
const NAMED = [join(FIX, "schools-names", "бдши.xlsx"), join(FIX, "schools-names", "пдши.xlsx")];

const entries = (path: string) => new Map(readZip(readFileSync(path)).map((e) => [e.name, e]));
const same = (a: ZipEntry, b: ZipEntry) => Buffer.compare(Buffer.from(a.raw), Buffer.from(b.raw)) === 0;
const sameContent = (a: ZipEntry, b: ZipEntry) => Buffer.compare(Buffer.from(inflateEntry(a)), Buffer.from(inflateEntry(b))) === 0;

/** Parts whose bytes differ, parts added, parts removed. */
function diff(before: string, after: string) {
  const a = entries(before);
  const b = entries(after);
  const changed = [...a.keys()].filter((n) => b.has(n) && !same(a.get(n)!, b.get(n)!)).sort();
  // An untouched part is copied as its very zip entry; its content is then equal too (checked separately).
  for (const [n, e] of a) if (b.has(n) && !changed.includes(n)) expect(sameContent(e, b.get(n)!)).toBe(true);
  return { changed, added: [...b.keys()].filter((n) => !a.has(n)).sort(), removed: [...a.keys()].filter((n) => !b.has(n)) };
}

async function book(path: string): Promise<ExcelJS.Workbook> {
  return loadWorkbook(new Uint8Array(readFileSync(path)), "x.xlsx");
}

/** Every cell of a sheet as the user sees it: value (or formula and result) by address. */
function cells(ws: ExcelJS.Worksheet): Map<string, string> {
  const m = new Map<string, string>();
  ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => m.set(c.address, JSON.stringify(c.value))));
  return m;
}

describe.each(Object.entries(DISTRICTS))("%s", (_label, district) => {
  const out = (what: string) => join(dir, `${_label.replace(/[^A-Za-z]+/g, "-")}-${what}.xlsx`);

  it("report: only the workbook part, its relationships, the content types and the styles change; one sheet part is added", async () => {
    const r = cli("report", district, "--period", "2021-Q2", "-o", out("report"));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const d = diff(district, out("report"));
    for (const n of d.changed) expect(n).toMatch(/^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|\[Content_Types\]\.xml|xl\/styles\.xml)$/);
    expect(d.changed).toContain("xl/workbook.xml");
    expect(d.added).toHaveLength(1);
    expect(d.added[0]).toMatch(/^xl\/worksheets\/sheet\d+\.xml$/);
    expect(d.removed).toEqual([]);
    const [a, b] = [await book(district), await book(out("report"))];
    expect(b.worksheets.map((w) => w.name)).toEqual([...a.worksheets.map((w) => w.name), "Свод 2021 Q2"]);
    for (const ws of a.worksheets) expect(cells(b.getWorksheet(ws.name)!)).toEqual(cells(ws));
    expect(JSON.stringify(b.getWorksheet("Свод 2021 Q2")!.getCell("A1").value)).toContain("Сводный отчёт");
  });

  it("report again into the same file replaces only its own sheet, and adds no styles", () => {
    const first = out("report");
    const r = cli("report", first, "--period", "2021-Q2", "-o", out("report2"));
    expect(r.code).toBe(0);
    const d = diff(first, out("report2"));
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toHaveLength(1); // the report sheet itself (its time stamp and data bar id)
    expect(d.changed[0]).toMatch(/^xl\/worksheets\/sheet\d+\.xml$/);
  });

  it("consolidate: only the roster sheet, its table and the styles change; every earlier cell stays, the new rows follow", async () => {
    const r = cli("consolidate", SCHOOL_A, SCHOOL_B, "--into", district, "-o", out("cons"), "--json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const d = diff(district, out("cons"));
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    const [a, b] = [await book(district), await book(out("cons"))];
    const rosterPart = d.changed.filter((n) => /^xl\/worksheets\//.test(n));
    expect(rosterPart).toHaveLength(1);
    for (const n of d.changed) expect(n).toMatch(/^(xl\/worksheets\/sheet\d+\.xml|xl\/tables\/table\d+\.xml|xl\/styles\.xml)$/);
    for (const ws of a.worksheets) {
      const before = cells(ws);
      const after = cells(b.getWorksheet(ws.name)!);
      if (ws.name !== "Участники") {
        expect(after).toEqual(before);
        continue;
      }
      for (const [addr, v] of before) expect([addr, after.get(addr)]).toEqual([addr, v]); // the district's own cells, title and Примечание included
      const added = [...after.keys()].filter((k) => !before.has(k));
      expect(added).toContain("L3"); // Источник, after the district's last column (K: Примечание)
      expect(after.get("L3")).toBe('"Источник"');
      expect(Math.max(...added.map((k) => Number(k.replace(/^[A-Z]+/, ""))))).toBe(623 + 19);
    }
    const json = JSON.parse(r.out);
    expect(json.files.map((f: { organizations: string[]; added: number }) => [f.organizations, f.added])).toEqual([
      [["БДШИ"], 10],
      [["ПДШИ"], 9],
    ]);
  });

  it("consolidate of files naming their organizations: the same parts change as with codes, and the same cells but «Источник»", async () => {
    const r = cli("consolidate", ...NAMED, "--into", district, "-o", out("cons-names"), "--json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(diff(district, out("cons-names"))).toEqual(diff(district, out("cons")));
    const [byName, byCode] = [await book(out("cons-names")), await book(out("cons"))];
    for (const ws of byCode.worksheets) {
      const [named, coded] = [cells(byName.getWorksheet(ws.name)!), cells(ws)];
      expect([...named.keys()].sort()).toEqual([...coded.keys()].sort());
      // Only the imported rows' «Источник» (column L, below the district's 623 rows) differ: they say how the school wrote its organization.
      const differ = [...coded.keys()].filter((k) => named.get(k) !== coded.get(k));
      expect(differ.every((k) => ws.name === "Участники" && /^L\d+$/.test(k) && Number(k.slice(1)) > 623)).toBe(true);
      if (ws.name === "Участники") expect(differ).toHaveLength(19);
    }
    expect(JSON.parse(r.out).files.map((f: { excluded: unknown[] }) => f.excluded.length)).toEqual([0, 2]);
  });

  it("a second school's file of the same name is a new source; the first school's corrected re-send replaces only its own rows", () => {
    const before = JSON.parse(cli("coverage", out("cons"), "--period", "2021-Q2", "--json").out);
    const r = JSON.parse(cli("consolidate", SCHOOL_A2, "--into", out("cons"), "-o", out("cons2"), "--json").out);
    expect(r.files[0]).toMatchObject({ file: "отчёт.xlsx", read: 11, added: 11, replaced: 10, organizations: ["БДШИ"] });
    expect(r.files[0].relation).toContain("заменяет ранее импортированный файл с тем же именем (БДШИ)");
    const after = JSON.parse(cli("coverage", out("cons2"), "--period", "2021-Q2", "--json").out);
    const org = (c: { organizations: { code: string; covered: number }[] }, code: string) => c.organizations.find((o) => o.code === code)!.covered;
    expect(org(after, "ПДШИ")).toBe(org(before, "ПДШИ")); // school B's rows of the same file name are untouched
    expect(after.rows.total).toBe(before.rows.total + 1); // the re-send has one row more and takes the earlier rows' places
  });

  it("refuses to import the district book into itself", () => {
    const r = cli("consolidate", district, "--into", district, "-o", out("self"));
    expect(r.code).toBe(1);
    expect(r.out).toContain("это сама книга района: книгу нельзя импортировать в неё же");
  });
});

describe("a re-save by another program gives the same result", () => {
  it("coverage and validation of the example are identical after LibreOffice and openpyxl re-save it", () => {
    const run = (f: string) => ({
      coverage: JSON.parse(cli("coverage", f, "--period", "2021-Q2", "--json").out),
      validate: JSON.parse(cli("validate", f, "--json").out),
    });
    const original = run(DISTRICTS["ExcelJS (the bundled example)"]);
    expect(original.coverage.total.covered).toBe(472);
    expect(run(DISTRICTS["LibreOffice re-save"])).toEqual(original);
    expect(run(DISTRICTS["openpyxl re-save"])).toEqual(original);
  });
});

describe("the workbook part keeps its schema order", () => {
  it("a workbook that links other files gets its defined names after its external references", async () => {
    const { Package } = await import("../../src/xlsx/package/opc");
    const { writeFileSync } = await import("node:fs");
    const pkg = new Package(new Uint8Array(readFileSync(DISTRICTS["openpyxl re-save"])));
    const wb = pkg.workbookPart();
    let xml = pkg.text(wb).replace(/<definedNames>[\s\S]*?<\/definedNames>|<definedNames\/>/, "");
    xml = xml.replace("</sheets>", '</sheets><externalReferences><externalReference xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId900"/></externalReferences>');
    pkg.set(wb, xml);
    const input = join(dir, "linked.xlsx");
    writeFileSync(input, pkg.toBytes());
    expect(cli("report", input, "--period", "2021-Q2", "-o", join(dir, "linked-report.xlsx")).code).toBe(0);
    const out = new Package(new Uint8Array(readFileSync(join(dir, "linked-report.xlsx"))));
    const after = out.text(out.workbookPart());
    expect(after.indexOf("</externalReferences>")).toBeGreaterThan(after.indexOf("</sheets>"));
    expect(after.indexOf("<definedNames>")).toBeGreaterThan(after.indexOf("</externalReferences>"));
  });
});
