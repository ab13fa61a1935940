// «Проверить совместимость Excel» on the Excel test host: every step passes on a host that implements
// what the add-in calls; a host that refuses one call fails exactly that step, in Russian; and the
// user's workbook — every sheet, name, table, the active sheet — is the same before and after, the
// temporary sheets gone, also when a step throws.
import { type SelfTestReport, excelLine, runSelfTest, selfTestSummary } from "../../src/office/selftest";
import { createService } from "../../src/office/service";
import { type TestHost, createHost } from "../../src/testhost";
import { ErrorValue, type SheetModel, type WorkbookModel } from "../../src/testhost/model";
import { Chart } from "../../src/testhost/charts";
import { HostError } from "../../src/testhost/errors";
import { RangeFill } from "../../src/testhost/format";
import { Range } from "../../src/testhost/range";
import { Worksheet } from "../../src/testhost/worksheet";
import { exampleInput } from "./example";

/** Every set up to 1.12, as Excel 2021 reports. */
const excel2021 = (name: string, version: string) => name === "ExcelApi" && Number(version.split(".")[1]) <= 12;
const info = { version: "16.0.14332.20812", platform: "PC", host: "Excel", isSetSupported: excel2021 };

/** The whole model of a sheet as text: values, formulas, styles, validation, sizes, merges, formats, charts, layout. */
function sheetBytes(s: SheetModel): string {
  return JSON.stringify(s, (key, value: unknown) => {
    if (value instanceof Map) return [...value.entries()];
    if (value instanceof ErrorValue) return { error: value.text };
    return value;
  });
}

/** The user's workbook as text: sheets in order with their whole models, names, tables, the active sheet. */
function workbookBytes(m: WorkbookModel): string {
  return JSON.stringify({
    sheets: m.sheets.map((s) => [s.name, sheetBytes(s)]),
    names: m.names.map((n) => [n.name, n.formula, n.comment]),
    tables: m.tables.map((t) => [t.name, t.sheet.name, t.rect, t.style, t.showHeaders, t.showFilterButton]),
    active: m.active?.name ?? null,
  });
}

function byId(r: SelfTestReport): Record<string, { ok: boolean; detail: string }> {
  return Object.fromEntries(r.steps.map((s) => [s.id, { ok: s.ok, detail: s.detail }]));
}

/** The example workbook the way a district has it: with a user's own highlight, a frozen row, a second sheet active. */
async function districtHost(): Promise<TestHost> {
  const host = createHost(await exampleInput());
  host.sheet("Участники").setFill("B5", "#00B0F0");
  host.model.activate(host.model.sheet("Организации")!);
  return host;
}

describe("on a host with everything the add-in calls", () => {
  let host: TestHost;
  let before: string;
  let report: SelfTestReport;

  beforeAll(async () => {
    host = await districtHost();
    // The user's own sheet named like ours, and a defined name: the self-test must pick other names.
    host.model.addSheet("ЦМН проверка 5000");
    before = workbookBytes(host.model);
    let i = 0;
    report = await runSelfTest(host.run, info, { random: () => [4000.5 / 9000, 0.25][i++] ?? 0.5 }); // 1000 + 4000 = 5000 is taken
  });

  test("every step works, and the summary says so", () => {
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect(report.total).toBe(22);
    expect(report.passed).toBe(22);
    expect(selfTestSummary(report)).toBe("Работает: 22 из 22");
    expect(report.steps.every((s) => /[а-яё]/i.test(s.title))).toBe(true);
  });

  test("the temporary sheet got a name no sheet of the workbook had, and is gone; the user's sheets are byte-for-byte the same", () => {
    expect(report.sheet).toBe("ЦМН проверка 3250");
    expect(host.sheetNames().filter((n) => n.startsWith("ЦМН проверка") && n !== "ЦМН проверка 5000")).toEqual([]);
    expect(host.names().filter((n) => n.name.includes("3250"))).toEqual([]);
    expect(report.leftovers).toEqual([]);
    expect(workbookBytes(host.model)).toBe(before);
    expect(host.activeSheet()).toBe("Организации");
  });

  test("read-backs the test host does not offer are said, not counted as passed checks in silence", () => {
    const notes = report.steps.filter((s) => s.detail !== "").map((s) => s.id);
    // freezePanes.getLocationOrNullObject, pageLayout.getPrintTitleRowsOrNullObject, workbook.getSelectedRange
    // (not in the host) and merged areas (ExcelApi 1.13, above what the add-in may use).
    expect(notes).toEqual(["merge", "freeze", "page-layout", "selection"]);
  });

  test("the report names Excel's version and platform and the highest ExcelApi", () => {
    expect(report.version).toBe("16.0.14332.20812");
    expect(excelLine(report)).toBe("Excel 16.0.14332.20812, Windows, ExcelApi до 1.12");
    expect(excelLine({ version: null, platform: "OfficeOnline", highestExcelApi: null })).toBe("Версия Excel неизвестна, Excel в Интернете");
  });

  test("the add-in still works on the workbook afterwards", async () => {
    const check = await createService(host.run).check();
    expect(check.errors).toBeGreaterThan(0); // the example's planted mistakes, found as before
  });
});

describe("requirement sets", () => {
  test("an Excel 2019 (ExcelApi up to 1.7) fails exactly the requirement step, naming what is missing", async () => {
    const host = createHost({ Лист1: [["данные"]] });
    const r = await runSelfTest(host.run, { ...info, isSetSupported: (n, v) => n === "ExcelApi" && Number(v.split(".")[1]) <= 7 });
    const steps = byId(r);
    expect(steps.requirements.ok).toBe(false);
    expect(steps.requirements.detail).toBe(
      "Не поддерживается ExcelApi 1.8 (проверка данных (раскрывающиеся списки)). Не поддерживается ExcelApi 1.9 (чтение свойств ячеек, параметры страницы).",
    );
    expect(r.passed).toBe(r.total - 1);
    expect(r.highestExcelApi).toBe("1.7");
  });

  test("without Office's requirements API the step says it could not tell", async () => {
    const r = await runSelfTest(createHost().run, { version: "16.0" });
    expect(byId(r).requirements).toEqual({ ok: false, detail: expect.stringMatching(/^Office не сообщил/) });
    expect(r.highestExcelApi).toBeNull();
  });
});

describe("a host that refuses one API", () => {
  afterEach(() => jest.restoreAllMocks());

  /** Runs the self-test with one patched call and returns the report, the host, and the workbook before. */
  async function withPatch(patch: () => void) {
    const host = await districtHost();
    const before = workbookBytes(host.model);
    patch();
    const report = await runSelfTest(host.run, info);
    jest.restoreAllMocks();
    return { report, host, before };
  }

  const apiNotFound = (where: string) => {
    const e = new HostError("NotImplemented", "patched by the test", where);
    return Object.assign(e, { code: "ApiNotFound" });
  };

  test("getCellProperties missing (an Excel before 1.9): only the fill step fails, with Excel's code in a Russian sentence", async () => {
    const { report, host, before } = await withPatch(() => {
      jest.spyOn(Range.prototype, "getCellProperties").mockImplementation(() => {
        throw apiNotFound("Range.getCellProperties");
      });
    });
    expect(report.steps.filter((s) => !s.ok).map((s) => s.id)).toEqual(["fill"]);
    expect(byId(report).fill.detail).toBe(
      `Excel ответил ошибкой ApiNotFound, место: Range.getCellProperties. Сообщение Excel: ${apiNotFound("Range.getCellProperties").message}`,
    );
    expect(selfTestSummary(report)).toBe("Работает: 21 из 22");
    expect(workbookBytes(host.model)).toBe(before);
    expect(host.sheetNames().filter((n) => n.startsWith("ЦМН"))).toEqual([]);
  });

  test("a chart call that fails at sync: the chart step fails, nothing is left behind", async () => {
    const { report, host, before } = await withPatch(() => {
      jest.spyOn(Chart.prototype, "title", "get").mockImplementation(() => {
        throw new HostError("InvalidOperation", "charts refused by the test", "Chart.title");
      });
    });
    expect(report.steps.filter((s) => !s.ok).map((s) => s.id)).toEqual(["chart"]);
    expect(byId(report).chart.detail).toMatch(/^Excel ответил ошибкой InvalidOperation, место: Chart\.title\./);
    expect(workbookBytes(host.model)).toBe(before);
    expect(host.sheetNames().filter((n) => n.startsWith("ЦМН"))).toEqual([]);
  });

  test("a fill that reads back wrong is a mismatch in words, not an exception", async () => {
    const { report } = await withPatch(() => {
      // Properties are defined on the prototype at run time (defineProps), hence the cast.
      const proto = RangeFill.prototype as unknown as { color: string };
      const setter = Object.getOwnPropertyDescriptor(proto, "color")!.set!;
      jest.spyOn(proto, "color", "set").mockImplementation(function (this: RangeFill, v: string) {
        setter.call(this, v === "#FFC7CE" ? "#FFFFFE" : v); // an Excel that rounds colours to its palette
      });
    });
    expect(byId(report).fill).toEqual({ ok: false, detail: "Заливка F1: записан цвет #FFC7CE, прочитан «#FFFFFE»." });
  });

  test("no sheet can be added (a protected workbook structure): every sheet step is «not checked», nothing changes", async () => {
    const { report, host, before } = await withPatch(() => {
      jest.spyOn(Worksheet.prototype as unknown as { name: string }, "name", "set").mockImplementation(() => {
        throw new HostError("InvalidOperation", "the workbook structure is protected", "Worksheet.name");
      });
    });
    const steps = byId(report);
    expect(steps["sheet-add"].ok).toBe(false);
    expect(steps.values).toEqual({ ok: false, detail: "Не проверено: временный лист не удалось создать (см. шаг «Новый лист»)." });
    expect(steps.requirements.ok).toBe(true);
    // The sheet under its first name was added before the rename failed: the clean-up removes it.
    expect(steps.cleanup).toEqual({ ok: true, detail: "" });
    expect(workbookBytes(host.model)).toBe(before);
  });

  test("a clean-up that cannot delete says which sheet to remove by hand", async () => {
    const { report, host } = await withPatch(() => {
      jest.spyOn(Worksheet.prototype, "delete").mockImplementation(() => {
        throw new HostError("InvalidOperation", "deleting refused by the test", "Worksheet.delete");
      });
    });
    const cleanup = byId(report).cleanup;
    expect(cleanup.ok).toBe(false);
    expect(cleanup.detail).toContain(`Удалите вручную: «${report.sheet}», «${report.sheet} списки»`);
    expect(report.leftovers).toEqual([report.sheet, `${report.sheet} списки`]);
    expect(host.sheetNames()).toContain(report.sheet);
  });
});

describe("the pane's «Проверить совместимость Excel»", () => {
  // Rendered to markup on Node (no DOM here): what the user reads for a real report of the host.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createElement } = require("react") as typeof import("react");
  const { renderToStaticMarkup } = require("react-dom/server") as typeof import("react-dom/server");
  const { SELF_TEST_RU, SelfTestView } = require("../../src/taskpane/components/SelfTest") as typeof import("../../src/taskpane/components/SelfTest");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const view = (props: Partial<Parameters<typeof SelfTestView>[0]>) =>
    renderToStaticMarkup(createElement(SelfTestView, { words: SELF_TEST_RU, busy: false, report: null, error: null, onRun: () => {}, ...props }));
  const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

  test("before a run: the button and what it does", () => {
    const html = view({});
    expect(html).toMatch(/data-testid="selftest-run"[^>]*>Проверить совместимость Excel</);
    expect(html).not.toContain("selftest-report");
  });

  test("after a run with one failing step: ✓ and ✗ with words, the Excel line and the summary", async () => {
    const host = await districtHost();
    jest.spyOn(Range.prototype, "getCellProperties").mockImplementation(() => {
      throw Object.assign(new HostError("NotImplemented", "patched", "Range.getCellProperties"), { code: "ApiNotFound" });
    });
    const report = await runSelfTest(host.run, info);
    jest.restoreAllMocks();
    const html = view({ report });
    expect(text(html)).toContain("Работает: 21 из 22");
    expect(text(html)).toContain("Excel 16.0.14332.20812, Windows, ExcelApi до 1.12");
    expect(html.match(/data-ok="true"/g)).toHaveLength(21);
    const fill = /<li[^>]*data-testid="selftest-step-fill"[^>]*>.*?<\/li>/.exec(html)![0];
    expect(fill).toContain('data-ok="false"');
    expect(text(fill)).toMatch(/✗ Заливка и чтение свойств ячеек — не работает Excel ответил ошибкой ApiNotFound/);
    expect(fill).toContain('aria-label="не работает"');
    expect(text(/<li[^>]*data-testid="selftest-step-values"[^>]*>.*?<\/li>/.exec(html)![0]).trim()).toBe("✓ Значения и типы значений");
    expect(html).toMatch(/data-testid="selftest-text"[^>]*>Проверка совместимости Excel — Работает: 21 из 22\nExcel 16\.0/);
  });

  test("a self-test that could not run at all says so", () => {
    expect(text(view({ error: "Excel не ответил" }))).toContain("✗ Проверка не выполнена: Excel не ответил");
  });
});

test("on a workbook in the 1904 date system the date step works and says so", async () => {
  const host = createHost({ ...(await exampleInput()), date1904: true });
  const report = await runSelfTest(host.run, info);
  const step = report.steps.find((s) => s.id === "date-system")!;
  expect(step).toMatchObject({ ok: true, detail: "Книга в системе дат 1904: надстройка учитывает это при чтении дат." });
});
