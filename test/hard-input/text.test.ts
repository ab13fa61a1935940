// Text as it arrives from other programs: numbers typed as text, non-breaking spaces, invisible
// characters, Latin look-alike letters and cells of 32 000 characters. The tolerant reading must find
// the value the person meant, and the value in the workbook must stay as it was.
import ExcelJS from "exceljs";
import { ORGANIZATIONS } from "../../scripts/example/boksitogorsk";
import { writeTargets } from "../../scripts/example/workbook";
import { analyzeWorkbook } from "../../src/core/analyze";
import { COL, MENTOR, analyzeBook, book, issueAt, issueList, mentee, rosterInput, utc } from "./helpers";

describe("numbers typed as text (Контингент of the organizations)", () => {
  async function contingent(text: ExcelJS.CellValue) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Организации");
    ws.addRow(["Код", "Организация", "Тип", "Контингент", "Молодых педагогов"]);
    ws.addRow(["ПДШИ", ORGANIZATIONS[4].name, "ОДО", text, 2]);
    writeTargets(wb, [ORGANIZATIONS[4]], ORGANIZATIONS[4].plan);
    wb.addWorksheet("Участники").addRow(["ФИО", "Код организации", "Роль", "Категория", "Форма наставничества", "Дата начала"]);
    const { analysis } = await analyzeBook(wb);
    const rec = analysis.organizations!.records[0];
    return { value: rec.value?.contingent ?? null, issues: issueList(analysis, "Организации") };
  }

  it.each([
    ["270", 270],
    ["1 350", 1350],
    ["1\u00a0350", 1350], // non-breaking space, as Excel's own number format pastes it
    ["1\u202f350", 1350], // narrow no-break space (French/Russian typography)
    ["1'350", 1350],
    ["  980  ", 980],
    ["1 350,0", 1350],
    ["1350.0", 1350],
    ["\u200b270", 270],
  ])("%j → %d", async (text, n) => {
    expect(await contingent(text)).toEqual({ value: n, issues: [] });
  });

  it.each([
    ["1 35", "invalid-number"], // a space that is not a thousands group
    ["12,5", "invalid-number"], // a count must be whole
    ["1,350", "invalid-number"], // the comma is the decimal separator in Russian: 1,35, not whole
    ["270 чел.", "invalid-number"],
    ["—", "invalid-number"],
    ["-5", "invalid-number"],
  ])("%j → %s at D2", async (text, code) => {
    expect(await contingent(text)).toEqual({ value: null, issues: [`${code}@D2`] });
  });
});

describe("non-breaking spaces and invisible characters", () => {
  it("are read through in list values and codes, and the workbook keeps them", async () => {
    const odd = [
      mentee("Зайцев Илья Олегович", { role: "Наставляемый\u00a0", form: "Учитель\u00a0–\u00a0ученик" }),
      mentee("Борисова Софья Игоревна", { org: "ПД\u200bШИ", category: "Обуча\u00adющийся" }), // zero-width space, soft hyphen
      mentee("Никитина Алиса Олеговна", { org: "\ufeffПДШИ\u2060", consent: "Да\u200e" }), // BOM, word joiner, LRM
    ];
    const { analysis, input, coverage } = await analyzeBook(await book({ rows: [MENTOR, ...odd] }));
    expect(issueList(analysis)).toEqual([]);
    expect(coverage.organizations.find((o) => o.code === "ПДШИ")!.covered).toBe(3);
    expect(rosterInput(input).rows[3][2]).toBe("ПД\u200bШИ");
    expect(rosterInput(input).rows[2][5]).toBe("Учитель\u00a0–\u00a0ученик");
  });

  it("make the same name: a duplicate typed with a non-breaking space is still the same person", async () => {
    const rows = [MENTOR, mentee("Зайцев Илья Олегович"), mentee("Зайцев\u00a0Илья  Олегович\u200b")];
    const { analysis, coverage } = await analyzeBook(await book({ rows }));
    expect(issueList(analysis)).toEqual([`duplicate-person@${COL.fio}4`]);
    expect(coverage.organizations.find((o) => o.code === "ПДШИ")!.covered).toBe(1);
  });

  it("a cell of invisible characters only is empty: missing-value, never an odd «invalid» error", async () => {
    const rows = [MENTOR, mentee("\u200b"), mentee("\u200e\u200f"), mentee("\u00a0\u00ad")];
    const { analysis } = await analyzeBook(await book({ rows }));
    expect(issueList(analysis)).toEqual([`missing-value@A3`, `missing-value@A4`, `missing-value@A5`]);
  });

  it("a row of invisible characters only is an empty row, skipped", async () => {
    const blank = Array.from({ length: 10 }, (_, i) => ["\u200b", "\u00a0", " ", "\ufeff", "\u2060", "\u200e", "\u00ad", "\t", "\u3000", "\u202f"][i]);
    const { analysis, coverage } = await analyzeBook(await book({ rows: [MENTOR, blank, mentee("Зайцев Илья Олегович")] }));
    expect(analysis.participants[0].emptyRows).toBe(1);
    expect(coverage.rows).toEqual({ total: 3, counted: 2, outsidePeriod: 0, excluded: 0, blank: 1 });
  });
});

describe("Latin look-alike letters", () => {
  it("inside Cyrillic words read as the Cyrillic value: list values, codes and names", async () => {
    const rows = [
      MENTOR,
      mentee("Зайцев Илья Олегович", { role: "Hаставляемый", category: "Oбучающийся", form: "Учитeль – ученик" }), // H, O, e
      mentee("Борисова Софья Игоревна", { org: "EДМШ", pair: "E-1" }), // Latin E in the code
      mentee("Зaйцев Илья Oлегович"), // the first name again with Latin a and O: the same person
    ];
    const edmsh = mentee("Петрова Анна Игоревна", { org: "ЕДМШ", pair: "E-1", role: "Наставник", category: "Педагог", birth: utc(1981, 3, 3) });
    const { analysis, coverage } = await analyzeBook(await book({ rows: [...rows, edmsh] }));
    expect(issueList(analysis)).toEqual([`duplicate-person@${COL.fio}5`]);
    expect(coverage.organizations.find((o) => o.code === "ЕДМШ")!.covered).toBe(1);
  });

  it("a list value typed wholly in Latin look-alikes reads as the list value («HET» → «Нет»)", async () => {
    const rows = [MENTOR, mentee("Зайцев Илья Олегович", { consent: "HET" }), mentee("Борисова Софья Игоревна", { consent: "OK" })];
    const { analysis } = await analyzeBook(await book({ rows }));
    // «Нет» is read, so the row gets the no-consent warning; «OK» (a K, no Cyrillic «ОК» in the list) stays unknown.
    expect(issueList(analysis)).toEqual([`no-consent@${COL.consent}3`, `unknown-value@${COL.consent}4`]);
  });
});

describe("cells of 32 000 characters (Excel allows 32 767)", () => {
  const LONG = 32_000;
  const long = (unit: string) => unit.repeat(Math.ceil(LONG / unit.length)).slice(0, LONG);

  it("a very long name is a name; long values in other cells give short messages; nothing is cut in the workbook", async () => {
    const rows = [
      MENTOR,
      mentee(long("Иванов ")), // counted: nothing limits a name's length
      mentee("Зайцев Илья Олегович", { category: long("Обучающийся ") }),
      mentee("Борисова Софья Игоревна", { start: long("05.03.2021 ") }),
      mentee("Никитина Алиса Олеговна", { org: long("ПДШИ") }),
    ];
    const t0 = Date.now();
    const { analysis, input, coverage } = await analyzeBook(await book({ rows }));
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(issueList(analysis)).toEqual([`unknown-value@${COL.category}4`, `invalid-date@${COL.start}5`, `unknown-organization@${COL.org}6`]);
    for (const i of analysis.issues) expect(i.message.length).toBeLessThan(300);
    expect(issueAt(analysis, `${COL.org}6`)!.suggestion).toBeUndefined();
    expect(coverage.rows).toEqual({ total: 5, counted: 2, outsidePeriod: 0, excluded: 3, blank: 0 });
    expect((rosterInput(input).rows[2][0] as string).length).toBe(LONG);
  });

  it("a header-area cell of 32 000 «(» costs no quadratic time", () => {
    const rows = [["(".repeat(LONG), "Заголовок ((((" + ")".repeat(10)], ["ФИО", "Код организации", "Роль", "Категория", "Форма наставничества", "Дата начала"]];
    const t0 = Date.now();
    const a = analyzeWorkbook({ sheets: [{ name: "Лист1", rows }, { name: "Лист2", rows }] });
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(a.participants.map((p) => p.located.headerIndex)).toEqual([1, 1]);
  });

  it("a roadmap deadline of 32 000 characters is unparsed-deadline, quickly", async () => {
    const wb = await book({ rows: [MENTOR] });
    const rm = wb.addWorksheet("Дорожная карта");
    rm.addRow(["№", "Мероприятие", "Ответственный", "Срок", "Статус"]);
    rm.addRow(["1", "Мониторинг", "Куратор", long("до 01.03.2021, далее ежеквартально "), "В работе"]);
    const t0 = Date.now();
    const { analysis } = await analyzeBook(wb);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(issueList(analysis, "Дорожная карта")).toEqual(["unparsed-deadline@D2"]);
    expect(analysis.issues.find((i) => i.code === "unparsed-deadline")!.message.length).toBeLessThan(300);
  });
});

describe("codes that are numbers", () => {
  it("a numeric code typed as a number on one sheet and as text on the other is the same code", async () => {
    const wb = new ExcelJS.Workbook();
    const orgs = wb.addWorksheet("Организации");
    orgs.addRow(["Код", "Организация", "Тип", "Контингент"]);
    orgs.addRow([101, "МБОУ «СОШ № 1»", "ОО", 500]);
    const roster = wb.addWorksheet("Участники");
    roster.addRow(["ФИО", "Код организации", "Роль", "Категория", "Форма наставничества", "Пара/группа", "Дата начала"]);
    roster.addRow(["Орлова Анна Сергеевна", "101", "Наставник", "Педагог", "Учитель – ученик", "1", utc(2021, 2, 1)]);
    roster.addRow(["Зайцев Илья Олегович", " 101 ", "Наставляемый", "Обучающийся", "Учитель – ученик", 1, utc(2021, 2, 1)]);
    const { analysis, coverage } = await analyzeBook(wb);
    expect(issueList(analysis)).toEqual([]);
    expect(coverage.organizations[0]).toMatchObject({ code: "101", covered: 1, mentors: 1, pairs: 1 });
  });
});

describe("decomposed Unicode (NFD), as macOS, PDF exports and some web forms give it", () => {
  const nfd = (s: string) => s.normalize("NFD");

  it("a name typed with a decomposed «Й» or «ё» is the same person as the same name typed whole", async () => {
    const name = "Йолкин Пётр Андреевич";
    expect(nfd(name)).not.toBe(name); // the fixture really is decomposed
    const rows = [MENTOR, mentee(name), mentee(nfd(name))];
    const { analysis, coverage } = await analyzeBook(await book({ rows }));
    expect(issueList(analysis)).toEqual([`duplicate-person@${COL.fio}4`]);
    expect(coverage.organizations.find((o) => o.code === "ПДШИ")!.covered).toBe(1);
  });

  it("an organization code and a list value typed decomposed match, with no issue", async () => {
    const rows = [MENTOR, mentee("Зайцев Илья Олегович", { org: nfd("ПДШИ"), role: nfd("Наставляемый"), form: nfd("Учитель – ученик") })];
    // «ПДШИ» has no letter that decomposes; «Й» in the role does not exist either: use «Наставляемый» (й).
    expect(nfd("Наставляемый")).not.toBe("Наставляемый");
    const { analysis, coverage } = await analyzeBook(await book({ rows }));
    expect(issueList(analysis)).toEqual([]);
    expect(coverage.organizations.find((o) => o.code === "ПДШИ")!.covered).toBe(1);
  });

  it("a suggestion is never what the user typed", async () => {
    const rows = [MENTOR, mentee("Зайцев Илья Олегович", { category: "Обучающиеся" })];
    const { analysis } = await analyzeBook(await book({ rows }));
    const issue = issueAt(analysis, `${COL.category}3`, "unknown-value");
    expect(issue?.suggestion).toBe("Обучающийся");
    for (const i of analysis.issues) if (i.suggestion !== undefined) expect(i.suggestion).not.toBe(String(i.message.match(/«([^»]*)»/)?.[1]));
  });
});
