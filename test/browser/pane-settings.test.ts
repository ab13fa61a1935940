// First run and settings in the built pane at 320 px: a workbook without the sheets opens on «Шаблон»
// with one primary action; nothing in the pane refers to the command line; the period is a year and a
// quarter; the as-of date follows the period's end until the user sets one; inserting the template
// changes no setting; the period is one for the whole pane.
import type { Page } from "playwright-core";
import { type PaneSession, openTab, panel, startPane } from "./pane-kit";

let pane: PaneSession;
let page: Page;

beforeAll(async () => {
  pane = await startPane();
  page = await pane.open();
}, 600_000);

afterAll(async () => {
  await pane?.close();
});

/** Buttons of the visible panel drawn as primary (Fluent's brand background). */
const primaries = (p: Page) =>
  p.locator('[role="tabpanel"]:not([hidden]) button').evaluateAll((els) => els.filter((e) => getComputedStyle(e).backgroundColor === "rgb(15, 108, 189)").map((e) => e.textContent));

describe("first run", () => {
  it("opens on «Шаблон» with one primary action when the workbook has none of the sheets", async () => {
    await page.getByRole("tab", { name: "Шаблон", selected: true }).waitFor();
    await panel(page, "Шаблон").getByText(/В книге нет листов для мониторинга/).waitFor();
    expect(await primaries(page)).toEqual(["Вставить шаблон"]);
  });

  it("a check before the template says where to go, and no text names a command line", async () => {
    await openTab(page, "Проверка");
    const p = panel(page, "Проверка");
    await p.getByRole("button", { name: "Проверить книгу" }).click();
    await p.getByText("В книге нет листов «Организации» и «Участники». Откройте вкладку «Шаблон» и вставьте шаблон, затем вставьте данные.").first().waitFor();
    await expect(p.getByText(/^Ошибки: /).count()).resolves.toBe(0); // no «Ошибки: 0» beside the problem
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toMatch(/mentor-monitor|npx|\.xlsx\s+-|командн/i);
  });
});

describe("settings", () => {
  it("takes the period as a year and a quarter, and the as-of date follows the period's end", async () => {
    await openTab(page, "Шаблон");
    const p = panel(page, "Шаблон");
    await expect(p.getByRole("textbox", { name: /Отчётный период/ }).count()).resolves.toBe(0);
    await expect(p.locator("#settings-year").inputValue()).resolves.toBe("2021");
    await expect(p.locator("#settings-quarter").inputValue()).resolves.toBe("2");
    const asOf = p.getByLabel("Дата отчёта");
    await expect(asOf.inputValue()).resolves.toBe("2021-06-30");
    await p.getByText("По умолчанию — конец периода: 30.06.2021").waitFor();
    await p.locator("#settings-quarter").selectOption("1");
    await expect(asOf.inputValue()).resolves.toBe("2021-03-31");
    await p.locator("#settings-quarter").selectOption("2");
    await expect(asOf.inputValue()).resolves.toBe("2021-06-30");
  });

  it("inserting the template changes no setting: the period stays 2021-Q2, in the pane and in the sheet", async () => {
    const p = panel(page, "Шаблон");
    await p.getByRole("button", { name: "Вставить шаблон" }).click();
    await p.getByText(/Созданы листы/).waitFor();
    await expect(p.locator("#settings-year").inputValue()).resolves.toBe("2021");
    await expect(p.locator("#settings-quarter").inputValue()).resolves.toBe("2");
    await expect(p.getByLabel("Дата отчёта").inputValue()).resolves.toBe("2021-06-30");
    expect(await page.evaluate(() => window.__MM_TEST__!.cellValue("Настройки", "B4"))).toBe("2021-Q2");
    // The template is in: its button is no longer the one thing to do.
    await expect(p.getByRole("button", { name: "Восстановить шаблон" }).count()).resolves.toBe(1);
  });

  it("one period for the whole pane: chosen on «Охват», shown on «Шаблон» and «Свод»", async () => {
    await openTab(page, "Охват");
    await panel(page, "Охват").locator("#coverage-quarter").selectOption("1");
    await openTab(page, "Свод");
    await expect(panel(page, "Свод").locator("#report-quarter").inputValue()).resolves.toBe("1");
    await panel(page, "Свод").getByText("Дата отчёта: 31.03.2021").waitFor();
    await openTab(page, "Шаблон");
    await expect(panel(page, "Шаблон").locator("#settings-quarter").inputValue()).resolves.toBe("1");
    // A date the user sets is theirs: changing the period no longer moves it.
    await panel(page, "Шаблон").getByLabel("Дата отчёта").fill("2021-04-05");
    await panel(page, "Шаблон").locator("#settings-quarter").selectOption("2");
    await expect(panel(page, "Шаблон").getByLabel("Дата отчёта").inputValue()).resolves.toBe("2021-04-05");
    await panel(page, "Шаблон").getByRole("button", { name: "Как конец периода" }).click();
    await expect(panel(page, "Шаблон").getByLabel("Дата отчёта").inputValue()).resolves.toBe("2021-06-30");
    expect(pane.errors).toEqual([]);
  });
});
