// Roadmap sheets of the seed documents: reading, validation, status at an as-of date, and the command.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { SEED_ROADMAPS } from "../scripts/example/seed-roadmaps";
import { buildSeedRoadmap } from "../scripts/example/workbook";
import { isoOf, parseIsoDay } from "../src/core/model/dates";
import { computeRoadmap } from "../src/core/roadmap/roadmap";
import { analyze, exampleAnalysis, issuesOf } from "./helpers/xlsx";

const day = (iso: string) => parseIsoDay(iso)!;
const BIN = join(__dirname, "..", "dist", "src", "cli", "main.js");
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("the Бокситогорский roadmap of the example at 30.06.2021", () => {
  it("rates every item", async () => {
    const { analysis } = await exampleAnalysis();
    const r = computeRoadmap(analysis, day("2021-06-30"), 2021);
    const byId = Object.fromEntries(r.items.map((i) => [i.id, [i.deadline.kind, i.status, i.daysOverdue, i.due === null ? null : isoOf(i.due)]]));
    expect(byId).toEqual({
      "1.1": ["range", "done", null, "2021-02-28"],
      "1.2": ["range", "ongoing", null, null], // in progress after its range: the «далее - постоянно» part
      "1.3": ["dates", "overdue", 107, "2021-03-15"], // done 02.03, the 15.03 milestone missed
      "2": ["range", "overdue", 91, "2021-03-31"],
      "3": ["from", "ongoing", null, null],
      "4.1": ["from", "ongoing", null, null],
      "4.3": ["recurring", "overdue", 91, "2021-03-31"], // quarterly, last done 30.03.2021 < 31.03.2021
      "4.4": ["unparsed", "no-date", null, null],
    });
    expect(r.counts).toMatchObject({ overdue: 3, ongoing: 3, done: 1, "no-date": 1 });
  });

  it("warns about the unreadable deadline at its cell, and about nothing else", async () => {
    const { analysis } = await exampleAnalysis();
    const roadmapIssues = analysis.issues.filter((i) => i.sheet === "Дорожная карта");
    expect(roadmapIssues).toEqual([
      expect.objectContaining({ cell: "D9", row: 9, code: "unparsed-deadline", severity: "warning", column: "Срок" }),
    ]);
    expect(roadmapIssues[0].message).toContain("по отдельному графику");
  });
});

describe("roadmap sheet validation", () => {
  it("missing title, unknown status value and an invalid completion date, each at its cell", async () => {
    const { analysis } = await exampleAnalysis((wb: ExcelJS.Workbook) => {
      const ws = wb.getWorksheet("Дорожная карта")!;
      ws.getCell("B3").value = null;
      ws.getCell("E4").value = "Сделано";
      ws.getCell("E5").value = "выполнено "; // tolerant: read as Выполнено
      ws.getCell("F6").value = "31.06.2021";
    });
    const rm = analysis.issues.filter((i) => i.sheet === "Дорожная карта");
    expect(rm.map((i) => [i.cell, i.code, i.severity])).toEqual([
      ["B3", "missing-value", "error"],
      ["E4", "unknown-value", "error"],
      ["F6", "invalid-date", "error"],
      ["D9", "unparsed-deadline", "warning"],
    ]);
    const r = computeRoadmap(analysis, day("2021-06-30"), 2021);
    expect(r.excludedRows).toBe(3);
    expect(r.items.find((i) => i.row === 5)!.progress).toBe("Выполнено");
  });
});

describe("the other seed roadmaps", () => {
  const cases = SEED_ROADMAPS.map((s) => [s.file, s] as const);
  it.each(cases)("%s: every item is rated, and only unanchored texts lack a date", async (_f, seed) => {
    const a = await analyze(buildSeedRoadmap(seed));
    const r = computeRoadmap(a, day(seed.asOf), seed.planYear);
    expect(r.items).toHaveLength(seed.items.length);
    const unparsed = r.items.filter((i) => i.deadline.kind === "unparsed").map((i) => i.deadline.text);
    expect(unparsed.every((t) => /по отдельному графику|в течение двух недель/.test(t))).toBe(true);
  });

  it("Петушинский at 15.03.2022: the three-digit years are read as 2022, with a warning", async () => {
    const seed = SEED_ROADMAPS[0];
    const r = computeRoadmap(await analyze(buildSeedRoadmap(seed)), day(seed.asOf), 2022);
    const item3 = r.items.find((i) => i.id === "3")!;
    expect(item3).toMatchObject({ status: "overdue", daysOverdue: 18 });
    expect(item3.deadline.warnings).toContain("three-digit-year");
  });
});

describe("mentor-monitor roadmap", () => {
  const dir = mkdtempSync(join(tmpdir(), "mm-rm-"));
  let file: string;
  beforeAll(async () => {
    file = join(dir, "gorbatov.xlsx");
    await buildSeedRoadmap(SEED_ROADMAPS[2]).xlsx.writeFile(file);
  });

  it("--json prints the §7 document", () => {
    const r = cli("roadmap", file, "--as-of", "2021-10-01", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.asOf).toBe("2021-10-01");
    expect(j.items).toHaveLength(13);
    expect(Object.keys(j.items[0])).toEqual(["row", "id", "title", "deadlineText", "kind", "due", "status", "daysOverdue"]);
    expect(j.items.find((i: { id: string }) => i.id === "5.3")).toMatchObject({
      kind: "dates",
      deadlineText: "ежеквартально 25.03.2021 25.06.2021 25.09.2021 25.12.2021",
      due: "2021-09-25",
      status: "overdue",
      daysOverdue: 6,
    });
    expect(j.items.find((i: { id: string }) => i.id === "1.2")).toMatchObject({ kind: "range", due: "2021-12-31", status: "on-track" });
  });

  it("the human output lists overdue items first, most days first", () => {
    const r = cli("roadmap", file, "--as-of", "2021-10-01");
    const lines = r.out.split("\n").slice(4);
    expect(lines[0]).toMatch(/^3\.3\s.*просрочено\s+154$/);
    const firstNonOverdue = lines.findIndex((l) => !l.includes("просрочено"));
    expect(lines.slice(firstNonOverdue).some((l) => l.includes("просрочено"))).toBe(false);
  });

  it("a workbook without a roadmap: exit 2 with a Russian message; the empty template: no items", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Лист1").getCell("A1").value = "Список мероприятий";
    await wb.xlsx.writeFile(join(dir, "none.xlsx"));
    const r = cli("roadmap", join(dir, "none.xlsx"), "--as-of", "2021-01-01");
    expect(r.code).toBe(2);
    expect(r.err).toContain("нет листа «Дорожная карта»");
    expect(cli("template", "-o", join(dir, "t.xlsx")).code).toBe(0);
    const e = cli("roadmap", join(dir, "t.xlsx"), "--as-of", "2021-01-01", "--json");
    expect(e.code).toBe(0);
    expect(JSON.parse(e.out).items).toEqual([]);
  });
});
