// «Замечания для школ»: the roster issues of a check as one sheet, school by school, with cell, column,
// problem and what to do, as an Excel table to filter by school; made again, it replaces only our sheet.
import { ISSUE_NAMES } from "../../src/core/model/issue-names";
import { createService } from "../../src/office/service";
import { REMARKS_MARKER } from "../../src/office/remarks";
import { REMARKS_SHEET, REMARK_HEADERS } from "../../src/pane/remarks";
import { createHost } from "../../src/testhost";
import { NOW, ROSTER, exampleInput } from "./example";

async function made() {
  const host = createHost(await exampleInput());
  const service = createService(host.run, () => NOW);
  const check = await service.check();
  const outcome = await service.exportRemarks();
  return { host, service, check, outcome };
}

describe("the remarks sheet of the example", () => {
  test("holds every roster issue once, school by school, and nothing from other sheets", async () => {
    const { host, check, outcome } = await made();
    const roster = check.issues.filter((i) => i.org !== undefined);
    expect(outcome).toEqual({ sheet: REMARKS_SHEET, rows: roster.length, schools: new Set(roster.map((i) => i.org || "(без кода)")).size });
    const values = host.sheet(REMARKS_SHEET).values(`A1:I${3 + roster.length}`);
    expect(values[0][0]).toBe(REMARKS_SHEET);
    expect(values[1][0]).toMatch(/^Проверка 30\.06\.2021 \d\d:\d\d: замечаний — 12, организаций — \d+\. Отфильтруйте столбец «Код ОО»/);
    expect(values[2]).toEqual([...REMARK_HEADERS]);
    const rows = values.slice(3);
    expect(rows.map((r) => `${r[2]}!${r[3]}`).sort()).toEqual(roster.map((i) => `${i.sheet}!${i.cell}`).sort());
    const codes = rows.map((r) => String(r[0]));
    const order = [...codes].sort((a, b) => (a === "(без кода)" ? 1 : b === "(без кода)" ? -1 : a < b ? -1 : a > b ? 1 : 0));
    expect(codes).toEqual(order);
    expect(rows.every((r) => r[2] === ROSTER)).toBe(true);
    // Plain words: the kind's name, the message with Russian formula errors, what to do.
    const formula = rows.find((r) => r[5] === ISSUE_NAMES["formula-error"])!;
    expect(formula[6]).toBe("В ячейке ошибка формулы #Н/Д");
    const category = rows.find((r) => r[5] === ISSUE_NAMES["unknown-value"])!;
    expect(category[7]).toBe("Исправьте на «Обучающийся»");
    expect(new Set(rows.map((r) => r[8]))).toEqual(new Set(["Ошибка", "Предупреждение"]));
  });

  test("is an Excel table under a title, every cell text, frozen under the header, and marked as ours", async () => {
    const { host, check } = await made();
    const n = check.issues.filter((i) => i.org !== undefined).length;
    const table = host.tables().find((t) => t.sheet === REMARKS_SHEET)!;
    expect(table).toMatchObject({ address: `A3:I${3 + n}`, headers: [...REMARK_HEADERS] });
    expect(host.sheet(REMARKS_SHEET).cell("D4").numberFormat).toBe("@");
    expect(host.sheet(REMARKS_SHEET).freezeRows).toBe(3);
    expect(host.names().find((x) => x.name === REMARKS_MARKER)?.formula).toMatch(/Замечания для школ'?!\$A\$1$/);
    expect(host.activeSheet()).toBe(REMARKS_SHEET);
  });

  test("made again, replaces our sheet; a user's sheet of that name is left alone", async () => {
    const { host, service } = await made();
    await expect(service.exportRemarks()).resolves.toMatchObject({ sheet: REMARKS_SHEET });
    expect(host.sheetNames().filter((s) => s.startsWith(REMARKS_SHEET))).toEqual([REMARKS_SHEET]);
    const other = createHost({ ...(await exampleInput()), sheets: [...(await exampleInput()).sheets, { name: REMARKS_SHEET, rows: [["мои заметки"]] }] });
    const s2 = createService(other.run, () => NOW);
    await expect(s2.exportRemarks()).resolves.toMatchObject({ sheet: `${REMARKS_SHEET} (2)` });
    expect(other.sheet(REMARKS_SHEET).cell("A1").value).toBe("мои заметки");
    await expect(s2.exportRemarks()).resolves.toMatchObject({ sheet: `${REMARKS_SHEET} (2)` });
  });

  test("one school's remarks only, when the pane filters by school; none to send is said in words", async () => {
    const { host, service, check } = await made();
    const org = check.issues.find((i) => i.org)!.org!;
    const out = await service.exportRemarks({ org });
    expect(out.rows).toBe(check.issues.filter((i) => i.org === org).length);
    expect(new Set(host.sheet(REMARKS_SHEET).values(`A4:A${3 + out.rows}`).map((r) => r[0]))).toEqual(new Set([org]));
    await expect(service.exportRemarks({ org: "НЕТ-ТАКОЙ" })).rejects.toThrow("По организации «НЕТ-ТАКОЙ» замечаний нет: выгружать нечего.");
  });
});
