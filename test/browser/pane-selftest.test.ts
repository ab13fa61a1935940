// «Проверить совместимость Excel» in the built pane at 320 px, on the Excel test host: every step of the
// self-test (each Excel API the add-in uses, tried on a temporary sheet) is listed as working, with ✓
// and words, and the workbook is left with only the user's sheets.
import type { Page } from "playwright-core";
import { type PaneSession, openTab, panel, shot, startPane } from "./pane-kit";

let pane: PaneSession;
let page: Page;

beforeAll(async () => {
  pane = await startPane();
  page = await pane.open();
}, 600_000);

afterAll(async () => {
  await pane?.close();
});

test("every API the add-in uses is listed as working, and the temporary sheets are gone", async () => {
  await openTab(page, "Шаблон");
  const p = panel(page, "Шаблон");
  await p.getByRole("button", { name: "Проверить совместимость Excel" }).click();
  const summary = p.getByTestId("selftest-summary");
  await summary.waitFor({ timeout: 60_000 });
  const steps = p.locator('[data-testid^="selftest-step-"]');
  const n = await steps.count();
  expect(n).toBeGreaterThanOrEqual(19);
  expect(await steps.evaluateAll((els) => els.filter((e) => e.getAttribute("data-ok") !== "true").map((e) => e.textContent))).toEqual([]);
  await expect(summary.textContent()).resolves.toBe(`Работает: ${n} из ${n}`);
  // The user's workbook: one empty sheet before, the same after.
  const sheets = await page.evaluate(() => {
    const run = (window as unknown as { __MENTOR_MONITOR_HOST__: { run: (f: (ctx: Excel.RequestContext) => Promise<string[]>) => Promise<string[]> } }).__MENTOR_MONITOR_HOST__.run;
    return run(async (ctx) => {
      const ws = ctx.workbook.worksheets;
      ws.load("items/name");
      await ctx.sync();
      return ws.items.map((s) => s.name);
    });
  });
  expect(sheets).toEqual(["Лист1"]);
  await shot(page, "pane-selftest");
  expect(pane.errors).toEqual([]);
  expect(pane.outside).toEqual([]);
});
