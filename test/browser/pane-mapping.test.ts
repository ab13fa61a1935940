// The column mapping in the built pane at 320 px (issue 14 point 5): a roster pasted with headers the
// product cannot place («ФИО ребёнка», «ОУ») is checked; «Сопоставить столбцы» opens the mapping (which
// column was taken for what, a drop-down for each of the others); the user picks the fields and saves;
// the workbook is checked again without the missing columns, and «Настройки» holds the rows. axe-clean,
// with a drop-down open too, and nothing wider than the pane.
import type { Page } from "playwright-core";
import { ORGANIZATIONS } from "../../scripts/example/boksitogorsk";
import { makeRoster } from "../../scripts/example/roster";
import { ISSUE_NAMES } from "../../src/core/model/issue-names";
import { EXAMPLE, type PaneSession, TEMPLATE_HEADERS, atOutcome, axe, clickForOutcome, openTab, panel, paste, pasteDistrict, shot, startPane } from "./pane-kit";

let pane: PaneSession;
let page: Page;
const MISSING = ISSUE_NAMES["missing-column"];

beforeAll(async () => {
  pane = await startPane();
  page = await pane.open();
  await panel(page, "Шаблон").getByRole("button", { name: "Вставить шаблон" }).click();
  await panel(page, "Шаблон").getByText(/Созданы листы/).waitFor();
  await pasteDistrict(page, EXAMPLE.orgs, makeRoster(ORGANIZATIONS), EXAMPLE.total);
  // The school's own words over the template's headers.
  const headers = TEMPLATE_HEADERS["Участники"].map((h) => (h === "ФИО" ? "ФИО ребёнка" : h === "Код организации" ? "ОУ" : h));
  await paste(page, "Участники", 1, [headers]);
}, 600_000);

afterAll(async () => {
  await pane?.close();
});

const clean = async (state: string) => expect({ state, violations: await axe(page, pane.url) }).toEqual({ state, violations: [] });
const kinds = (p: ReturnType<typeof panel>) => p.getByLabel("Замечание", { exact: true }).locator("option").allTextContents();
/** The «Столбец: …» rows of «Настройки», as the host holds them. */
const mappingRows = (p: Page) =>
  p.evaluate(() => {
    const out: [unknown, unknown][] = [];
    for (let r = 1; r <= 60; r++) {
      const a = window.__MM_TEST__!.cellValue("Настройки", `A${r}`);
      if (typeof a === "string" && a.startsWith("Столбец:")) out.push([a, window.__MM_TEST__!.cellValue("Настройки", `B${r}`)]);
    }
    return out;
  });

describe("column mapping", () => {
  it("a check of the roster offers «Сопоставить столбцы» beside the missing columns", async () => {
    await openTab(page, "Проверка");
    await clickForOutcome(page, "Проверить книгу");
    const p = panel(page, "Проверка");
    // The check's own outcome, not any message bar that appeared meanwhile (a loaded machine is slow).
    await p.getByText(/^Проверка завершена/).first().waitFor({ timeout: 60_000 });
    const found = await kinds(p);
    const header = await page.evaluate(() => ["A1", "B1", "C1", "D1"].map((c) => window.__MM_TEST__!.cellValue("Участники", c)));
    expect({ missing: found.some((k) => k.startsWith(MISSING)), found, header }).toEqual(expect.objectContaining({ missing: true }));
    // The outcome came on screen together with the result it speaks of: when «Проверка завершена» first
    // showed, the filters already listed the missing columns (they used to follow a render later — seconds
    // later on a loaded machine —, which is what failed this test in full runs: its kinds were read as []).
    const shown = await atOutcome(page);
    expect(shown.outcome).toMatch(/^Проверка завершена/);
    expect(shown.options.filter((k) => k.startsWith(MISSING))).toHaveLength(1);
    await p.getByText("Часть столбцов не распознана по заголовкам.", { exact: false }).waitFor();
    await p.getByRole("button", { name: "Сопоставить столбцы" }).click();
    await p.getByRole("heading", { name: "Сопоставление столбцов" }).waitFor();
    // The button is gone: focus is on the mapping's heading, not lost to the page.
    await page.waitForFunction(() => document.activeElement?.id === "mm-map-title");
  });

  it("shows which column it took for what, and a labelled drop-down for each of the others; axe-clean at 320 px", async () => {
    const p = panel(page, "Проверка");
    const section = p.locator('[data-mapping-sheet="Участники"]');
    await section.getByRole("heading", { name: "Лист «Участники», заголовки в строке 1" }).waitFor();
    const placed = section.getByRole("row", { name: /^Роль \(D1\)/ });
    await expect(placed.getByRole("cell").textContent()).resolves.toBe("Роль");
    for (const [h, cell] of [["ФИО ребёнка", "A1"], ["ОУ", "C1"]]) await section.getByRole("combobox", { name: `Поле для столбца «${h}» (${cell})` }).waitFor();
    await section.getByText("Не найдены обязательные поля: «ФИО», «Код организации».").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const box = await section.getByRole("combobox", { name: /«ОУ»/ }).boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    await clean("mapping shown");
  });

  it("picks fields in the drop-downs; a field taken by one column is not offered for another", async () => {
    const section = panel(page, "Проверка").locator('[data-mapping-sheet="Участники"]');
    await section.getByRole("combobox", { name: /«ФИО ребёнка»/ }).click();
    await page.getByRole("listbox").waitFor();
    await clean("drop-down open");
    await page.getByRole("option", { name: "ФИО — обязательное" }).click();
    await expect(section.getByRole("combobox", { name: /«ФИО ребёнка»/ }).textContent()).resolves.toContain("ФИО");
    await section.getByRole("combobox", { name: /«ОУ»/ }).click();
    await expect(page.getByRole("option", { name: "ФИО — обязательное" }).getAttribute("aria-disabled")).resolves.toBe("true");
    await page.getByRole("option", { name: "Организация (код или название) — обязательное" }).click();
    await expect(section.getByRole("combobox", { name: /«ОУ»/ }).textContent()).resolves.toContain("Организация (код или название)");
  });

  it("saves into «Настройки», checks again: the missing columns are gone, the roster is read", async () => {
    const p = panel(page, "Проверка");
    await p.getByRole("button", { name: "Сохранить сопоставление" }).click();
    await p.getByText(/Сопоставление сохранено на листе «Настройки»: 2 столбца листа «Участники»\. Книга проверена снова\./).waitFor({ timeout: 60_000 });
    expect(await mappingRows(page)).toEqual([
      ["Столбец: Участники / ФИО ребёнка", "ФИО"],
      ["Столбец: Участники / ОУ", "Организация (код или название)"],
    ]);
    // The other settings are where they were.
    expect(await page.evaluate(() => window.__MM_TEST__!.cellValue("Настройки", "B4"))).toBe("2021-Q2");
    // The check ran again: its kinds of issue no longer include a missing column, and the planted mistakes are listed.
    await p.getByText(/^Проверка завершена/).first().waitFor();
    const after = await kinds(p);
    expect(after.some((k) => k.startsWith(MISSING))).toBe(false);
    expect(after.length).toBeGreaterThan(2);
    // The mapping now shows the columns as placed by «Настройки», and nothing left to pick.
    const section = p.locator('[data-mapping-sheet="Участники"]');
    await expect(section.getByRole("row", { name: /^ФИО ребёнка \(A1\)/ }).getByRole("cell").textContent()).resolves.toBe("ФИО · по «Настройкам»");
    await expect(section.getByRole("combobox").count()).resolves.toBe(0);
    await clean("mapping saved");
    await shot(page, "mapping");
    expect(pane.errors).toEqual([]);
  });

  it("coverage counts the roster read through the mapping", async () => {
    await openTab(page, "Охват");
    await clickForOutcome(page, "Рассчитать охват");
    const total = panel(page, "Охват").locator("[data-coverage-row]").filter({ hasText: "Итого по муниципалитету" });
    const text = (await total.textContent()) ?? "";
    const covered = Number(/Охвачено: ([\d\u00a0 ]+) из/.exec(text)?.[1].replace(/\D/g, "") ?? "0");
    expect(covered).toBeGreaterThan(100);
  });
});
