// Nothing dropped in silence (SPEC §9, issue 11): a bad cell on `Организации` or `Целевые показатели` gets
// its issue at its cell and costs only what depends on it; every roster row is counted, outside the period,
// excluded with its reason, or blank, and the four add up to the rows in every output.
import type ExcelJS from "exceljs";
import { renderToStaticMarkup } from "react-dom/server";
import { PLAN_TOTAL } from "../scripts/example/boksitogorsk";
import { ROSTER_HEADER_ROW } from "../scripts/example/workbook";
import { coverageJson, coverageText } from "../src/cli/commands/coverage";
import type { WorkbookAnalysis } from "../src/core/analyze";
import { type CoverageResult, computeCoverage, rowsSummary } from "../src/core/coverage/coverage";
import { parsePeriod } from "../src/core/model/period";
import { layoutReport } from "../src/core/report/layout";
import { buildReport } from "../src/core/report/model";
import { RowsSummary } from "../src/taskpane/components/CoverageTab";
import { dictionary } from "../src/taskpane/i18n";
import { exampleAnalysis, issuesOf } from "./helpers/xlsx";

const Q2 = parsePeriod("2021-Q2")!;
const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;
const org = (c: CoverageResult, code: string) => c.organizations.find((o) => o.code === code);

let base: CoverageResult;
beforeAll(async () => {
  base = computeCoverage((await exampleAnalysis()).analysis, Q2);
});

async function variant(change: (wb: ExcelJS.Workbook) => void) {
  const { analysis } = await exampleAnalysis(change);
  return { a: analysis, c: computeCoverage(analysis, Q2) };
}

/** What the roster gives an organization: unchanged by anything on `Организации` but its code. */
const fromRoster = (o: CoverageResult["organizations"][number] | undefined) =>
  o && { covered: o.covered, mentors: o.mentors, pairs: o.pairs, excludedRows: o.excludedRows, byForm: o.byForm, youngTeachersCovered: o.youngTeachersCovered };

function expectAddsUp(a: WorkbookAnalysis, c: CoverageResult) {
  const r = c.rows;
  expect(r.counted + r.outsidePeriod + r.excluded + r.blank).toBe(r.total);
  expect(r.total).toBe(a.participants.reduce((s, p) => s + p.records.length + p.emptyRows, 0));
  expect(c.organizations.reduce((s, o) => s + o.excludedRows, 0) + c.unattributedExcluded).toBe(r.excluded);
  expect(c.total.excludedRows).toBe(r.excluded);
  expect(c.excludedBy.rowErrors + c.excludedBy.missingColumn).toBe(r.excluded);
  expect(c.total.covered).toBe(c.organizations.reduce((s, o) => s + o.covered, 0));
}

describe("a bad cell on «Организации» costs only what depends on it", () => {
  it("a contingent typed «560 чел.»: the issue at D2, the organization and its roster rows stay, its share is «—»", async () => {
    const { a, c } = await variant((wb) => (sheet(wb, "Организации").getCell("D2").value = "560 чел."));
    expect(issuesOf(a, "invalid-number")).toEqual([expect.objectContaining({ sheet: "Организации", cell: "D2", severity: "error" })]);
    const o = org(c, "БДЮСШ")!;
    expect(o).toMatchObject({ contingent: null, share: null, target: 202, type: "ОДО", youngTeachers: 4 });
    expect(fromRoster(o)).toEqual(fromRoster(org(base, "БДЮСШ")));
    expect(c.organizations).toHaveLength(6);
    expect(c.total).toMatchObject({ target: PLAN_TOTAL, covered: base.total.covered, excludedRows: base.total.excludedRows });
    expect(c.rows).toEqual(base.rows);
    // The municipal share is taken over the five organizations whose contingent is known, and says so.
    const others = c.organizations.filter((x) => x.code !== "БДЮСШ");
    const share = (others.reduce((s, x) => s + x.covered, 0) / others.reduce((s, x) => s + x.contingent!, 0)) * 100;
    expect(c.total.share).toBeCloseTo(share, 10);
    const fact = c.indicators.find((f) => f.code === "students-share" && f.orgCode === null)!;
    expect(fact.base).toEqual(others.map((x) => x.code));
    expect(fact.fact).toBeCloseTo(share, 10);
    expect(coverageText(c)).toContain("Доля обучающихся от контингента по муниципалитету рассчитана по 5 из 6 организаций: без БДЮСШ, где «Контингент» не заполнен или не прочитан.");
    expectAddsUp(a, c);
  });

  it("a young-teacher count «—»: only the young-teachers share of that organization is unknown", async () => {
    const { a, c } = await variant((wb) => (sheet(wb, "Организации").getCell("E3").value = "—"));
    expect(issuesOf(a, "invalid-number")).toEqual([expect.objectContaining({ sheet: "Организации", cell: "E3" })]);
    const o = org(c, "БЦДО")!;
    expect(o).toMatchObject({ youngTeachers: null, contingent: 980, target: 350 });
    expect(o.share).toBeCloseTo((o.covered / 980) * 100, 10);
    expect(fromRoster(o)).toEqual(fromRoster(org(base, "БЦДО")));
    const young = c.indicators.find((f) => f.code === "young-teachers-share" && f.orgCode === null)!;
    expect(young.base).not.toContain("БЦДО");
    expect(young.base).toHaveLength(5);
    expectAddsUp(a, c);
  });

  it("an unknown type and an empty name: the organization stays, with no type and no name", async () => {
    const { a, c } = await variant((wb) => {
      sheet(wb, "Организации").getCell("C4").value = "МБУ";
      sheet(wb, "Организации").getCell("B5").value = null;
    });
    expect(a.issues.filter((i) => i.sheet === "Организации").map((i) => `${i.code}@${i.cell}`)).toEqual(["unknown-value@C4", "missing-value@B5"]);
    expect(org(c, "БДШИ")).toMatchObject({ type: null, name: expect.stringContaining("искусств"), target: 113, contingent: 320 });
    expect(org(c, "ДЮСШП")).toMatchObject({ name: "", type: "ОДО", target: 480 });
    for (const code of ["БДШИ", "ДЮСШП"]) expect(fromRoster(org(c, code))).toEqual(fromRoster(org(base, code)));
    expect(c.total.target).toBe(PLAN_TOTAL);
    // The Свод names it by its code; the quality section still has a line for it.
    const model = buildReport({ analysis: a, coverage: c, roadmap: null, asOf: Q2Day, madeAt: "30.06.2021 12:00" });
    const quality = model.sections.find((s) => s.id === "quality")!;
    expect(quality.rows.map((r) => r[0])).toContain("ДЮСШП");
    expectAddsUp(a, c);
  });

  it("an organization row without a readable code: its roster rows are excluded at their own rows and the notes name it", async () => {
    const { a, c } = await variant((wb) => (sheet(wb, "Организации").getCell("A7").value = { error: "#N/A" } as ExcelJS.CellValue));
    expect(issuesOf(a, "formula-error").filter((i) => i.sheet === "Организации").map((i) => i.cell)).toEqual(["A7"]);
    expect(org(c, "ЕДМШ")).toBeUndefined();
    expect(c.orgRowsWithoutCode).toEqual([7]);
    const lost = a.participants[0].records.filter((r) => r.fields.orgCode === "ЕДМШ");
    expect(lost.length).toBeGreaterThan(0);
    for (const r of lost) expect(a.issues).toContainEqual(expect.objectContaining({ sheet: "Участники", row: r.row, code: "unknown-organization", severity: "error" }));
    expect(c.unattributedExcluded).toBe(base.unattributedExcluded + lost.length);
    expect(c.rows.excluded).toBe(base.rows.excluded + lost.length);
    expect(c.rows.total).toBe(base.rows.total);
    expect(coverageText(c)).toContain("На листе «Организации» без кода строка 7: такие организации в охват не входят.");
    expectAddsUp(a, c);
  });

  it("a duplicate code: the later row adds nothing and says so; the code's roster rows are counted at the first row", async () => {
    const { a, c } = await variant((wb) => (sheet(wb, "Организации").getCell("A7").value = "БЦДО")); // ЕДМШ's row
    const [dup] = issuesOf(a, "duplicate-code");
    expect(dup).toMatchObject({ sheet: "Организации", cell: "A7", severity: "error" });
    expect(dup.message).toBe("Код «БЦДО» уже указан в строке 3. Эта строка в охват не входит: участники с этим кодом учитываются за организацию из строки 3");
    expect(c.organizations.map((o) => o.code)).toEqual(["БДЮСШ", "БЦДО", "БДШИ", "ДЮСШП", "ПДШИ"]);
    expect(fromRoster(org(c, "БЦДО"))).toEqual(fromRoster(org(base, "БЦДО")));
    expectAddsUp(a, c);
  });
});

describe("a bad cell on «Целевые показатели» loses that target only", () => {
  it("a plan typed «двести»: БДЮСШ has no plan, the others keep theirs, the municipal plan is the approved total", async () => {
    const { a, c } = await variant((wb) => (sheet(wb, "Целевые показатели").getCell("D2").value = "двести"));
    expect(a.issues.filter((i) => i.sheet === "Целевые показатели").map((i) => `${i.code}@${i.cell}`)).toEqual(["invalid-number@D2"]);
    expect(org(c, "БДЮСШ")).toMatchObject({ target: null, percentOfTarget: null, status: "нет плана" });
    expect(fromRoster(org(c, "БДЮСШ"))).toEqual(fromRoster(org(base, "БДЮСШ")));
    for (const o of c.organizations.filter((x) => x.code !== "БДЮСШ")) expect(o.target).toBe(org(base, o.code)!.target);
    // Not 1256 − 202: the unreadable plan is not silently dropped from the total while its persons count.
    expect(c.total.target).toBe(PLAN_TOTAL);
    expect(c.indicators).toEqual(base.indicators);
  });

  it("a percentage target with a bad year loses that indicator's plan only", async () => {
    const { a, c } = await variant((wb) => (sheet(wb, "Целевые показатели").getCell("C9").value = "2021 г"));
    expect(a.issues.filter((i) => i.sheet === "Целевые показатели").map((i) => i.cell)).toEqual(["C9"]);
    expect(c.indicators.find((f) => f.code === "students-share" && f.orgCode === null)).toMatchObject({ plan: null, status: "нет плана" });
    expect(c.indicators.find((f) => f.code === "young-teachers-share")).toEqual(base.indicators.find((f) => f.code === "young-teachers-share"));
    expect(c.total.target).toBe(PLAN_TOTAL);
  });
});

describe("rows that cannot be counted for a reason outside their row", () => {
  it("a roster sheet without a required column: every row excluded for that reason, one issue at the header", async () => {
    const { a, c } = await variant((wb) => {
      sheet(wb, "Участники").getCell(ROSTER_HEADER_ROW, 4).value = "Примечание 2"; // was «Форма\nнаставничества»
    });
    expect(issuesOf(a, "missing-column")).toHaveLength(1);
    expect(c.rows).toMatchObject({ total: base.rows.total, counted: 0, outsidePeriod: 0, blank: base.rows.blank });
    expect(c.excludedBy.missingColumn).toBe(c.rows.excluded);
    expect(c.organizations).toHaveLength(6);
    expect(coverageText(c)).toContain(`Исключено строк — ${c.rows.excluded}: на листе нет обязательного столбца ${c.rows.excluded}.`);
    expectAddsUp(a, c);
  });
});

const Q2Day = Date.UTC(2021, 5, 30) / 864e5;

describe("the accounting is visible in every output", () => {
  let a: WorkbookAnalysis;
  let c: CoverageResult;
  beforeAll(async () => {
    ({ a, c } = await variant((wb) => (sheet(wb, "Организации").getCell("D2").value = "560 чел.")));
  });

  it("the example adds up: counted + outside the period + excluded + blank = total", () => {
    expect(base.rows.blank).toBe(1); // the empty row inside the example's roster
    expect(base.rows.counted + base.rows.outsidePeriod + base.rows.excluded + base.rows.blank).toBe(base.rows.total);
    expect(base.excludedBy).toEqual({ rowErrors: base.rows.excluded, missingColumn: 0 });
  });

  it("CLI JSON: rows {total, counted, outsidePeriod, excluded, blank}, and indicators with text, base and year", () => {
    const j = JSON.parse(JSON.stringify(coverageJson(c)));
    expect(j.rows).toEqual({ total: c.rows.total, counted: c.rows.counted, outsidePeriod: c.rows.outsidePeriod, excluded: c.rows.excluded, blank: c.rows.blank });
    expect(j.organizations.find((o: { code: string }) => o.code === "БДЮСШ")).toMatchObject({ contingent: null, share: null, target: 202 });
    expect(j.indicators[0]).toEqual({
      code: "students-share", text: "Доля обучающихся, вовлечённых в различные формы наставничества", base: ["БЦДО", "БДШИ", "ДЮСШП", "ПДШИ", "ЕДМШ"],
      year: 2021, unit: "%", plan: 35, fact: expect.any(Number), status: expect.any(String),
    });
  });

  it("CLI text: the accounting line", () => {
    const r = c.rows;
    expect(coverageText(c)).toContain(`Строк в списках участников — ${r.total}: учтено ${r.counted}, вне периода ${r.outsidePeriod}, исключено ${r.excluded}, пустых ${r.blank}.`);
    expect(coverageText(c)).toContain("БДЮСШ");
  });

  it("the Свод: the accounting line under the tables, and excluded rows per organization add up to the total", () => {
    const model = buildReport({ analysis: a, coverage: c, roadmap: null, asOf: Q2Day, madeAt: "30.06.2021 12:00" });
    expect(model.notes[0]).toBe(rowsSummary(c.rows));
    const layout = layoutReport(model);
    expect(layout.cells.some((x) => x.value === rowsSummary(c.rows) && x.style === "note")).toBe(true);
    const quality = model.sections.find((s) => s.id === "quality")!;
    expect(quality.total![4]).toBe(c.rows.excluded);
    expect(quality.rows.reduce((s, r) => s + ((r[4] as number | null) ?? 0), 0)).toBe(c.rows.excluded);
    const cov = model.sections.find((s) => s.id === "coverage")!;
    const bdyussh = cov.rows.find((r) => r[0] === "БДЮСШ")!;
    expect(bdyussh[cov.columns.findIndex((col) => col.header === "Доля контингента")]).toBeNull(); // laid out as «—»
  });

  it("the pane's coverage tab: total and the four numbers, in Russian", () => {
    const html = renderToStaticMarkup(RowsSummary({ r: c.rows, notes: [], t: dictionary("ru") }));
    const r = c.rows;
    expect(html).toContain(`Строк в списках участников: ${r.total}`);
    expect(html).toContain(`учтено: ${r.counted} · вне периода: ${r.outsidePeriod} · исключено: ${r.excluded} · пустых: ${r.blank}`);
  });
});
