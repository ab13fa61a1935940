// Coverage (SPEC §4) on the bundled example and on small rosters built from the seed organizations.
import ExcelJS from "exceljs";
import { ORGANIZATIONS, PLAN_TOTAL } from "../scripts/example/boksitogorsk";
import type { RosterRow } from "../scripts/example/roster";
import { writeOrganizations, writeRoster, writeTargets } from "../scripts/example/workbook";
import { computeCoverage } from "../src/core/coverage/coverage";
import { parsePeriod } from "../src/core/model/period";
import { analyze, exampleAnalysis } from "./helpers/xlsx";

const Q2 = parsePeriod("2021-Q2")!;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

function person(fio: string, extra: Partial<RosterRow> = {}): RosterRow {
  return {
    fio,
    birthDate: utc(2008, 4, 12),
    orgCode: "ПДШИ",
    role: "Наставляемый",
    category: "Обучающийся",
    form: "Учитель – ученик",
    pair: "П-1",
    start: utc(2021, 2, 1),
    end: null,
    consent: "Да",
    ...extra,
  };
}

async function coverageOf(roster: RosterRow[], opts: { plans?: Partial<Record<string, number | null>> } = {}) {
  const wb = new ExcelJS.Workbook();
  const orgs = ORGANIZATIONS.map((o) => (opts.plans && o.code in opts.plans ? { ...o, plan: opts.plans[o.code] as number } : o));
  writeOrganizations(wb, orgs);
  writeTargets(wb, orgs.filter((o) => o.plan !== null), orgs.reduce((s, o) => s + (o.plan ?? 0), 0));
  writeRoster(wb, roster);
  const a = await analyze(wb);
  return { a, c: computeCoverage(a, Q2) };
}

const org = (c: Awaited<ReturnType<typeof coverageOf>>["c"], code: string) => c.organizations.find((o) => o.code === code)!;

describe("who is counted for 2021-Q2 (cumulative from 1 January)", () => {
  const mentor = person("Орлова Анна Сергеевна", { role: "Наставник", category: "Педагог", birthDate: utc(1980, 1, 1) });

  it("counts a mentee active in the period, and not one who started after it or ended before the year", async () => {
    const { c } = await coverageOf([
      mentor,
      person("Зайцев Илья Олегович"),
      person("Борисова Софья Игоревна", { start: utc(2021, 7, 1) }), // after Q2
      person("Макаров Егор Андреевич", { start: utc(2020, 9, 1), end: utc(2020, 12, 28) }), // ended before 2021
      person("Никитина Алиса Олеговна", { start: utc(2020, 9, 1), end: utc(2021, 1, 15) }), // overlaps January
    ]);
    expect(org(c, "ПДШИ").covered).toBe(2);
    expect(c.rows).toEqual({ total: 5, counted: 3, outsidePeriod: 2, excluded: 0, blank: 0 });
  });

  it("counts a person mentored in two forms once, and a duplicate row once", async () => {
    const p = person("Зайцев Илья Олегович");
    const { a, c } = await coverageOf([mentor, p, { ...p, form: "Ученик – ученик" }, { ...p }]);
    expect(org(c, "ПДШИ").covered).toBe(1);
    expect(org(c, "ПДШИ").byForm).toEqual({ "Учитель – ученик": 1, "Ученик – ученик": 1 });
    expect(a.issues.map((i) => i.code)).toEqual(["duplicate-person"]);
  });

  it("keeps namesakes with different dates of birth apart, and matches ФИО regardless of case, ё and spaces", async () => {
    const { c } = await coverageOf([
      mentor,
      person("Семёнов Артём Игоревич", { birthDate: utc(2008, 1, 1) }),
      person("Семёнов Артём Игоревич", { birthDate: utc(2009, 5, 5) }),
      person("  СЕМЕНОВ  Артем Игоревич ", { birthDate: utc(2008, 1, 1), form: "Ученик – ученик" }),
    ]);
    expect(org(c, "ПДШИ").covered).toBe(2);
  });

  it("excludes rows with errors and says how many each organization lost; warnings do not exclude", async () => {
    const { c } = await coverageOf([
      mentor,
      person("Зайцев Илья Олегович"),
      person("Егорова Дарья Дмитриевна", { start: "31.02.2021" }),
      person("Павлов Матвей Сергеевич", { category: "Ученица" }),
      person("Козлова Ульяна Викторовна", { consent: "Нет" }),
      person("Лебедев Роман Андреевич", { orgCode: "ПДШИ-2" }),
    ]);
    expect(org(c, "ПДШИ")).toMatchObject({ covered: 2, excludedRows: 2 });
    expect(c.unattributedExcluded).toBe(1);
    expect(c.total.excludedRows).toBe(3);
    expect(c.rows).toEqual({ total: 6, counted: 3, outsidePeriod: 0, excluded: 3, blank: 0 });
  });

  it("counts mentors and pairs of the period", async () => {
    const { c } = await coverageOf([
      mentor,
      person("Зайцев Илья Олегович"),
      person("Волкова Мария Андреевна", { role: "Наставник", category: "Обучающийся", form: "Ученик – ученик", pair: "П-2", birthDate: utc(2004, 2, 2) }),
      person("Фёдоров Кирилл Олегович", { form: "Ученик – ученик", pair: "П-2" }),
    ]);
    expect(org(c, "ПДШИ")).toMatchObject({ covered: 2, mentors: 2, pairs: 2 });
  });
});

describe("plans, percents and status", () => {
  it("a zero or missing plan gives null percent and «нет плана», never a division error", async () => {
    const { c } = await coverageOf([person("Зайцев Илья Олегович"), person("Орлов Никита Игоревич", { orgCode: "ЕДМШ" })], {
      plans: { ПДШИ: 0, ЕДМШ: null },
    });
    expect(org(c, "ПДШИ")).toMatchObject({ target: 0, covered: 1, percentOfTarget: null, status: "нет плана" });
    expect(org(c, "ЕДМШ")).toMatchObject({ target: null, covered: 1, percentOfTarget: null, status: "нет плана" });
  });

  it("on the example: the total plan is the seed's 1256 and the percent comes from the sums", async () => {
    const { analysis } = await exampleAnalysis();
    const c = computeCoverage(analysis, Q2);
    expect(c.organizations.map((o) => o.target)).toEqual(ORGANIZATIONS.map((o) => o.plan));
    expect(c.total.target).toBe(PLAN_TOTAL);
    const covered = c.organizations.reduce((s, o) => s + o.covered, 0);
    expect(c.total.covered).toBe(covered);
    expect(c.total.percentOfTarget).toBeCloseTo((covered / 1256) * 100, 10);
    const avgOfPercents = c.organizations.reduce((s, o) => s + o.percentOfTarget!, 0) / 6;
    expect(c.total.percentOfTarget).not.toBeCloseTo(avgOfPercents, 1);
    // Every non-empty roster row is counted, outside the period or excluded.
    const records = analysis.participants[0].records.length;
    expect(c.rows.counted + c.rows.outsidePeriod + c.rows.excluded).toBe(records);
  });

  it("status: выполнен at ≥ 100 %, в графике at ≥ the elapsed share of the year (Q2: 50 %), else отстаёт", async () => {
    const { analysis } = await exampleAnalysis();
    const c = computeCoverage(analysis, Q2);
    for (const o of c.organizations) {
      const p = o.percentOfTarget!;
      expect(o.status).toBe(p >= 100 ? "выполнен" : p >= 50 ? "в графике" : "отстаёт");
    }
    expect(c.organizations.find((o) => o.code === "ЕДМШ")!.status).toBe("выполнен");
    const q4 = computeCoverage(analysis, parsePeriod("2021-Q4")!);
    expect(q4.organizations.find((o) => o.code === "БДЮСШ")!.status).toBe("отстаёт");
  });

  it("share of contingent uses the organization's Контингент (read from text «1 350»)", async () => {
    const { analysis } = await exampleAnalysis();
    const o = computeCoverage(analysis, Q2).organizations.find((x) => x.code === "ДЮСШП")!;
    expect(o.contingent).toBe(1350);
    expect(o.share).toBeCloseTo((o.covered / 1350) * 100, 10);
  });
});
