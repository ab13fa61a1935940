// The real `mentor-monitor` binary (dist/, built by `npm test` first) on real .xlsx files written by ExcelJS.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { buildExample } from "../scripts/example/workbook";

const BIN = join(__dirname, "..", "dist", "src", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "mm-cli-"));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function writeExample(name: string, change?: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const { workbook } = buildExample();
  change?.(workbook);
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

let example: string;
beforeAll(async () => {
  example = await writeExample("example.xlsx");
});

describe("template", () => {
  it("writes a workbook with the four sheets as Excel tables, lists and drop-downs, which validates clean", async () => {
    const out = join(dir, "template.xlsx");
    const r = cli("template", "-o", out, "--year", "2021");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Шаблон");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Организации", "Целевые показатели", "Участники", "Дорожная карта", "Справочники", "Настройки"]);
    const participants = wb.getWorksheet("Участники")!;
    expect(Object.keys((participants as unknown as { tables: object }).tables)).toEqual(["Участники"]);
    expect(participants.getCell("D2").dataValidation).toMatchObject({ type: "list", formulae: ["'Справочники'!$A$2:$A$3"] });
    expect(participants.getCell("H2").dataValidation).toMatchObject({ type: "date" });
    expect(wb.getWorksheet("Справочники")!.getCell("A3").value).toBe("Наставляемый");
    const v = cli("validate", out, "--json");
    expect(v.code).toBe(0);
    expect(JSON.parse(v.out)).toEqual({ errors: 0, warnings: 0, issues: [] });
  });
});

describe("validate", () => {
  it("--json prints the §7 document and exits 1 when there are errors", () => {
    const r = cli("validate", example, "--json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(["errors", "warnings", "issues"]);
    expect(j.errors).toBe(6);
    expect(j.warnings).toBe(7); // six roster warnings + the roadmap's «по отдельному графику»
    expect(j.issues).toHaveLength(13);
    for (const i of j.issues) {
      expect(Object.keys(i).filter((k) => k !== "suggestion")).toEqual(["sheet", "cell", "row", "column", "severity", "code", "message"]);
    }
    expect(j.issues).toContainEqual(expect.objectContaining({ code: "unknown-value", column: "Категория", suggestion: "Обучающийся" }));
  });

  it("prints a readable Russian table without --json", () => {
    const r = cli("validate", example);
    expect(r.out).toContain("ошибок — 6, предупреждений — 7");
    expect(r.out).toMatch(/Участники\s+G\d+\s+ошибка\s+invalid-date/);
  });

  it("exits 0 when there are only warnings", async () => {
    const path = await writeExample("warnings-only.xlsx", (wb) => {
      const ws = wb.getWorksheet("Участники")!;
      // Drop every planted error row: the rows whose issues are errors.
      ws.eachRow((row, n) => {
        const cat = row.getCell(5).value;
        const start = row.getCell(7).value;
        const code = row.getCell(2).value;
        if (n > 3 && (cat === "Обучающиеся" || start === "31.02.2021" || code === "БДШИ2" || !row.getCell(1).value || typeof code === "object" || (row.getCell(8).value instanceof Date && (row.getCell(8).value as Date) < (start as Date)))) {
          row.values = [];
        }
      });
    });
    const r = cli("validate", path, "--json");
    expect(JSON.parse(r.out).errors).toBe(0);
    expect(r.code).toBe(0);
  });
});

describe("coverage", () => {
  it("--json prints the §7 document field for field", () => {
    const r = cli("coverage", example, "--period", "2021-Q2", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(["period", "organizations", "total", "indicators", "rows"]);
    expect(j.period).toBe("2021-Q2");
    expect(j.organizations).toHaveLength(6);
    expect(Object.keys(j.organizations[0])).toEqual(["code", "name", "target", "covered", "percentOfTarget", "contingent", "share", "mentors", "pairs", "excludedRows", "status"]);
    expect(Object.keys(j.total)).toEqual(["target", "covered", "percentOfTarget"]);
    expect(j.total.target).toBe(1256);
    const sum = j.organizations.reduce((s: number, o: { covered: number }) => s + o.covered, 0);
    expect(j.total.covered).toBe(sum);
    expect(j.total.percentOfTarget).toBeCloseTo((sum / 1256) * 100, 10);
    expect(Object.keys(j.indicators[0])).toEqual(["code", "text", "base", "year", "unit", "plan", "fact", "status"]);
    expect(Object.keys(j.rows)).toEqual(["total", "counted", "outsidePeriod", "excluded", "blank"]);
    expect(j.rows.counted + j.rows.outsidePeriod + j.rows.excluded + j.rows.blank).toBe(j.rows.total);
  });

  it("prints a Russian table with the total row", () => {
    const r = cli("coverage", example, "--period", "2021-Q2");
    expect(r.out).toContain("II квартал 2021 г. (01.04.2021–30.06.2021)");
    expect(r.out).toMatch(/ИТОГО\s+1256\s+\d+/);
  });

  it("rejects a malformed period with exit 2 and a Russian message", () => {
    const r = cli("coverage", example, "--period", "2021-5");
    expect(r.code).toBe(2);
    expect(r.err).toContain("Период «2021-5» не распознан");
  });
});

describe("bad files: one clear Russian message, exit 2, no stack trace", () => {
  const cases: [string, () => Promise<string>, RegExp][] = [
    ["not an .xlsx", async () => { const p = join(dir, "notes.xlsx"); writeFileSync(p, "ФИО;Роль\nИванов;Наставник\n"); return p; }, /не книга Excel/],
    ["an empty file", async () => { const p = join(dir, "empty.xlsx"); writeFileSync(p, ""); return p; }, /пуст/],
    ["a password-protected (OLE) file", async () => { const p = join(dir, "locked.xlsx"); writeFileSync(p, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)])); return p; }, /защищён паролем/],
    ["a corrupt zip", async () => { const p = join(dir, "corrupt.xlsx"); writeFileSync(p, Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(200, 7)])); return p; }, /повреждён/],
    ["a missing file", async () => join(dir, "nope.xlsx"), /не найден/],
    ["a workbook without the roster sheets", async () => { const wb = new ExcelJS.Workbook(); wb.addWorksheet("Лист1").getCell("A1").value = "Привет"; const p = join(dir, "other.xlsx"); await wb.xlsx.writeFile(p); return p; }, /нет листов «Организации» и «Участники»/],
    ["a roster sheet with only a title", async () => writeExample("title-only.xlsx", (wb) => { wb.removeWorksheet(wb.getWorksheet("Участники")!.id); wb.addWorksheet("Участники").getCell("A1").value = "Персонифицированный учёт участников ЦМН, 2021 год"; }), /Лист «Участники»: в первых 10 строках не найдена строка заголовков/],
  ];
  it.each(cases)("%s", async (_name, make, message) => {
    const path = await make();
    for (const args of [["validate", path], ["coverage", path, "--period", "2021-Q1", "--json"]]) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/at .*\.js:\d+/);
      expect(r.out).toBe("");
    }
  });

  it("an unknown command or option: exit 2 with the usage", () => {
    expect(cli("frobnicate").code).toBe(2);
    const r = cli("validate", example, "--bogus");
    expect(r.code).toBe(2);
    expect(r.err).toContain("Использование");
  });
});

describe("the bundled example", () => {
  it("is the file the generator makes (regenerate with npm run example)", () => {
    const bundled = cli("validate", join(__dirname, "..", "examples", "boksitogorsk-2021.xlsx"), "--json");
    expect(bundled.out).toBe(cli("validate", example, "--json").out);
  });
});
