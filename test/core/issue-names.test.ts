// Every issue code has a plain Russian name and advice; formula errors read as Russian Excel shows them;
// the messages people see lose the slips the engine's wording has.
import { analyzeWorkbook } from "../../src/core/analyze";
import { ISSUE_CODES } from "../../src/core/model/issues";
import { EXCEL_ERRORS_RU, ISSUE_ADVICE, ISSUE_NAMES, SEVERITY_NAMES, adviceFor, isFixable, localizeExcelErrors, plainMessage } from "../../src/core/model/issue-names";
import { PARTICIPANTS } from "../../src/core/model/columns";

describe("names of the issue codes", () => {
  test.each([...ISSUE_CODES])("%s has a short Russian name and advice", (code) => {
    const name = ISSUE_NAMES[code];
    expect(typeof name).toBe("string");
    expect(name).toMatch(/^[А-ЯЁ][а-яёА-ЯЁ «»\-–,.]+$/u); // Russian words, capitalized, no code
    expect(name.length).toBeLessThanOrEqual(32);
    expect(ISSUE_ADVICE[code]).toMatch(/^[А-ЯЁ]/u);
  });

  test("no two codes share a name, and no name is left for a code that no longer exists", () => {
    const names = ISSUE_CODES.map((c) => ISSUE_NAMES[c]);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(ISSUE_NAMES).sort()).toEqual([...ISSUE_CODES].sort());
    expect(Object.keys(ISSUE_ADVICE).sort()).toEqual([...ISSUE_CODES].sort());
    expect(SEVERITY_NAMES).toEqual({ error: "Ошибка", warning: "Предупреждение" });
  });
});

describe("formula errors the Russian way", () => {
  test.each(Object.entries(EXCEL_ERRORS_RU))("%s → %s", (en, ru) => {
    expect(localizeExcelErrors(`В ячейке ошибка формулы ${en}`)).toBe(`В ячейке ошибка формулы ${ru}`);
  });

  test("texts without errors, and error-like words inside other text, are left alone", () => {
    expect(localizeExcelErrors("Пустая ячейка «ФИО»")).toBe("Пустая ячейка «ФИО»");
    expect(localizeExcelErrors("#N/A и #REF! рядом")).toBe("#Н/Д и #ССЫЛКА! рядом");
  });
});

describe("messages of a real check", () => {
  // A roster with the mistakes the messages are about, through the real engine.
  const header = PARTICIPANTS.columns.map((c) => c.header);
  const row = (over: Record<string, unknown>) =>
    header.map((h) => (h in over ? over[h] : ({ ФИО: "Иванова Анна Сергеевна", "Дата рождения": new Date(Date.UTC(2010, 2, 1)), "Код организации": "СОШ1", Роль: "Наставляемый", Категория: "Обучающийся", "Форма наставничества": "Ученик – ученик", "Пара/группа": "1", "Дата начала": new Date(Date.UTC(2021, 1, 1)), "Согласие на обработку ПД": "Да" } as Record<string, unknown>)[h] ?? null));
  const analysis = analyzeWorkbook({
    sheets: [
      { name: "Организации", rows: [["Код", "Организация", "Тип"], ["СОШ1", "Школа № 1", "ОО"]] },
      {
        name: "Участники",
        rows: [
          header,
          row({ ФИО: "Петров Пётр Петрович", Роль: "Наставник" }),
          row({ Категория: "Обучающиеся" }),
          row({ "Код организации": { error: "#N/A" }, ФИО: "Сидоров Иван Ильич" }),
          row({ "Код организации": "СОШ11", ФИО: "Орлова Ольга Олеговна" }),
        ] as never,
      },
    ],
  });
  const byCode = (code: string) => analysis.issues.find((i) => i.code === code)!;

  test("a value not in the list: the genitive, and the suggestion not repeated when a button shows it", () => {
    const i = byCode("unknown-value");
    expect(i.suggestion).toBe("Обучающийся");
    expect(plainMessage(i)).toMatch(/^Значения «Обучающиеся» нет в списке/);
    expect(plainMessage(i)).not.toContain("Возможно");
    expect(plainMessage(i, false)).toMatch(/Возможно, «Обучающийся»$/);
    expect(isFixable(i)).toBe(true);
    expect(adviceFor(i)).toBe("Исправьте на «Обучающийся»");
  });

  test("a broken lookup reads #Н/Д, as the specialist's Excel shows it", () => {
    const i = byCode("formula-error");
    expect(i.message).toContain("#N/A");
    expect(plainMessage(i)).toBe("В ячейке ошибка формулы #Н/Д");
    expect(isFixable(i)).toBe(false);
    expect(adviceFor(i)).toBe(ISSUE_ADVICE["formula-error"]);
  });

  test("an unknown organization code offers the nearest code as a fix", () => {
    const i = byCode("unknown-organization");
    expect(i.suggestion).toBe("СОШ1");
    expect(isFixable(i)).toBe(true);
  });

  test("a total that does not add up names the sum but is never written for the user", () => {
    const issue = { code: "target-total-mismatch" as const, suggestion: "1256", cell: "D8" };
    expect(isFixable(issue)).toBe(false);
    expect(adviceFor(issue)).toContain("1256");
  });
});
