// The pane's service over the in-memory workbook (issue 16 point 2): every tab's action on the bundled
// example and on a LibreOffice re-save gives what the command line gives, and every change is a file to
// download, never the user's data changed behind their back.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Package } from "../../src/xlsx/package/opc";
import { readZip } from "../../src/xlsx/package/zip";
import { readWorkbook } from "../../src/xlsx/read";
import { createMemoryService } from "../../src/web/port";
import { MemoryWorkbook } from "../../src/web/workbook";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "dist", "src", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "mm-websvc-"));
const NOW = () => new Date("2021-06-30T09:00:00Z");
const BOOKS: Record<string, string> = {
  "the bundled example": join(ROOT, "examples", "boksitogorsk-2021.xlsx"),
  "a LibreOffice re-save": join(ROOT, "test", "fixtures", "writers", "example-libreoffice.xlsx"),
};
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
const sheetXml = (bytes: Uint8Array, name: string) => {
  const pkg = new Package(bytes);
  return pkg.text(pkg.sheets().find((s) => s.name === name)!.part!);
};
// The time it was made and the data bar's random id differ from run to run.
const withoutStamp = (xml: string) => xml.replace(/\d\d\.\d\d\.\d{4},? \d\d:\d\d/g, "СТАМП").replace(/\{[0-9A-F-]{36}\}/g, "{ID}");

describe.each(Object.entries(BOOKS))("%s", (_label, path) => {
  const original = new Uint8Array(readFileSync(path));
  let changes = 0;
  const book = new MemoryWorkbook("Бокситогорск.xlsx", original);
  const service = createMemoryService(book, { now: NOW, onChange: () => changes++ });

  test("the check lists the command line's issues, cell for cell", async () => {
    const r = await service.check();
    const json = JSON.parse(cli("validate", path, "--json").stdout) as { issues: { sheet: string; cell: string; code: string }[] };
    expect(r.issues.map((i) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual(json.issues.map((i) => `${i.sheet}!${i.cell} ${i.code}`));
    expect(r.errors).toBeGreaterThan(0);
  });

  test("coverage gives the approved plan of 1256 and the command line's counts per organization", async () => {
    const r = await service.coverage("2021-Q2");
    if ("problem" in r) throw new Error(r.problem);
    const json = JSON.parse(cli("coverage", path, "--period", "2021-Q2", "--json").stdout) as { total: { target: number; covered: number }; organizations: { code: string; covered: number }[] };
    expect(r.total.target).toBe(1256);
    expect({ target: r.total.target, covered: r.total.covered }).toEqual({ target: json.total.target, covered: json.total.covered });
    expect(r.organizations.map((o) => [o.code, o.covered])).toEqual(json.organizations.map((o) => [o.code, o.covered]));
  });

  test("the Свод is the command line's sheet, and the rest of the user's file keeps its bytes", async () => {
    const { sheet } = await service.generateReport("2021-Q2", "2021-06-30");
    expect(sheet).toBe("Свод 2021 Q2");
    const out = book.outputs.find((o) => o.kind === "report")!;
    expect(out.fileName).toBe("Бокситогорск (Свод 2021 Q2).xlsx");
    const cliOut = join(dir, `${_label}.xlsx`);
    expect(cli("report", path, "--period", "2021-Q2", "--as-of", "2021-06-30", "-o", cliOut).status).toBe(0);
    const cliBytes = new Uint8Array(readFileSync(cliOut));
    expect(withoutStamp(sheetXml(out.bytes, sheet))).toBe(withoutStamp(sheetXml(cliBytes, sheet)));
    // The same parts change as with the command line: nothing else of the user's file.
    const entries = (b: Uint8Array) => new Map(readZip(b).map((e) => [e.name, Buffer.from(e.raw)]));
    const before = entries(original);
    const after = entries(out.bytes);
    const changed = [...before.keys()].filter((n) => Buffer.compare(before.get(n)!, after.get(n)!) !== 0).sort();
    expect(changed).toEqual(["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml"]);
    expect(book.bytes).toBe(original); // the data itself is untouched
    expect(changes).toBe(1);
  });

  test("highlighting makes a highlighted copy; clearing drops it", async () => {
    const n = await service.highlightIssues();
    expect(n).toBeGreaterThan(0);
    expect(book.outputs.map((o) => o.kind)).toEqual(["report", "highlight"]);
    await service.clearHighlights();
    expect(book.outputs.map((o) => o.kind)).toEqual(["report"]);
  });

  test("a shown suggestion is written as text only into a cell that still holds what the check saw", async () => {
    const check = await service.check();
    const issue = check.issues.find((i) => i.code === "unknown-organization" && i.suggestion)!;
    expect(issue).toBeDefined();
    const expected = String(issue.value ?? "");
    const r = await service.fixCells({ sheet: issue.sheet, cells: [issue.cell], expected, value: issue.suggestion! });
    expect(r).toEqual({ written: [issue.cell], changed: [] });
    const again = await service.fixCells({ sheet: issue.sheet, cells: [issue.cell], expected, value: "ЧУЖОЕ" });
    expect(again).toEqual({ written: [], changed: [issue.cell] });
    const after = await service.check();
    expect(after.issues.some((i) => i.sheet === issue.sheet && i.cell === issue.cell && i.code === issue.code)).toBe(false);
    // The data changed, so the Свод made before is gone and the changed book is offered instead.
    expect(book.outputs.map((o) => o.kind)).toEqual(["changed"]);
    expect(readWorkbook(original, "x.xlsx").input).not.toEqual(readWorkbook(book.bytes, "x.xlsx").input);
  });

  test("remarks for schools are a workbook of their own with only the aggregates of issues", async () => {
    await service.exportRemarks();
    const out = book.outputs.find((o) => o.kind === "remarks")!;
    const sheet = readWorkbook(out.bytes, "r.xlsx").input.sheets[0];
    expect(sheet.name).toBe("Замечания для школ");
    expect(sheet.rows[0].slice(0, 4)).toEqual(["Код ОО", "Организация", "Лист", "Ячейка"]);
    expect(sheet.rows.length).toBeGreaterThan(2);
  });

  test("the template is not inserted into the open book: the message says what to do", async () => {
    await expect(service.insertTemplate(2021)).rejects.toThrow(/Скачать пустой шаблон/);
  });
});
