// Layouts as the documents write them, on the fixtures made from the seeds (scripts/fixtures/seeds.py,
// test/fixtures/layouts/): the order's plan appendix and the programme's targets table typed as the documents
// lay them out, and rosters of the same people in every layout a school form uses. Each layout must give the
// coverage expected.json counts from the people themselves, the same as the template's layout.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type WorkbookAnalysis, analyzeWorkbook } from "../src/core/analyze";
import { type CoverageResult, computeCoverage, indicatorBaseText } from "../src/core/coverage/coverage";
import { INDICATORS } from "../src/core/model/dictionaries";
import { parsePeriod } from "../src/core/model/period";
import { buildReport } from "../src/core/report/model";
import { readWorkbook } from "../src/xlsx/read";

const DIR = join(__dirname, "fixtures", "layouts");
const expected = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8"));
const Q2 = parsePeriod("2021-Q2")!;

function open(name: string): { a: WorkbookAnalysis; c: CoverageResult } {
  const a = analyzeWorkbook(readWorkbook(readFileSync(join(DIR, name)), name).input, { today: Date.UTC(2021, 5, 30) / 864e5 });
  return { a, c: computeCoverage(a, Q2) };
}

/** What a roster gives an organization, whatever its layout (pairs are rows in a pair layout: see below). */
const figures = (c: CoverageResult) =>
  Object.fromEntries(
    c.organizations.map((o) => [o.code, { target: o.target, covered: o.covered, mentors: o.mentors, youngTeachersCovered: o.youngTeachersCovered, byForm: o.byForm }]),
  );

const LAYOUTS = ["roster-template.xlsx", "roster-split-fio.xlsx", "roster-pairs.xlsx", "roster-pairs-libreoffice.xlsx", "roster-bases.xlsx", "roster-base-blocks.xlsx", "roster-mapping.xlsx"];

describe("the same people in every roster layout", () => {
  const template = open("roster-template.xlsx");

  it("the template's layout gives what the people give, counted apart from the product", () => {
    expect(figures(template.c)).toEqual(expected.organizations);
    expect(template.c.total).toMatchObject(expected.total);
    expect(template.a.issues.map((i) => i.code)).toEqual(["duplicate-person"]);
  });

  it.each(LAYOUTS)("%s: the same coverage per organization and in total, no errors, the one duplicate found", (file) => {
    const { a, c } = open(file);
    expect(a.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(figures(c)).toEqual(figures(template.c));
    expect(c.total.covered).toBe(expected.total.covered);
    expect(c.total.target).toBe(1256);
    expect(c.organizations.map((o) => o.status)).toEqual(template.c.organizations.map((o) => o.status));
    // The same mentee twice with the same form is a warning in every layout; a mentor on many pair rows is not.
    expect(a.issues.map((i) => i.code)).toEqual(["duplicate-person"]);
    expect(c.rows.excluded).toBe(0);
  });

  it("pair rows: each row is a pair, its mentor and mentee each counted once", () => {
    const { a, c } = open("roster-pairs.xlsx");
    expect(c.total.pairs).toBe(expected.pairRowsInPeriod); // no pair column: each row of the period is a pair
    expect(c.total.mentors).toBe(template.c.total.mentors);
    // A pair row is two entries of the accounting, the mentor's and the mentee's.
    expect(c.rows.total).toBe(2 * expected.pairRows);
    expect(a.notes.map((n) => n.code)).toEqual(expect.arrayContaining(["pair-from-row", "category-from-form"]));
    const [dup] = a.issues;
    expect(dup).toMatchObject({ sheet: "Пары", code: "duplicate-person", column: "ФИО наставляемого" });
    expect(dup.cell).toMatch(/^C\d+$/); // the mentee's own column
  });

  it("base lists take their role from the sheet or block title; their pairs span both lists", () => {
    for (const file of ["roster-bases.xlsx", "roster-base-blocks.xlsx"]) {
      const { a, c } = open(file);
      expect(a.participants).toHaveLength(2);
      expect(c.total.pairs).toBe(template.c.total.pairs);
      expect(a.issues.filter((i) => i.code === "pair-without-mentor")).toEqual([]);
      expect(a.notes.filter((n) => n.code === "role-from-title").map((n) => n.message)).toEqual(
        expect.arrayContaining([expect.stringContaining("«Наставник»"), expect.stringContaining("«Наставляемый»")]),
      );
    }
    const blocks = open("roster-base-blocks.xlsx").a;
    expect(new Set(blocks.participants.map((p) => p.located.sheet.name))).toEqual(new Set(["Базы"]));
    // The second block's rows keep their own worksheet rows.
    const second = blocks.participants[1];
    expect(second.records[0].row).toBe(second.located.sheet.firstRow! + second.located.headerIndex + 1);
    expect(second.records[0].row).toBeGreaterThan(blocks.participants[0].records.at(-1)!.row);
  });
});

describe("seed 000: the order's Приложение 2 pasted as it is", () => {
  const { a, c } = open("seed-000-plan.xlsx");

  it("gives the plan of each organization and 1256, the ИТОГО row only checking the sum", () => {
    expect(c.organizations.map((o) => o.target)).toEqual([202, 350, 113, 480, 96, 15]);
    expect(c.total.target).toBe(1256);
    expect(a.issues).toEqual([expect.objectContaining({ code: "duplicate-person" })]);
  });

  it("with no «Организации» sheet, the organizations are the plan's, their code the short name, their type from the name", () => {
    expect(c.organizations.map((o) => o.code)).toEqual([
      "МБОУ ДО «Бокситогорская детско-юношеская спортивная школа»",
      "МБОУ ДО «Бокситогорский центр дополнительного образования»",
      "МБОУ ДО «Бокситогорская детская школа искусств»",
      "МБОУ ДО «Детская юношеская спортивная школа города Пикалево»",
      "МБОУ ДО «Пикалевская детская школа искусств»",
      "МБОУ ДО «Ефимовская детская музыкальная школа»",
    ]);
    expect(c.organizations.every((o) => o.type === "ОДО")).toBe(true);
    expect(figures(c)).toEqual(
      Object.fromEntries(Object.entries(figures(open("roster-template.xlsx").c)).map(([, v], i) => [c.organizations[i].code, v])),
    );
    expect(a.notes.find((n) => n.code === "organizations-from-plan")).toMatchObject({ sheet: "Приложение 2", cell: "B3" });
    // The year and the unit come from the header; the note says so at the header cell.
    expect(a.notes.find((n) => n.code === "year-from-header")).toMatchObject({ cell: "C3" });
    expect(a.notes.find((n) => n.code === "year-from-header")!.message).toContain("год 2021, единица «чел.»");
  });
});

describe("seed 001: the programme's targets table with a column per year, values as text «35%»", () => {
  const book = readFileSync(join(DIR, "seed-001-targets.xlsx"));
  const a = analyzeWorkbook(readWorkbook(book, "seed-001-targets.xlsx").input);

  it.each([2022, 2023, 2024])("%i: each sentence understood, its target per year, shown with its base", (year) => {
    const c = computeCoverage(a, parsePeriod(`${year}-Q4`)!);
    const i = expected.bokhan.years.indexOf(year);
    for (const [code, plans] of Object.entries(expected.bokhan.targets) as [keyof typeof INDICATORS, number[]][]) {
      const f = c.indicators.find((x) => x.code === code && x.orgCode === null)!;
      expect(f.plan).toBe(plans[i]);
      expect(f.understoodAs).toBe(INDICATORS[code].name);
      expect(f.text).toMatch(/^Не менее 70/);
    }
    const general = c.indicators.find((x) => x.code === "students-share-general" && x.orgCode === null)!;
    expect(general.base).toEqual(["БСОШ1", "БУРСОШ", "ООШ4"]); // the schools (ОО), not the ДДТ nor the college
    expect(indicatorBaseText(general, c)).toBe("контингент организаций типа ОО: 3 из 3");
    const additional = c.indicators.find((x) => x.code === "students-share-additional" && x.orgCode === null)!;
    expect(additional.base).toEqual(["ДДТ"]);
  });

  it("the municipal facts are computed over the organizations of the indicator's type only", () => {
    const c = computeCoverage(a, parsePeriod("2022-Q4")!);
    const covered = (codes: string[]) => codes.reduce((s, k) => s + c.organizations.find((o) => o.code === k)!.covered, 0);
    const contingent = (codes: string[]) => codes.reduce((s, k) => s + expected.bokhan.organizations[k].contingent, 0);
    const general = c.indicators.find((x) => x.code === "students-share-general" && x.orgCode === null)!;
    expect(general.fact).toBeCloseTo((covered(["БСОШ1", "БУРСОШ", "ООШ4"]) / contingent(["БСОШ1", "БУРСОШ", "ООШ4"])) * 100, 9);
    // Each school is held to the target for its type.
    const school = c.indicators.find((x) => x.code === "students-share-general" && x.orgCode === "БУРСОШ")!;
    expect(school).toMatchObject({ plan: 35, base: ["БУРСОШ"] });
    expect(c.indicators.some((x) => x.code === "students-share-general" && x.orgCode === "ДДТ")).toBe(false);
    expect(c.indicators.find((x) => x.code === "students-share-additional" && x.orgCode === "ДДТ")).toMatchObject({ plan: 35 });
  });

  it("the types come from the names (no «Тип» column), said at each organization's cell", () => {
    const c = computeCoverage(a, parsePeriod("2022-Q4")!);
    expect(c.organizations.map((o) => [o.code, o.type])).toEqual([["БСОШ1", "ОО"], ["БУРСОШ", "ОО"], ["ООШ4", "ОО"], ["ДДТ", "ОДО"], ["БПК", "СПО"]]);
    expect(a.notes.filter((n) => n.code === "type-inferred").map((n) => n.cell)).toEqual(["B2", "B3", "B4", "B5", "B6"]);
    expect(a.issues).toEqual([]);
  });

  it("the Свод's indicator section: the sentence, «понят как», the organization, the base, plan and fact", () => {
    const c = computeCoverage(a, parsePeriod("2022-Q4")!);
    const model = buildReport({ analysis: a, coverage: c, roadmap: null, asOf: Date.UTC(2022, 11, 31) / 864e5, madeAt: "31.12.2022 12:00" });
    const t = model.sections.find((s) => s.id === "indicators")!;
    expect(t.columns.map((x) => x.header)).toEqual(["Показатель (как утверждён)", "Понят как", "Организация", "База (доля от чего)", "План, %", "Факт, %", "Статус"]);
    const row = t.rows.find((r) => r[1] === INDICATORS["students-share-general"].name && r[2] === "Муниципалитет (итого)")!;
    expect(row[0]).toMatch(/^Не менее 70% обучающихся общеобразовательных организаций/);
    expect(row[3]).toBe("контингент организаций типа ОО: 3 из 3");
    expect(row[4]).toBeCloseTo(0.35, 12);
  });
});
