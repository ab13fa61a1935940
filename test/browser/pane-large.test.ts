// A real district's size in the built pane at 320 px: thirty organizations, 20 000 roster rows, about
// 1 600 issues. The analysis runs in the pane's Web Worker; no task on the page's thread passes 100 ms
// during a check, a coverage run or a click on an issue; the issue list renders a bounded number of
// nodes, keeps school headings on top, folds identical problems, filters, and steps through problems.
import type { Page } from "playwright-core";
import { type PaneSession, clickForOutcome, largeDistrict, listNodes, longTasks, openTab, panel, pasteDistrict, shot, startPane, watchLongTasks } from "./pane-kit";

const ROWS = 20_000;
const LONG_TASK_MS = 100;
const DOM_BOUND = 500;

let pane: PaneSession;
let page: Page;
const district = largeDistrict(ROWS);

beforeAll(async () => {
  pane = await startPane();
  page = await pane.open();
  await page.getByRole("tab", { name: "Шаблон", selected: true }).waitFor();
  await panel(page, "Шаблон").getByRole("button", { name: "Вставить шаблон" }).click();
  await panel(page, "Шаблон").getByText(/Созданы листы/).waitFor();
  await pasteDistrict(page, district.orgs, district.roster, district.total);
}, 600_000);

afterAll(async () => {
  await pane?.close();
});

/** Records every text the outcome area of the visible tab shows while an action runs. */
async function recordProgress(p: Page): Promise<void> {
  await p.evaluate(() => {
    const w = window as unknown as { __progress: string[]; __progressObserver?: MutationObserver };
    w.__progress = [];
    w.__progressObserver?.disconnect();
    w.__progressObserver = new MutationObserver(() => {
      const el = document.querySelector('[role="tabpanel"]:not([hidden]) [data-outcome]');
      const text = el?.textContent ?? "";
      if (text && w.__progress[w.__progress.length - 1] !== text) w.__progress.push(text);
    });
    w.__progressObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/**
 * The longest task of a run; over the bound, the run is repeated once and the second run's figure
 * counts: jest runs test files side by side on two cores, and another file's burst can stretch one task.
 * A pane that blocks the page fails both runs.
 */
async function worstOfRetried(first: number, again: () => Promise<void>): Promise<number> {
  if (first <= LONG_TASK_MS) return first;
  await watchLongTasks(page);
  await again();
  const second = Math.max(0, ...(await longTasks(page)));
  console.log(`longest task ${Math.round(first)} ms, then ${Math.round(second)} ms on the repeat`);
  return second;
}

describe(`a district of ${ROWS.toLocaleString("ru")} roster rows`, () => {
  it("checks in the engine's worker, with progress by stage and rows, and no long task on the page", async () => {
    await openTab(page, "Проверка");
    const p = panel(page, "Проверка");
    await recordProgress(page);
    await watchLongTasks(page);
    const t0 = Date.now();
    await p.getByRole("button", { name: "Проверить книгу" }).click();
    await p.getByText(/^Проверка завершена: [\d\u00a0]+ ошиб/).waitFor({ timeout: 60_000 });
    const ms = Date.now() - t0;
    const tasks = await longTasks(page);
    const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    console.log(`check of ${ROWS} rows: ${ms} ms to results; long tasks ${JSON.stringify(tasks.map(Math.round))}; progress ${JSON.stringify(progress.slice(0, 6))}`);
    expect(page.workers()).toHaveLength(1); // the engine's worker, from the pane's own origin
    expect(progress.some((s) => /Чтение листа «Участники»: [\d\u00a0]+ из 20\u00a0001 строки/.test(s))).toBe(true);
    expect(progress.some((s) => s.includes("Проверка данных…"))).toBe(true);
    expect(await worstOfRetried(Math.max(0, ...tasks), () => clickForOutcome(page, "Проверить книгу"))).toBeLessThanOrEqual(LONG_TASK_MS);
  });

  it("renders a bounded list: at most 500 nodes for about 1 600 issues, however far it scrolls", async () => {
    const p = panel(page, "Проверка");
    const total = Number((await p.locator("#check-after-list").textContent())!.replace(/\D/g, ""));
    expect(total).toBeGreaterThan(1000);
    expect(await listNodes(page)).toBeLessThanOrEqual(DOM_BOUND);
    await page.locator("[data-issue-list]").evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.waitForTimeout(200);
    expect(await listNodes(page)).toBeLessThanOrEqual(DOM_BOUND);
    await shot(page, "check-20000");
  });

  it("keeps the school's heading on top while its lines scroll", async () => {
    const list = page.locator("[data-issue-list]");
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 3));
    await page.waitForTimeout(200);
    const top = await list.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const heading = [...el.querySelectorAll('[role="heading"]')].find((h) => Math.abs(h.getBoundingClientRect().top - box.top) < 3);
      return heading?.textContent ?? null;
    });
    expect(top).toMatch(/^[А-ЯA-Z]+\d+ — .+\d+ замечан/);
  });

  it("folds identical problems of one school into one line with their cells", async () => {
    const p = panel(page, "Проверка");
    await p.getByLabel("Замечание", { exact: true }).selectOption("no-consent");
    const folded = page.locator("[data-issue-list] [data-line]").filter({ hasText: /\d+\u00a0раз/ });
    await folded.first().waitFor();
    const cells = await folded.first().getByRole("button", { name: /^Перейти к ячейке/ }).count();
    expect(cells).toBeGreaterThan(1);
    const lines = Number((await p.getByText(/^\d+ из \d+$/).textContent())!.split(" из ")[1]);
    const shown = Number((await p.locator("#check-after-list").textContent())!.split(" из ")[0].replace(/\D/g, ""));
    expect(lines).toBeLessThan(shown); // fewer lines than issues
  });

  it("filters by severity, sheet, school and kind", async () => {
    const p = panel(page, "Проверка");
    await p.getByLabel("Замечание", { exact: true }).selectOption("");
    await p.getByLabel("Вид", { exact: true }).selectOption("warning");
    await expect(page.locator("[data-issue-list]").getByText("Ошибка", { exact: true }).count()).resolves.toBe(0);
    await p.getByLabel("Вид", { exact: true }).selectOption("all");
    await p.getByLabel("Организация", { exact: true }).selectOption("СОШ3");
    const headings = await page.locator('[data-issue-list] [role="heading"]').allTextContents();
    expect(headings.length).toBeGreaterThan(0);
    expect(headings.every((h) => h.startsWith("СОШ3 — "))).toBe(true);
    await p.getByLabel("Лист", { exact: true }).selectOption("Дорожная карта");
    await expect(p.locator("#check-after-list").textContent()).resolves.toMatch(/^Показано 0 из/);
    await p.getByLabel("Лист", { exact: true }).selectOption("");
    await p.getByLabel("Организация", { exact: true }).selectOption("");
  });

  it("steps to the next and previous problem with buttons and Alt+↓/↑, selecting its cell, without a long task", async () => {
    const p = panel(page, "Проверка");
    await watchLongTasks(page);
    const next = p.getByRole("button", { name: /Следующее/ });
    await next.click();
    await p.getByText(/^2 из [\d\u00a0]+$/).waitFor();
    const second = await page.waitForFunction(() => window.__MM_TEST__!.selection()?.address ?? null);
    expect(await second.jsonValue()).toMatch(/^[A-Z]+\d+$/);
    await expect(next.evaluate((el) => el === document.activeElement)).resolves.toBe(true); // focus stays on the button
    await page.keyboard.press("Alt+ArrowDown");
    await p.getByText(/^3 из [\d\u00a0]+$/).waitFor();
    await page.keyboard.press("Alt+ArrowUp");
    await p.getByText(/^2 из [\d\u00a0]+$/).waitFor();
    await p.getByRole("button", { name: /Предыдущее/ }).click();
    await p.getByText(/^1 из [\d\u00a0]+$/).waitFor();
    // A click on a cell of a line far down the list.
    await page.locator("[data-issue-list]").evaluate((el) => (el.scrollTop = el.scrollHeight * 0.8));
    await page.waitForTimeout(200);
    const link = page.locator("[data-issue-list] [data-go]").nth(2);
    const name = (await link.getAttribute("aria-label"))!;
    const cell = /ячейке (\S+) /.exec(name)![1];
    await link.click();
    await page.waitForFunction((c) => window.__MM_TEST__!.selection()?.address === c, cell);
    const tasks = await longTasks(page);
    console.log(`next/previous and a click at ${ROWS} rows: long tasks ${JSON.stringify(tasks.map(Math.round))}`);
    expect(Math.max(0, ...tasks)).toBeLessThanOrEqual(LONG_TASK_MS);
  });

  it("runs coverage at 20 000 rows without a long task, lagging organizations first", async () => {
    await openTab(page, "Охват");
    const p = panel(page, "Охват");
    await watchLongTasks(page);
    await p.getByRole("button", { name: "Рассчитать охват" }).click();
    await p.getByText(/^Охват рассчитан: 30 организаций\./).waitFor({ timeout: 60_000 });
    const tasks = await longTasks(page);
    console.log(`coverage at ${ROWS} rows: long tasks ${JSON.stringify(tasks.map(Math.round))}`);
    expect(await worstOfRetried(Math.max(0, ...tasks), () => clickForOutcome(page, "Рассчитать охват"))).toBeLessThanOrEqual(LONG_TASK_MS);
    const statuses = await p.locator("[data-coverage-row] [data-status]").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
    // The total first, then the organizations sorted by lag: every lagging one before any other.
    const orgs = statuses.slice(1);
    const lastBehind = orgs.lastIndexOf("отстаёт");
    const firstOther = orgs.findIndex((s) => s !== "отстаёт");
    expect(lastBehind).toBeGreaterThanOrEqual(0);
    expect(firstOther === -1 || lastBehind < firstOther).toBe(true);
    await shot(page, "coverage-20000");
  });

  it("breaks no CSP rule (the worker is the pane's own) and throws nothing", () => {
    expect(pane.csp).toEqual([]);
    expect(pane.errors).toEqual([]);
    expect(pane.outside).toEqual([]);
  });
});
