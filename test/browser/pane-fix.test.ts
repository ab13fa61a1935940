// Acting on the issues in the built pane: a finished check of unchanged data says so; «Исправить на «…»»
// writes a shown suggestion into its cell as text, on the user's click only; «Замечания для школ» makes
// the sheet to send back.
import type { Page } from "playwright-core";
import { ORGANIZATIONS } from "../../scripts/example/boksitogorsk";
import { makeRoster } from "../../scripts/example/roster";
import { EXAMPLE, type PaneSession, clickForOutcome, openTab, panel, pasteDistrict, shot, startPane } from "./pane-kit";

let pane: PaneSession;
let page: Page;

beforeAll(async () => {
  pane = await startPane();
  page = await pane.open();
  await page.getByRole("tab", { name: "Шаблон", selected: true }).waitFor();
  await panel(page, "Шаблон").getByRole("button", { name: "Вставить шаблон" }).click();
  await panel(page, "Шаблон").getByText(/Созданы листы/).waitFor();
  await pasteDistrict(page, EXAMPLE.orgs, makeRoster(ORGANIZATIONS), EXAMPLE.total);
  await openTab(page, "Проверка");
}, 600_000);

afterAll(async () => {
  await pane?.close();
});

describe("acting on the issues", () => {
  it("a second check of unchanged data says the data has not changed", async () => {
    const p = panel(page, "Проверка");
    await p.getByRole("button", { name: "Проверить книгу" }).click();
    await p.getByText(/^Проверка завершена: 6 ошибок/).waitFor();
    await clickForOutcome(page, "Проверить книгу");
    await expect(p.locator("[data-outcome]").textContent()).resolves.toMatch(/^Данные не изменились с проверки в 09:00 — замечания те же\./);
  });

  it("«Исправить на «Обучающийся»» writes the suggestion as text into its cell, and the line says so", async () => {
    const p = panel(page, "Проверка");
    await p.getByLabel("Замечание", { exact: true }).selectOption("unknown-value");
    const line = p.locator("[data-issue-list] [data-line]").first();
    const cell = /ячейке (\S+) /.exec((await line.locator("[data-go]").getAttribute("aria-label"))!)![1];
    expect(await page.evaluate((c) => window.__MM_TEST__!.cellValue("Участники", c), cell)).toBe("Обучающиеся");
    await line.getByRole("button", { name: "Исправить на «Обучающийся»" }).click();
    await p.locator("[data-outcome]").getByText(`В ячейку ${cell} записано «Обучающийся» (было «Обучающиеся»).`).waitFor();
    await line.getByText("исправлено: «Обучающийся»").waitFor();
    const after = await page.evaluate((c) => window.__MM_TEST__!.host.sheet("Участники").cell(c), cell);
    expect(after).toMatchObject({ value: "Обучающийся", numberFormat: "@" });
    // The button is gone: focus went to the line's cell, not to the page.
    await page.waitForFunction(() => document.activeElement?.hasAttribute("data-go") ?? false);
    await p.getByLabel("Замечание", { exact: true }).selectOption("");
  });

  it("«Замечания для школ» makes the sheet of remarks to send back", async () => {
    const p = panel(page, "Проверка");
    await p.getByRole("button", { name: "Замечания для школ" }).click();
    await p.locator("[data-outcome]").getByText(/^Лист «Замечания для школ» создан: 11 замечаний по \d+ организаци/).waitFor();
    expect(await page.evaluate(() => window.__MM_TEST__!.activeSheet())).toBe("Замечания для школ");
    expect(await page.evaluate(() => window.__MM_TEST__!.cellValue("Замечания для школ", "A3"))).toBe("Код ОО");
    await shot(page, "check-fix");
    expect(pane.errors).toEqual([]);
    expect(pane.csp).toEqual([]);
  });
});
