// The live re-check in the built pane at 320 px (issue 15): after a check and a coverage run, the user
// pastes two roster rows, one with an organization code the district does not have. Without a click on
// «Проверить книгу» the new issue appears in the list and the outcome says where the pane looked; the
// coverage computed before the paste is marked «устарело». The pane's own writes (highlights) change
// nothing of that.
import type { Page } from "playwright-core";
import { ORGANIZATIONS } from "../../scripts/example/boksitogorsk";
import { PALETTE } from "../../src/core/report/layout";
import { makeRoster } from "../../scripts/example/roster";
import { EXAMPLE, type PaneSession, openTab, panel, pasteDistrict, shot, startPane } from "./pane-kit";

let pane: PaneSession;
let page: Page;

/**
 * Lets a test hold the engine's next «check» task (window.__holdCheck = true) until it calls
 * window.__releaseCheck(): the check has read the workbook, its result is not in yet.
 */
const HOLD_CHECK = `(() => {
  const Native = window.Worker;
  if (!Native) return;
  window.Worker = class extends Native {
    postMessage(m, ...rest) {
      if (m && m.type === "run" && m.task === "check" && window.__holdCheck) {
        window.__holdCheck = false;
        window.__checkHeld = true;
        new Promise((r) => (window.__releaseCheck = r)).then(() => super.postMessage(m, ...rest));
        return;
      }
      super.postMessage(m, ...rest);
    }
  };
})();`;

beforeAll(async () => {
  pane = await startPane();
  page = await pane.open({ width: 320, before: HOLD_CHECK });
  await page.getByRole("tab", { name: "Шаблон", selected: true }).waitFor();
  await panel(page, "Шаблон").getByRole("button", { name: "Вставить шаблон" }).click();
  await panel(page, "Шаблон").getByText(/Созданы листы/).waitFor();
  await pasteDistrict(page, EXAMPLE.orgs, makeRoster(ORGANIZATIONS), EXAMPLE.total);
}, 600_000);

afterAll(async () => {
  await pane?.close();
});

/** The first empty row under the roster (1-based). */
const nextRosterRow = () =>
  page.evaluate(() => {
    const used = window.__MM_TEST__!.host.sheet("Участники").usedAddress()!;
    return Number(/(\d+)$/.exec(used)![1]) + 1;
  });

describe("live re-check", () => {
  it("a pasted row with a mistake shows up in the list without a click, and the coverage is marked «устарело»", async () => {
    await openTab(page, "Проверка");
    const check = panel(page, "Проверка");
    await check.getByRole("button", { name: "Проверить книгу" }).click();
    await check.getByText(/^Проверка завершена: 6 ошибок/).waitFor();
    const before = Number((await check.locator("#check-after-list").textContent())!.match(/\d+/g)!.pop());

    await openTab(page, "Охват");
    const coverage = panel(page, "Охват");
    await coverage.getByRole("button", { name: "Рассчитать охват" }).click();
    await coverage.locator("[data-coverage-row]").first().waitFor();
    expect(await coverage.locator("[data-stale]").count()).toBe(0);

    await openTab(page, "Проверка");
    const row = await nextRosterRow();
    // A user's paste (the host raises one change event for the block, as Excel does).
    await page.evaluate((top) => {
      const d = (s: string) => new Date(`${s}T00:00:00Z`);
      window.__MM_TEST__!.host.sheet("Участники").paste(`A${top}`, [
        ["Крылова Ольга Петровна", d("1985-03-14"), "НЕТ-ТАКОЙ", "Наставник", "Педагог", "Учитель – ученик", "LIVE-1", d("2021-04-01"), null, "Да"],
        ["Лебедев Иван Андреевич", d("2010-07-02"), "НЕТ-ТАКОЙ", "Наставляемый", "Обучающийся", "Учитель – ученик", "LIVE-1", d("2021-04-01"), null, "Да"],
      ]);
    }, row);

    // No click: the outcome names the rows re-checked, the list holds the new cell.
    await check.locator("[data-outcome]").getByText(`Проверено заново после изменений («Участники», строки ${row}–${row + 1}).`, { exact: false }).waitFor({ timeout: 20_000 });
    await check.getByLabel("Организация", { exact: true }).selectOption("НЕТ-ТАКОЙ"); // the list is virtual: show that school
    await check.locator(`[data-issue-list] [data-go][aria-label*="C${row} "]`).first().waitFor();
    const after = Number((await check.locator("#check-after-list").textContent())!.match(/\d+/g)!.pop());
    expect(after).toBeGreaterThan(before);
    expect(await check.locator("[data-stale]").count()).toBe(0); // re-checked: not stale
    await shot(page, "check-live");
    await check.getByLabel("Организация", { exact: true }).selectOption("");

    await openTab(page, "Охват");
    await coverage.locator("[data-stale]").getByText("Данные изменены после расчёта — рассчитайте снова.").waitFor();
    await expect(coverage.locator("[data-stale]").textContent()).resolves.toMatch(/^Устарело\./);
    await shot(page, "coverage-stale");
  }, 120_000);

  it("the pane's own highlights raise no re-check", async () => {
    await openTab(page, "Проверка");
    const check = panel(page, "Проверка");
    await check.getByRole("button", { name: "Подсветить" }).click();
    await check.locator("[data-outcome]").getByText(/подсвечен/i).waitFor();
    await page.waitForTimeout(1200); // well past the 300 ms debounce
    await expect(check.locator("[data-outcome]").textContent()).resolves.not.toMatch(/Проверено заново/);
    expect(await check.locator("[data-stale]").count()).toBe(0);
    expect(pane.errors).toEqual([]);
    expect(pane.csp).toEqual([]);
  }, 60_000);

  it("a paste made while a check runs, after it read the sheet, is re-checked once the check lands", async () => {
    await openTab(page, "Проверка");
    const check = panel(page, "Проверка");
    type Held = { __holdCheck?: boolean; __checkHeld?: boolean; __releaseCheck?: () => void };
    await page.evaluate(() => ((window as unknown as Held).__holdCheck = true));
    await check.getByRole("button", { name: "Проверить книгу" }).click();
    // The check has read every sheet and waits for the engine.
    await page.waitForFunction(() => (window as unknown as Held).__checkHeld === true);
    const row = await nextRosterRow();
    await page.evaluate((top) => {
      const d = (s: string) => new Date(`${s}T00:00:00Z`);
      window.__MM_TEST__!.host.sheet("Участники").paste(`A${top}`, [["Гусева Анна Львовна", d("2011-02-03"), "ЕЩЁ-НЕТ", "Наставляемый", "Обучающийся", "Учитель – ученик", "LIVE-2", d("2021-04-01"), null, "Да"]]);
    }, row);
    // The pane heard of it while the check ran: the earlier result is marked «устарело».
    await check.locator("[data-stale]").waitFor();
    await page.evaluate(() => (window as unknown as Held).__releaseCheck!());
    // The check lands without the pasted row (it read before the paste); the row is re-checked by itself.
    await check.locator("[data-outcome]").getByText(`Проверено заново после изменений («Участники», строка ${row})`, { exact: false }).waitFor({ timeout: 20_000 });
    await check.getByLabel("Организация", { exact: true }).selectOption("ЕЩЁ-НЕТ");
    await check.locator(`[data-issue-list] [data-go][aria-label*="C${row} "]`).first().waitFor();
    expect(await check.locator("[data-stale]").count()).toBe(0);
    await check.getByLabel("Организация", { exact: true }).selectOption("");
    expect(pane.errors).toEqual([]);
  }, 60_000);

  it("with highlights on, a re-check colours a new issue cell and gives a fixed one its fill back, without a click", async () => {
    const check = panel(page, "Проверка");
    const fillOf = (cell: string) => page.evaluate((c) => window.__MM_TEST__!.host.sheet("Участники").cell(c).fill, cell);
    const row = await nextRosterRow();
    await page.evaluate((top) => {
      const d = (s: string) => new Date(`${s}T00:00:00Z`);
      window.__MM_TEST__!.host.sheet("Участники").paste(`A${top}`, [["Соколов Пётр Ильич", d("1980-01-20"), "НЕТ-ТАКОЙ", "Наставник", "Педагог", "Учитель – ученик", "LIVE-2", d("2021-04-01"), null, "Да"]]);
    }, row);
    await check.locator("[data-outcome]").getByText(`Проверено заново после изменений («Участники», строка ${row}).`, { exact: false }).waitFor({ timeout: 20_000 });
    await expect(check.locator("[data-outcome]").textContent()).resolves.toMatch(/Подсветка обновлена: 1 ячейка\./);
    expect(await fillOf(`C${row}`)).toEqual({ color: `#${PALETTE.tones.red.fill}`, pattern: "Solid" });

    // The code corrected: the cell's issue is gone, and so is its colour.
    await page.evaluate(([cell, code]) => window.__MM_TEST__!.host.sheet("Участники").setValue(cell, code), [`C${row}`, ORGANIZATIONS[0].code] as const);
    await page.waitForFunction((c) => window.__MM_TEST__!.host.sheet("Участники").cell(c).fill === null, `C${row}`, { timeout: 20_000 });
    await expect(check.locator("[data-outcome]").textContent()).resolves.toMatch(/Подсветка обновлена: 1 ячейка\./);
    expect(pane.errors).toEqual([]);
  }, 60_000);
});
