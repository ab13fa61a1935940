// Plans and targets as the documents write them (docs/layouts.md, «Plans and targets»): a plan keyed by
// organization name, targets with a column per year, indicator sentences read by what they say,
// percentages however they are typed. Workbooks are built as the readers deliver them (WorkbookInput).
import { analyzeWorkbook } from "../src/core/analyze";
import type { CellValue, SheetInput, WorkbookInput } from "../src/core/model/cells";
import { computeCoverage } from "../src/core/coverage/coverage";
import { understandIndicator } from "../src/core/read/layouts/indicators";
import { parsePeriod } from "../src/core/model/period";

const FULL = "Муниципальное бюджетное образовательное учреждение дополнительного образования ";
const ORGS: SheetInput = {
  name: "Организации",
  rows: [
    ["Код", "Организация", "Тип", "Контингент"],
    ["БДШИ", `${FULL}"Бокситогорская детская школа искусств"`, "ОДО", 320],
    ["ПДШИ", `${FULL}"Пикалевская детская школа искусств"`, "ОДО", 270],
    ["ЕДМШ", `${FULL}"Ефимовская детская музыкальная школа"`, "ОДО", 45],
    ["СОШ1", "МБОУ «СОШ № 1»", "ОО", 500],
  ],
};
const ROSTER: SheetInput = {
  name: "Участники",
  rows: [
    ["ФИО", "Код организации", "Роль", "Категория", "Форма наставничества", "Дата начала"],
    ["Орлова Анна Сергеевна", "БДШИ", "Наставник", "Педагог", "Учитель – ученик", "01.02.2022"],
    ["Зайцев Илья Олегович", "БДШИ", "Наставляемый", "Обучающийся", "Учитель – ученик", "01.02.2022"],
  ],
};
const book = (...sheets: SheetInput[]): WorkbookInput => ({ sheets: [ORGS, ROSTER, ...sheets] });
const Q4 = (y: number) => parsePeriod(`${y}-Q4`)!;
const issuesAt = (a: ReturnType<typeof analyzeWorkbook>, sheet: string) => a.issues.filter((i) => i.sheet === sheet);

describe("a plan keyed by organization name (an order's appendix)", () => {
  const plan = (rows: CellValue[][], header = "Количество обучающихся, охваченных различными формами наставничества в 2021 году (чел.)"): SheetInput => ({
    name: "Приложение",
    rows: [["Количество обучающихся … в 2021 году"], [], ["№ п/п", "Название образовательной организации", header], ...rows],
  });

  it("matches each name to its organization, whatever the spelling, and reads the year and unit from the header", () => {
    const a = analyzeWorkbook(book(plan([[1, "МБУ ДО «Бокситогорская ДШИ»", 113], [2, "Пикалёвская детская школа искусств", 96], [3, "ЕФИМОВСКАЯ ДМШ", 15], [null, "ИТОГО", 224]])));
    expect(a.issues).toEqual([]);
    const c = computeCoverage(a, Q4(2021));
    expect(c.organizations.map((o) => [o.code, o.target])).toEqual([["БДШИ", 113], ["ПДШИ", 96], ["ЕДМШ", 15], ["СОШ1", null]]);
    expect(c.total.target).toBe(224);
    expect(computeCoverage(a, Q4(2022)).total.target).toBeNull(); // a plan of 2021 only
  });

  it("an unmatched name and an ambiguous one are one issue each at their cell, with the nearest names; never a silent drop", () => {
    const a = analyzeWorkbook(book(plan([[1, "Бокситогорская художественная школа", 113], [2, "Детская школа искусств", 96], [3, "Ефимовская ДМШ", 15]])));
    const [unknown, ambiguous] = issuesAt(a, "Приложение");
    expect(unknown).toMatchObject({ cell: "B4", code: "unknown-organization", severity: "error", column: "Название образовательной организации" });
    expect(unknown.message).toContain("не найдена на листе «Организации» ни по коду, ни по названию");
    expect(unknown.message).toContain("БДШИ — МБОУ ДО «Бокситогорская детская школа искусств»");
    expect(unknown.suggestion).toBe(`${FULL}"Бокситогорская детская школа искусств"`);
    expect(ambiguous).toMatchObject({ cell: "B5", code: "ambiguous-organization", severity: "error" });
    expect(ambiguous.message).toMatch(/подходит к нескольким организациям: «БДШИ — .*»; «ПДШИ — .*»/);
    const c = computeCoverage(a, Q4(2021));
    expect(c.organizations.find((o) => o.code === "ЕДМШ")!.target).toBe(15);
    expect(c.organizations.find((o) => o.code === "БДШИ")!.target).toBeNull();
  });

  it("ИТОГО (or Итого, Всего) is the municipal total: a mismatch is a warning at that cell, the plan is the sum", () => {
    for (const word of ["ИТОГО", "Итого", "Всего"]) {
      const a = analyzeWorkbook(book(plan([[1, "Бокситогорская ДШИ", 113], [2, "Пикалевская ДШИ", 96], [null, word, 200]])));
      expect(a.issues).toEqual([expect.objectContaining({ cell: "C6", code: "plan-total-mismatch", severity: "warning", suggestion: "209" })]);
      expect(computeCoverage(a, Q4(2021)).total.target).toBe(209);
    }
  });

  it("the year comes from the title above when the header has none, else from «Год плана»; without any, one missing-column", () => {
    const noYear = (title: CellValue[]) => ({ name: "План", rows: [title, ["Организация", "Количество обучающихся, охваченных наставничеством (чел.)"], ["Бокситогорская ДШИ", 113]] });
    const fromTitle = analyzeWorkbook(book(noYear(["План охвата на 2023 год"])));
    expect(computeCoverage(fromTitle, Q4(2023)).organizations[0].target).toBe(113);
    const settings: SheetInput = { name: "Настройки", rows: [["Параметр", "Значение"], ["Год плана", 2024]] };
    const fromSettings = analyzeWorkbook(book(noYear([]), settings));
    expect(computeCoverage(fromSettings, Q4(2024)).organizations[0].target).toBe(113);
    expect(fromSettings.notes.find((n) => n.code === "year-from-header")!.message).toContain("«Год плана» листа «Настройки»");
    const none = analyzeWorkbook(book(noYear([])));
    expect(issuesAt(none, "План")).toEqual([expect.objectContaining({ code: "missing-column", column: "Год", cell: "A2" })]);
  });

  it("a plan with a column per year gives one plan per organization and year", () => {
    const a = analyzeWorkbook(book({ name: "План", rows: [["Наименование ОО", "2022 г.", "2023 г."], ["БДШИ", 100, 120], ["Пикалевская ДШИ", 80, null]] }));
    expect(a.issues).toEqual([]);
    expect(computeCoverage(a, Q4(2022)).organizations.slice(0, 2).map((o) => o.target)).toEqual([100, 80]);
    expect(computeCoverage(a, Q4(2023)).organizations.slice(0, 2).map((o) => o.target)).toEqual([120, null]);
  });
});

describe("targets with a column per year (a programme's passport)", () => {
  const wide = (rows: CellValue[][], extra: Partial<SheetInput> = {}): SheetInput => ({
    name: "Показатели",
    rows: [["Планируемые результаты"], ["№", "Региональный проект", "Наименование показателя", "2022 г", "2023 г.", "2024"], ...rows],
    ...extra,
  });
  const plans = (a: ReturnType<typeof analyzeWorkbook>, code: string) =>
    [2022, 2023, 2024].map((y) => computeCoverage(a, Q4(y)).indicators.find((f) => f.code === code && f.orgCode === null)?.plan ?? null);

  it("«35%», «35 %», 35, 0,35 and a percent-formatted 0.35 are the same 35 % target", () => {
    const sentence = "Доля обучающихся, вовлечённых в наставничество";
    const a = analyzeWorkbook(book(wide([["1", "", sentence, "35%", "35 %", 35]])));
    expect(plans(a, "students-share")).toEqual([35, 35, 35]);
    const fractions = analyzeWorkbook(book(wide([["1", "", sentence, 0.35, "0,5", 0.7]])));
    expect(plans(fractions, "students-share")).toEqual([35, 50, 70]);
    expect(fractions.notes.filter((n) => n.code === "percent-as-fraction").map((n) => [n.cell, n.message])).toEqual([
      ["D3", "0,35 прочитано как 35 %: цель в процентах записана долей единицы"],
      ["E3", "0,5 прочитано как 50 %: цель в процентах записана долей единицы"],
      ["F3", "0,7 прочитано как 70 %: цель в процентах записана долей единицы"],
    ]);
    // Where the reader knows the cell is percent-formatted, 1 is 100 % and nothing needs saying.
    const formatted = analyzeWorkbook(book(wide([["1", "", sentence, 0.35, 1, 0.7]], { percentCells: ["D3", "E3", "F3"] })));
    expect(plans(formatted, "students-share")).toEqual([35, 100, 70]);
    expect(formatted.notes.filter((n) => n.code === "percent-as-fraction")).toEqual([]);
  });

  it("a sentence that names no indicator is a warning at its cell and approves nothing; the others are read", () => {
    const a = analyzeWorkbook(book(wide([
      ["1", "", "Количество проведённых мероприятий по наставничеству", 10, 12, 14],
      ["2", "Региональный проект «Успех каждого ребенка»", "Доля детей, охваченных наставничеством", "35%", "50%", "70%"],
    ])));
    expect(a.issues).toEqual([expect.objectContaining({ sheet: "Показатели", cell: "C3", code: "unknown-indicator", severity: "warning" })]);
    expect(plans(a, "students-share-additional")).toEqual([35, 50, 70]); // the project beside it says which pupils
    expect(a.indicatorTexts.map((t) => [t.cell, t.code])).toEqual([["C4", "students-share-additional"]]);
  });

  it("a bad value is an issue at its own year's cell, and costs that year only", () => {
    const a = analyzeWorkbook(book(wide([["1", "", "Не менее 70% обучающихся общеобразовательных организаций вовлечены в наставничество", "35%", "пятьдесят", "70%"]])));
    expect(a.issues).toEqual([expect.objectContaining({ cell: "E3", code: "invalid-number", column: "2023 г." })]);
    expect(plans(a, "students-share-general")).toEqual([35, null, 70]);
  });

  it("a project merged over two rows reaches the second (Office.js gives it to the first cell only)", () => {
    const a = analyzeWorkbook(book(wide([
      ["1", "Региональный проект «Успех каждого ребенка»", "Доля обучающихся, вовлечённых в наставничество", "35%", null, null],
      ["2", null, "Доля обучающихся, вовлечённых в различные формы сопровождения", null, "50%", null],
    ])));
    expect(a.indicatorTexts.map((t) => t.code)).toEqual(["students-share-additional", "students-share-additional"]);
  });

  it("a plan table and a targets table one under the other on one sheet are both read", () => {
    const sheet: SheetInput = {
      name: "Показатели",
      rows: [
        ["№ п/п", "Название образовательной организации", "Количество обучающихся, охваченных наставничеством в 2022 году (чел.)"],
        [1, "Бокситогорская ДШИ", 113],
        [null, "ИТОГО", 113],
        [],
        ["Планируемые результаты"],
        ["№", "Наименование показателя", "2022 г"],
        ["1", "Не менее 70 % учителей в возрасте до 35 лет вовлечены в формы поддержки в первые три года работы", "50%"],
      ],
    };
    const a = analyzeWorkbook(book(sheet));
    expect(a.issues).toEqual([]);
    expect(a.targetTables).toHaveLength(2);
    const c = computeCoverage(a, Q4(2022));
    expect(c.organizations[0].target).toBe(113);
    expect(c.indicators.find((f) => f.code === "young-teachers-share" && f.orgCode === null)!.plan).toBe(50);
  });
});

describe("the template's targets table keeps working, and reads sentences and fractions too", () => {
  it("a sentence in «Показатель» is understood; 0,35 with «%» is 35", () => {
    const t: SheetInput = {
      name: "Целевые показатели",
      rows: [
        ["Код организации", "Показатель", "Год", "План", "Единица"],
        ["ИТОГО", "Не менее 70% обучающихся общеобразовательных организаций вовлечены в наставничество", 2022, 0.35, "%"],
        ["ИТОГО", "Доля молодых педагогов, вовлечённых в формы поддержки", 2022, 50, "%"],
      ],
    };
    const a = analyzeWorkbook(book(t));
    expect(a.issues).toEqual([]);
    const c = computeCoverage(a, Q4(2022));
    expect(c.indicators.find((f) => f.code === "students-share-general" && f.orgCode === null)).toMatchObject({ plan: 35, base: ["СОШ1"] });
    expect(c.indicators.find((f) => f.code === "young-teachers-share")!.plan).toBe(50);
    expect(a.notes.map((n) => n.code).sort()).toEqual(["indicator-understood", "percent-as-fraction"]);
  });
});

describe("indicator sentences read by what they name", () => {
  const cases: [string, string, string | undefined][] = [
    ["Не менее 70% обучающихся общеобразовательных организаций Боханского района вовлечены в различные сопровождения и наставничества к 2024 г.", "", "students-share-general"],
    ["Не менее 70 % учителей в возрасте до 35 лет вовлечены в различные формы поддержки и сопровождения в первые три года работы", "", "young-teachers-share"],
    ["Не менее 70% обучающихся организаций, осуществляющих образовательную деятельность по дополнительным общеобразовательным программам, вовлечены в различные формы наставничества", "", "students-share-additional"],
    ["Доля обучающихся, вовлечённых в наставничество", "Региональный проект «Современная школа»", "students-share-general"],
    ["Количество обучающихся, охваченных различными формами наставничества в 2021 году (чел.)", "", "students-count"],
    ["Доля молодых специалистов с опытом работы до 3 лет, вовлечённых в наставничество", "", "young-teachers-share"],
    ["Доля обучающихся, вовлечённых в различные формы наставничества", "", "students-share"],
    ["Количество проведённых мероприятий", "", undefined],
  ];
  it.each(cases)("%s (%s) → %s", (text, project, code) => {
    expect(understandIndicator(text, project)?.code).toBe(code);
  });
});
