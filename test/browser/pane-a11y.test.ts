// Accessibility of the built pane at 320 px: axe-core (served from the pane's own origin) finds nothing
// on any tab in any state; tabs are tied to their panels and fit one row; focus returns to the control
// that started an action; outcomes are announced by a live region; a skip link jumps past the issue
// list; the list is one tab stop with arrow keys; status colours are told apart by more than hue.
import type { Page } from "playwright-core";
import { ORGANIZATIONS } from "../../scripts/example/boksitogorsk";
import { makeRoster } from "../../scripts/example/roster";
import { contrast } from "../../src/taskpane/palette";
import { EXAMPLE, type PaneSession, axe, openTab, panel, pasteDistrict, startPane } from "./pane-kit";

let pane: PaneSession;
let page: Page;

beforeAll(async () => {
  pane = await startPane();
  page = await pane.open();
  await page.getByRole("tab", { name: "Шаблон", selected: true }).waitFor();
}, 600_000);

afterAll(async () => {
  await pane?.close();
});

const clean = async (state: string) => expect({ state, violations: await axe(page, pane.url) }).toEqual({ state, violations: [] });

/** rgb(…) → #RRGGBB */
const hex = (rgb: string) => `#${(rgb.match(/\d+/g) ?? []).slice(0, 3).map((v) => Number(v).toString(16).padStart(2, "0")).join("")}`.toUpperCase();

describe("the pane with axe-core", () => {
  it("is clean on first run, on the template tab", async () => {
    await clean("first run");
  });

  it("fits its tabs in one row at 320 px; what does not fit is under «Ещё», and every tab is tied to its panel", async () => {
    const rows = await page.locator('[role="tablist"] [role="tab"]').evaluateAll((tabs) =>
      tabs.filter((t) => (t as HTMLElement).offsetParent !== null).map((t) => Math.round(t.getBoundingClientRect().top)),
    );
    expect(new Set(rows).size).toBe(1);
    const list = await page.locator('[role="tablist"]').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right }));
    expect(list.right).toBeLessThanOrEqual(320);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    for (const id of ["template", "check", "coverage", "roadmap", "report", "import"]) {
      const tab = page.locator(`#tab-${id}`);
      await expect(tab.getAttribute("aria-controls")).resolves.toBe(`panel-${id}`);
      const panelEl = page.locator(`#panel-${id}`);
      await expect(panelEl.getAttribute("role")).resolves.toBe("tabpanel");
      const label = await panelEl.getAttribute("aria-labelledby");
      expect(await page.locator(`#${label}`).evaluate((el, t) => el.closest('[role="tab"]')?.id === t, `tab-${id}`)).toBe(true);
    }
    await page.getByRole("tab", { name: /^Ещё/ }).click();
    await page.getByRole("menu").waitFor();
    await clean("«Ещё» menu open");
    await page.keyboard.press("Escape");
  });

  it("returns focus to the button that inserted the template, and announces the outcome", async () => {
    const p = panel(page, "Шаблон");
    const button = p.getByRole("button", { name: "Вставить шаблон" });
    await button.focus();
    // The same element, whatever it says next: once the template is in, it offers «Восстановить шаблон».
    await button.evaluate((el) => el.setAttribute("data-pressed-here", ""));
    await page.keyboard.press("Enter");
    await p.getByText(/Созданы листы/).waitFor();
    await page.waitForFunction(() => document.activeElement?.hasAttribute("data-pressed-here") === true);
    await expect(page.locator("[data-announcer]").textContent()).resolves.toMatch(/^Созданы листы: Организации/);
    await clean("template inserted");
  });

  it("is clean on the check tab with ~a dozen issues, filtered, and after highlighting; focus stays on the action", async () => {
    await pasteDistrict(page, EXAMPLE.orgs, makeRoster(ORGANIZATIONS), EXAMPLE.total);
    await openTab(page, "Проверка");
    const p = panel(page, "Проверка");
    await clean("check tab before a check");
    const check = p.getByRole("button", { name: "Проверить книгу" });
    await check.focus();
    await page.keyboard.press("Enter");
    await p.getByText(/^Проверка завершена/).waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === "Проверить книгу");
    await expect(page.locator("[data-announcer]").textContent()).resolves.toBe("Проверка завершена: 6 ошибок, 7 предупреждений.");
    await p.locator("[data-issue-list] [data-line]").first().waitFor();
    await clean("check results");
    await p.getByLabel("Вид", { exact: true }).selectOption("error");
    await clean("check results, errors only");
    await p.getByLabel("Вид", { exact: true }).selectOption("all");
    const highlight = p.getByRole("button", { name: "Подсветить", exact: true });
    await highlight.click();
    await p.getByText(/Подсвечено ячеек: 13/).waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === "Подсветить");
    await clean("after highlighting");
    await p.getByRole("button", { name: "Убрать подсветку" }).click();
    await p.getByText(/Подсветка убрана/).waitFor();
  });

  it("makes the issue list one tab stop with ↑/↓, and a skip link jumps past it", async () => {
    const p = panel(page, "Проверка");
    const tabStops = await page.locator("[data-issue-list]").evaluate((el) => [...el.querySelectorAll<HTMLElement>("button, a, [tabindex]")].filter((e) => e.tabIndex >= 0).length + (el.tabIndex >= 0 ? 1 : 0));
    expect(tabStops).toBeLessThanOrEqual(2); // the current line's first cell (and its fix button, when it has one)
    const first = page.locator("[data-issue-list] [data-go]").first();
    await first.focus();
    const before = await first.getAttribute("aria-label");
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction((b) => document.activeElement?.getAttribute("aria-label") !== b && document.activeElement?.hasAttribute("data-go"), before);
    await p.getByText(/^2 из 13$/).waitFor();
    await page.keyboard.press("Home");
    await p.getByText(/^1 из 13$/).waitFor();
    const skip = p.getByRole("link", { name: "Пропустить список замечаний" });
    await skip.focus();
    await expect(skip.evaluate((el) => el.getBoundingClientRect().width > 10)).resolves.toBe(true); // shown when focused
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "check-after-list");
  });

  it("is clean on coverage, with status colours at least 3:1 apart and text on them at AA", async () => {
    await openTab(page, "Охват");
    const p = panel(page, "Охват");
    await clean("coverage before a run");
    await p.getByRole("button", { name: "Рассчитать охват" }).click();
    await p.getByText("Итого по муниципалитету").waitFor();
    await clean("coverage results");
    const badges = await p.locator("[data-status]").evaluateAll((els) =>
      els.map((e) => ({ status: e.getAttribute("data-status")!, bg: getComputedStyle(e).backgroundColor, fg: getComputedStyle(e).color })),
    );
    const colours = new Map(badges.map((b) => [b.status, { bg: hex(b.bg), fg: hex(b.fg) }]));
    expect([...colours.keys()].sort()).toEqual(["в графике", "выполнен", "отстаёт"]);
    const filled = [...colours.values()];
    for (let i = 0; i < filled.length; i++) {
      expect(contrast(filled[i].bg, filled[i].fg)).toBeGreaterThanOrEqual(4.5);
      for (let j = i + 1; j < filled.length; j++) expect(contrast(filled[i].bg, filled[j].bg)).toBeGreaterThanOrEqual(3);
    }
  });

  it("is clean on the roadmap, the report and the import tabs, before and after their actions", async () => {
    await openTab(page, "Сроки");
    await clean("roadmap before");
    await panel(page, "Сроки").getByRole("button", { name: "Проверить сроки" }).click();
    await panel(page, "Сроки").getByText(/^Сроки проверены/).waitFor();
    await clean("roadmap results");
    await openTab(page, "Свод");
    await clean("report before");
    await panel(page, "Свод").getByRole("button", { name: "Сформировать свод" }).click();
    await panel(page, "Свод").getByText(/сформирован и открыт/).waitFor();
    await clean("report made");
    await openTab(page, "Импорт");
    await clean("import before");
  });

  it("shows an error at the top of the tab, in words, and announces it", async () => {
    await page.evaluate(() => {
      // A workbook whose roster sheet has lost its header row.
      const host = window.__MM_TEST__!.host;
      for (const c of "ABCDEFGHIJK") host.sheet("Участники").setValue(`${c}1`, "");
    });
    await openTab(page, "Охват");
    const p = panel(page, "Охват");
    await p.getByRole("button", { name: "Рассчитать охват" }).click();
    await p.locator("[data-outcome]").getByText(/Лист «Участники»: в первых 10 строках не найдена строка заголовков/).waitFor();
    await expect(page.locator("[data-announcer]").textContent()).resolves.toMatch(/Участники/);
    await clean("coverage error");
  });
});
