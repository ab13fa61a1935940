// Rosters as school forms write them (docs/layouts.md, «Rosters»): ФИО in three columns, the organization
// by name, «Статус участника», one row per pair, base lists without a role column. Issues always point at
// the user's own cell. Workbooks are built as the readers deliver them (WorkbookInput).
import { analyzeWorkbook } from "../src/core/analyze";
import type { CellValue, SheetInput, WorkbookInput } from "../src/core/model/cells";
import { computeCoverage } from "../src/core/coverage/coverage";
import { consolidate } from "../src/core/consolidate/consolidate";
import { parsePeriod } from "../src/core/model/period";

const FULL = "Муниципальное бюджетное образовательное учреждение дополнительного образования ";
const ORGS: SheetInput = {
  name: "Организации",
  rows: [
    ["Код", "Организация", "Тип", "Контингент"],
    ["БДШИ", `${FULL}"Бокситогорская детская школа искусств"`, "ОДО", 320],
    ["ПДШИ", `${FULL}"Пикалевская детская школа искусств"`, "ОДО", 270],
    ["СОШ1", "МБОУ «СОШ № 1»", "ОО", 500],
  ],
};
const Q2 = parsePeriod("2021-Q2")!;
const analyze = (...sheets: SheetInput[]) => {
  const wb: WorkbookInput = { sheets: [ORGS, ...sheets] };
  const a = analyzeWorkbook(wb);
  return { a, c: computeCoverage(a, Q2) };
};
const at = (a: ReturnType<typeof analyzeWorkbook>) => a.issues.map((i) => `${i.code}@${i.sheet}!${i.cell}`);

describe("ФИО in three columns, the organization by name, «Статус участника»", () => {
  const header = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Наименование ОО", "Статус участника", "Категория", "Форма наставничества", "Дата начала"];
  const sheet = (rows: CellValue[][]): SheetInput => ({ name: "Список", rows: [["Участники программы наставничества"], header, ...rows] });
  const rows: CellValue[][] = [
    ["Орлова", "Анна", "Сергеевна", "01.02.1980", "МБУ ДО «Бокситогорская ДШИ»", "наставник", "Педагог", "Учитель – ученик", "01.02.2021"],
    ["Зайцев", "Илья", "Олегович", "12.04.2008", "Бокситогорская детская школа искусств", "Наставляемый", "Обучающийся", "Учитель – ученик", "01.02.2021"],
    ["Зайцева", "Мила", null, "12.04.2009", "БДШИ", "наставляемая", "Обучающийся", "Учитель – ученик", "01.03.2021"],
  ];

  it("joins ФИО for identity, matches names and codes to organizations, and reads the role values forms use", () => {
    const { a, c } = analyze(sheet(rows));
    expect(a.issues).toEqual([]);
    expect(c.organizations.find((o) => o.code === "БДШИ")).toMatchObject({ covered: 2, mentors: 1 });
    const [p] = a.participants;
    expect(p.records.map((r) => r.value!.fio)).toEqual(["Орлова Анна Сергеевна", "Зайцев Илья Олегович", "Зайцева Мила"]);
    expect(p.records.map((r) => r.value!.orgCode)).toEqual(["БДШИ", "БДШИ", "БДШИ"]);
  });

  it("is the same person as «Зайцев Илья Олегович» written in one column: a duplicate across layouts of one workbook", () => {
    const oneColumn: SheetInput = {
      name: "Участники",
      rows: [["ФИО", "Дата рождения", "Код организации", "Роль", "Категория", "Форма наставничества", "Дата начала"], ["  ЗАЙЦЕВ Илья  Олегович", "12.04.2008", "БДШИ", "Наставляемый", "Обучающийся", "Ученик – ученик", "01.03.2021"]],
    };
    const { c } = analyze(sheet(rows), oneColumn);
    expect(c.organizations.find((o) => o.code === "БДШИ")!.covered).toBe(2);
  });

  it("issues point at the user's cells: an empty ФИО at «Фамилия», a bad date at its column, an unknown name at its cell", () => {
    const { a } = analyze(sheet([
      [null, null, null, "12.04.2008", "БДШИ", "наставляемый", "Обучающийся", "Учитель – ученик", "01.02.2021"],
      ["Белова", "Алиса", null, "31.02.2009", "БДШИ", "наставляемый", "Обучающийся", "Учитель – ученик", "01.02.2021"],
      ["Фомин", "Марк", null, "01.01.2009", "Бокситогорская художественная школа", "наставляемый", "Обучающийся", "Учитель – ученик", "01.02.2021"],
      ["Титова", "Ева", null, "01.01.2009", "Детская школа искусств", "наставляемый", "Обучающийся", "Учитель – ученик", "01.02.2021"],
    ]));
    expect(at(a)).toEqual(["missing-value@Список!A3", "invalid-date@Список!D4", "unknown-organization@Список!E5", "ambiguous-organization@Список!E6"]);
    const [missing, , unknown, ambiguous] = a.issues;
    expect(missing).toMatchObject({ column: "Фамилия, Имя, Отчество", message: "Не заполнено обязательное поле «Фамилия, Имя, Отчество»" });
    expect(unknown.suggestion).toBe(`${FULL}"Бокситогорская детская школа искусств"`);
    expect(ambiguous.message).toContain("«БДШИ — МБОУ ДО «Бокситогорская детская школа искусств»»; «ПДШИ — МБОУ ДО «Пикалевская детская школа искусств»»");
  });
});

describe("one row per pair", () => {
  const header = ["№", "ФИО наставника", "ФИО наставляемого", "Дата рождения наставляемого", "ОО", "Форма наставничества", "Дата начала", "Согласие на обработку ПД"];
  const pairs = (rows: CellValue[][]): SheetInput => ({ name: "Пары", rows: [header, ...rows] });

  it("reads a mentor and a mentee from each row; a mentor of several rows is one mentor, no duplicate", () => {
    const { a, c } = analyze(pairs([
      [1, "Орлова Анна Сергеевна", "Зайцев Илья Олегович", "12.04.2008", "БДШИ", "Учитель – ученик", "01.02.2021", "Да"],
      [2, "Орлова Анна Сергеевна", "Белова Алиса Романовна", "01.05.2009", "БДШИ", "Учитель – ученик", "01.02.2021", "Да"],
      [3, "Фомина Ксения Павловна", "Белова Алиса Романовна", "01.05.2009", "БДШИ", "Ученик – ученик", "01.03.2021", "Да"],
    ]));
    expect(a.issues).toEqual([]); // the mentor's repeats and the mentee in a second form are no duplicates
    const o = c.organizations.find((x) => x.code === "БДШИ")!;
    expect(o).toMatchObject({ covered: 2, mentors: 2, pairs: 3, byForm: { "Учитель – ученик": 2, "Ученик – ученик": 1 } });
    // Categories come from the form: «Ученик – ученик» makes the mentor a pupil.
    expect(a.participants[0].records.map((r) => [r.value!.role, r.value!.category])).toEqual([
      ["Наставник", "Педагог"], ["Наставляемый", "Обучающийся"], ["Наставник", "Педагог"], ["Наставляемый", "Обучающийся"], ["Наставник", "Обучающийся"], ["Наставляемый", "Обучающийся"],
    ]);
  });

  it("the same mentee twice in one form is a duplicate at the mentee's cell; a shared cell's problem is reported once", () => {
    const { a, c } = analyze(pairs([
      [1, "Орлова Анна Сергеевна", "Зайцев Илья Олегович", "12.04.2008", "БДШИ", "Учитель – ученик", "01.02.2021", "Да"],
      [2, "Орлова Анна Сергеевна", "Зайцев Илья Олегович", "12.04.2008", "БДШИ", "Учитель – ученик", "01.02.2021", "Да"],
      [3, "Орлова Анна Сергеевна", "Белова Алиса Романовна", "01.05.2009", "БДШИ", "Учитель – ученик", "31.02.2021", "Да"],
    ]));
    expect(at(a)).toEqual(["duplicate-person@Пары!C3", "invalid-date@Пары!G4"]);
    expect(c.organizations.find((x) => x.code === "БДШИ")!.covered).toBe(1);
    expect(c.rows).toMatchObject({ total: 6, excluded: 2 }); // the bad row's mentor and mentee entries
  });

  it("a row without its mentee counts the mentor; a row without its mentor leaves a pair without a mentor (a warning)", () => {
    const { a, c } = analyze(pairs([
      [1, "Орлова Анна Сергеевна", null, null, "БДШИ", "Учитель – ученик", "01.02.2021", "Да"],
      [2, null, "Белова Алиса Романовна", "01.05.2009", "БДШИ", "Учитель – ученик", "01.02.2021", "Да"],
    ]));
    expect(at(a)).toEqual(["pair-without-mentor@Пары!C3"]);
    expect(c.organizations.find((x) => x.code === "БДШИ")).toMatchObject({ covered: 1, mentors: 1 });
  });

  it("a form whose side names no category: the category is missing, said at the form's cell", () => {
    const { a } = analyze(pairs([[1, "Орлова Анна Сергеевна", "Белова Ольга Ивановна", "01.05.1985", "БДШИ", "Педагог – родитель", "01.02.2021", "Да"]]));
    expect(a.issues).toEqual([expect.objectContaining({ code: "missing-value", cell: "F2", message: "Не заполнено обязательное поле «Категория наставляемого»" })]);
  });
});

describe("consolidating a school file in another layout", () => {
  it("copies a pair row as its mentor's and its mentee's rows, in the template's columns", () => {
    const district = analyzeWorkbook({
      sheets: [ORGS, { name: "Участники", rows: [["ФИО", "Дата рождения", "Код организации", "Роль", "Категория", "Форма наставничества", "Пара/группа", "Дата начала", "Дата окончания", "Согласие на обработку ПД"]] }],
    });
    const school = analyzeWorkbook({
      sheets: [ORGS, { name: "Пары", rows: [["ФИО наставника", "ФИО наставляемого", "Дата рождения наставляемого", "ОО", "Форма наставничества", "Дата начала"], ["Орлова Анна Сергеевна", "Зайцев Илья Олегович", "12.04.2008", "БДШИ", "Учитель – ученик", "01.02.2021"]] }],
    });
    const plan = consolidate(district, [{ file: "школа.xlsx", analysis: school }]);
    expect(plan.participants.map((r) => [r.cells[0], r.cells[2], r.cells[3], r.cells[4], r.source])).toEqual([
      ["Орлова Анна Сергеевна", "БДШИ", "Наставник", "Педагог", "школа.xlsx, стр. 2"],
      ["Зайцев Илья Олегович", "БДШИ", "Наставляемый", "Обучающийся", "школа.xlsx, стр. 2"],
    ]);
  });
});

describe("base lists", () => {
  const list = (name: string, rows: CellValue[][], title?: string): SheetInput => ({
    name,
    rows: [...(title ? [[title]] : []), ["ФИО", "ОО", "Категория", "Форма наставничества", "Пара/группа", "Дата начала"], ...rows],
  });

  it("take the role from the sheet's name, a title above the header, or the only table's name", () => {
    for (const [mentors, mentees] of [
      [list("База наставников", [["Орлова Анна Сергеевна", "БДШИ", "Педагог", "Учитель – ученик", "Г1", "01.02.2021"]]), list("База наставляемых", [["Зайцев Илья Олегович", "БДШИ", "Обучающийся", "Учитель – ученик", "Г1", "01.02.2021"]])],
      [list("Лист1", [["Орлова Анна Сергеевна", "БДШИ", "Педагог", "Учитель – ученик", "Г1", "01.02.2021"]], "Наставники"), list("Лист2", [["Зайцев Илья Олегович", "БДШИ", "Обучающийся", "Учитель – ученик", "Г1", "01.02.2021"]], "Список наставляемых")],
      [{ ...list("Лист1", [["Орлова Анна Сергеевна", "БДШИ", "Педагог", "Учитель – ученик", "Г1", "01.02.2021"]]), tables: ["БазаНаставников"] }, { ...list("Лист2", [["Зайцев Илья Олегович", "БДШИ", "Обучающийся", "Учитель – ученик", "Г1", "01.02.2021"]]), tables: ["БазаНаставляемых"] }],
    ] as const) {
      const { a, c } = analyze(mentors, mentees);
      expect(a.issues).toEqual([]);
      expect(c.organizations.find((x) => x.code === "БДШИ")).toMatchObject({ covered: 1, mentors: 1, pairs: 1 });
    }
  });

  it("a list whose role cannot be told is one missing-column «Роль», when found by its name", () => {
    const { a } = analyze(list("Участники", [["Орлова Анна Сергеевна", "БДШИ", "Педагог", "Учитель – ученик", "Г1", "01.02.2021"]]));
    expect(at(a)).toEqual(["missing-column@Участники!A1"]);
    expect(a.issues[0].column).toBe("Роль");
  });
});
