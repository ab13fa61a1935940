// Inserting the template makes the §2 sheets as Excel tables with drop-down lists that point at
// «Справочники», date and number rules; inserting again repairs the rules and leaves data alone.
import { DEFAULT_DICTIONARIES } from "../../src/core/model/dictionaries";
import { SETTING_LABELS } from "../../src/core/read/settings";
import { TEMPLATE_ROWS } from "../../src/core/template/template";
import { createService } from "../../src/office/service";
import { type TestHost, createHost } from "../../src/testhost";
import { parseAddress } from "../../src/testhost/address";
import { NOW, ROSTER, exampleInput, snapshot } from "./example";

const DATA_SHEETS = ["Организации", "Целевые показатели", "Участники", "Дорожная карта"];
const last = TEMPLATE_ROWS + 1; // rules cover the rows below the header

/** The values a list rule's source points at, read from the host: proves the reference resolves. */
function listValues(host: TestHost, source: string): unknown[] {
  const a = parseAddress(source.replace(/^=/, ""))!;
  return host.sheet(a.sheet!).values(source.replace(/^=.*!/, "")).map((r) => r[0]);
}

function ruleAt(host: TestHost, sheet: string, cell: string) {
  return host.sheet(sheet).cell(cell).dataValidation?.rule;
}

describe("a new workbook", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = createHost();
    const outcome = await createService(host.run, () => NOW).insertTemplate(2021);
    expect(outcome).toEqual({ created: [...DATA_SHEETS, "Справочники", "Настройки"], repaired: [] });
  });

  test("each data sheet is an Excel table with the template's headers, frozen below them", () => {
    const tables = Object.fromEntries(host.tables().map((t) => [t.sheet, t]));
    expect(tables[ROSTER]).toMatchObject({ name: "Участники", address: "A1:J2", style: "TableStyleMedium2" });
    expect(tables[ROSTER].headers).toEqual(["ФИО", "Дата рождения", "Код организации", "Роль", "Категория", "Форма наставничества", "Пара/группа", "Дата начала", "Дата окончания", "Согласие на обработку ПД"]);
    expect(tables["Целевые показатели"]).toMatchObject({ name: "ЦелевыеПоказатели" });
    for (const s of DATA_SHEETS) {
      expect(tables[s]).toBeDefined();
      expect(host.sheet(s).freezeRows).toBe(1);
    }
    expect(host.sheet(ROSTER).columnWidth(0)).toBe(32 * 7);
  });

  test("list columns drop down from «Справочники», and the references land on the right values", () => {
    const role = ruleAt(host, ROSTER, "D2") as { list: { source: string; inCellDropDown: boolean } };
    expect(role).toEqual({ list: { inCellDropDown: true, source: "='Справочники'!$A$2:$A$3" } });
    expect(listValues(host, role.list.source)).toEqual([...DEFAULT_DICTIONARIES.roles]);
    const form = ruleAt(host, ROSTER, `F${last}`) as { list: { source: string } };
    expect(listValues(host, form.list.source)).toEqual([...DEFAULT_DICTIONARIES.forms]);
    const unit = ruleAt(host, "Целевые показатели", "E2") as { list: { source: string } };
    expect(listValues(host, unit.list.source)).toEqual([...DEFAULT_DICTIONARIES.units]);
    expect(ruleAt(host, ROSTER, `D${last + 1}`)).toBeUndefined();
    expect(ruleAt(host, ROSTER, "A2")).toBeUndefined(); // ФИО is free text
  });

  test("date columns take dates 1900–2100 in dd.mm.yyyy; number columns take whole numbers", () => {
    const start = host.sheet(ROSTER).cell("H2");
    expect(start.dataValidation).toMatchObject({
      rule: { date: { formula1: "1900-01-01", formula2: "2100-12-31", operator: "Between" } },
      prompt: { showPrompt: true, message: "Дата в формате ДД.ММ.ГГГГ" },
      errorAlert: { showAlert: true, style: "Stop" },
    });
    expect(start.numberFormat).toBe("dd.mm.yyyy");
    expect(host.sheet(ROSTER).cell(`B${last}`).numberFormat).toBe("dd.mm.yyyy");
    expect(ruleAt(host, "Целевые показатели", "C2")).toEqual({ wholeNumber: { formula1: 2019, formula2: 2035, operator: "Between" } });
    expect(ruleAt(host, "Организации", "D2")).toEqual({ wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
    expect(ruleAt(host, "Целевые показатели", "D2")).toEqual({ decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
  });

  test("«Справочники» and «Настройки» are filled in", () => {
    const lists = host.sheet("Справочники");
    expect(lists.values("A1:A3")).toEqual([["Роль"], ["Наставник"], ["Наставляемый"]]);
    expect(lists.cell("A1").font.bold).toBe(true);
    expect(host.sheet("Настройки").values("A3:B3")).toEqual([[SETTING_LABELS.planYear, 2021]]);
  });
});

describe("inserting again", () => {
  test("re-applies the rules a paste removed, without touching data", async () => {
    const host = createHost();
    const service = createService(host.run, () => NOW);
    await service.insertTemplate(2021);
    const roster = host.sheet(ROSTER);
    roster.setValue("A2", "Иванов Иван Иванович").setValue("D2", "Наставник").setValue("H2", new Date(Date.UTC(2021, 2, 1)));
    roster.setValue("D3", "не из списка"); // what a paste brings
    roster.clearValidation(`D2:D${last}`); // a paste replaces validation too
    const data = snapshot(host, DATA_SHEETS, { validation: false });
    expect(ruleAt(host, ROSTER, "D2")).toBeUndefined();

    expect(await service.insertTemplate(2021)).toEqual({ created: [], repaired: DATA_SHEETS });
    expect(ruleAt(host, ROSTER, "D2")).toEqual({ list: { inCellDropDown: true, source: "='Справочники'!$A$2:$A$3" } });
    expect(roster.cell("D3").value).toBe("не из списка"); // Excel's own check fires on typing, not here
    expect(snapshot(host, DATA_SHEETS, { validation: false })).toEqual(data);
    expect(host.tables()).toHaveLength(4);
  });

  test("repairs the example's roster under its own header row and shuffled columns", async () => {
    const host = createHost(await exampleInput());
    const values = (s: string) => host.sheet(s).values();
    const before = Object.fromEntries(host.sheetNames().map((s) => [s, values(s)]));
    const outcome = await createService(host.run, () => NOW).insertTemplate(2021);
    expect(outcome).toEqual({ created: [], repaired: DATA_SHEETS });
    // The example's roster: header in row 3, «Роль» in C, «Форма» in D, «Дата начала» in G.
    const role = ruleAt(host, ROSTER, "C4") as { list: { source: string } };
    expect(listValues(host, role.list.source)).toEqual(["Наставник", "Наставляемый"]);
    expect(ruleAt(host, ROSTER, "D4")).toMatchObject({ list: { inCellDropDown: true } });
    expect(ruleAt(host, ROSTER, "G4")).toMatchObject({ date: { operator: "Between" } });
    expect(ruleAt(host, ROSTER, "A4")).toBeUndefined();
    expect(ruleAt(host, ROSTER, "C3")).toBeUndefined(); // not on the header
    expect(Object.fromEntries(host.sheetNames().map((s) => [s, values(s)]))).toEqual(before);
  });
});
