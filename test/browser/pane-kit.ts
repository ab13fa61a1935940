// What the task pane's browser tests share: the built pane (rebuilt once when a source is newer, under a
// lock, since jest runs test files in parallel), Debian's Chromium with the Excel test host in place of
// Office, pasting like a user, the example and a generated district of 20 000 roster rows, axe-core
// served from the pane's own origin, long tasks, screenshots.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { makeDistrict } from "../../scripts/bench/district";
import { makeBenchRoster } from "../../scripts/bench/roster";
import { ORGANIZATIONS, PLAN_BASIS, ROADMAP } from "../../scripts/example/boksitogorsk";
import type { SeedOrganization } from "../../scripts/example/boksitogorsk";
import type { RosterRow } from "../../scripts/example/roster";
import { INDICATORS } from "../../src/core/model/dictionaries";
import { launch } from "./chromium";
import type { PastedCell } from "./host-entry";
import { serve } from "./server";
import { stale } from "./stale";

export { openTab } from "./tabs";

export const ROOT = join(__dirname, "..", "..");
export const PANE = join(ROOT, "dist-addin");
const HOST_BUNDLE = join(ROOT, "dist-addin-test", "testhost.js");
const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
// The README's pictures are refreshed on request (UPDATE_SCREENSHOTS=1 npm test); other runs still take
// every screenshot, into test/.out, so a clean clone's test run leaves the working tree as it was.
export const SHOTS = process.env.UPDATE_SCREENSHOTS === "1" ? join(ROOT, "docs", "img") : join(ROOT, "test", ".out", "screenshots");
const webpack = join(ROOT, "node_modules", ".bin", "webpack");
const LOCK = join(ROOT, "test", ".out", "pane-build.lock");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The production bundle the add-in ships, and the test host bundled for the page. Rebuilt in CI, when
 * missing, and when any source is newer than it; one test file builds while the others wait on the lock.
 */
export async function ensureBuilt(): Promise<void> {
  mkdirSync(join(ROOT, "test", ".out"), { recursive: true });
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than ten minutes belongs to a run that died.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 600_000) rmSync(LOCK, { recursive: true, force: true });
      if (waited > 600_000) throw new Error("the pane's build lock was never released");
      await sleep(500);
    }
  }
  try {
    const old = stale(join(PANE, "taskpane.html"), join(ROOT, "src"));
    // In CI once per run: the first test file to get here builds, the rest find the marker.
    const ciMarker = join(ROOT, "test", ".out", `pane-built-${process.env.CI ? process.ppid : "local"}`);
    if (old || (process.env.CI && !existsSync(ciMarker))) {
      execFileSync(webpack, ["--mode", "production"], { cwd: ROOT, stdio: "pipe" });
      if (process.env.CI) mkdirSync(ciMarker, { recursive: true });
    }
    if (stale(HOST_BUNDLE, join(ROOT, "src", "testhost"), join(__dirname, "host-entry.ts"))) {
      execFileSync(webpack, ["--config", join(__dirname, "webpack.testhost.js")], { cwd: ROOT, stdio: "pipe" });
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** What Office's script would provide, enough for the pane: onReady, the platform and the display language. */
function officeStub(lang: string): string {
  return `window.Office = { onReady: function (cb) { var p = Promise.resolve({ host: "Excel", platform: "OfficeOnline" }); if (cb) p.then(cb); return p; }, context: { displayLanguage: ${JSON.stringify(lang)}, requirements: { isSetSupported: function () { return true; } } }, actions: { associate: function () {} } };\n${readFileSync(HOST_BUNDLE, "utf8")}`;
}

export interface PaneSession {
  readonly browser: Browser;
  readonly url: string;
  /** Requests to anything but the pane's origin and Office's script. */
  readonly outside: string[];
  /** Console messages about the Content-Security-Policy. */
  readonly csp: string[];
  /** Uncaught errors in the page or its worker. */
  readonly errors: string[];
  open(opts?: { lang?: string; width?: number; height?: number; before?: string }): Promise<Page>;
  close(): Promise<void>;
}

export async function startPane(): Promise<PaneSession> {
  await ensureBuilt();
  const server = await serve(PANE);
  const browser = await launch();
  const outside: string[] = [];
  const csp: string[] = [];
  const errors: string[] = [];
  return {
    browser,
    url: server.url,
    outside,
    csp,
    errors,
    async open({ lang = "ru-RU", width = 320, height = 860, before } = {}) {
      const page = await browser.newPage({ viewport: { width, height }, locale: lang, timezoneId: "UTC" });
      page.on("console", (m) => {
        if (/Content.Security.Policy/i.test(m.text())) csp.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("worker", (w) => w.on("console", (m) => /Content.Security.Policy/i.test(m.text()) && csp.push(m.text())));
      if (before) await page.addInitScript(before);
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("https://appsforoffice.microsoft.com/")) return route.fulfill({ contentType: "text/javascript", body: officeStub(lang) });
        // axe-core served from the pane's own origin, so the page's CSP lets it in like any of its scripts.
        if (url === `${server.url}/__axe.min.js`) return route.fulfill({ contentType: "text/javascript", body: readFileSync(AXE, "utf8") });
        if (!url.startsWith(server.url)) {
          outside.push(url); // the pane must not reach anything but its own origin and Office's script
          return route.abort();
        }
        return route.continue();
      });
      await page.goto(`${server.url}/taskpane.html`);
      await page.getByRole("heading", { name: /Мониторинг наставничества|Mentorship Monitor/ }).waitFor();
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export const day = (d: unknown): PastedCell => (d instanceof Date ? { date: d.toISOString().slice(0, 10) } : (d as PastedCell) ?? null);

export function rosterRows(roster: readonly RosterRow[]): PastedCell[][] {
  return roster.map((r) => [r.fio, r.birthDate, r.orgCode, r.role, r.category, r.form, r.pair, r.start, r.end, r.consent].map(day));
}

/** Pastes like a user: values only, no validation fires (the host's paste). Large pastes go in parts. */
export async function paste(page: Page, sheet: string, top: number, rows: PastedCell[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    await page.evaluate(({ sheet, top, part }) => window.__MM_TEST__!.paste(sheet, top, 1, part), { sheet, top: top + i, part });
  }
}

export const TEMPLATE_HEADERS = {
  Организации: ["Код", "Организация", "Тип", "Контингент", "Молодых педагогов"],
  "Целевые показатели": ["Код организации", "Показатель", "Год", "План", "Единица", "Основание"],
  Участники: ["ФИО", "Дата рождения", "Код организации", "Роль", "Категория", "Форма наставничества", "Пара/группа", "Дата начала", "Дата окончания", "Согласие на обработку ПД"],
  "Дорожная карта": ["№", "Мероприятие", "Ответственный", "Срок", "Статус", "Дата выполнения"],
} as const;

/** Organizations, plans, roster and roadmap pasted below the template's headers (the template must be in). */
export async function pasteDistrict(page: Page, orgs: readonly SeedOrganization[], roster: readonly RosterRow[], total: number, withHeaders = false): Promise<void> {
  const count = INDICATORS["students-count"].name;
  const h = (s: keyof typeof TEMPLATE_HEADERS) => (withHeaders ? [[...TEMPLATE_HEADERS[s]] as PastedCell[]] : []);
  const top = withHeaders ? 1 : 2;
  await paste(page, "Организации", top, [...h("Организации"), ...orgs.map((o) => [o.code, o.name, "ОО", o.contingent, o.youngTeachers])]);
  await paste(page, "Целевые показатели", top, [...h("Целевые показатели"), ...orgs.map((o) => [o.code, count, 2021, o.plan, "чел.", PLAN_BASIS]), ["ИТОГО", count, 2021, total, "чел.", PLAN_BASIS]]);
  await paste(page, "Участники", top, [...h("Участники"), ...rosterRows(roster)]);
  await paste(page, "Дорожная карта", top, [
    ...h("Дорожная карта"),
    ...ROADMAP.map((i) => [i.id, i.title, i.responsible, i.deadline, i.progress, i.completed ? { date: i.completed.split(".").reverse().join("-") } : null]),
  ]);
}

/** The example district: six organizations of the seed order, its roster with the planted mistakes. */
export const EXAMPLE = { orgs: ORGANIZATIONS, total: ORGANIZATIONS.reduce((s, o) => s + o.plan, 0) };

/** A district of thirty organizations and `rows` roster rows with realistic mistakes (the bench's generator). */
export function largeDistrict(rows: number) {
  const orgs = makeDistrict(rows);
  return { orgs, roster: makeBenchRoster(orgs, rows), total: orgs.reduce((s, o) => s + o.plan, 0) };
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `pane-${name}.png`), fullPage: true });
}

/** Starts recording the page's long tasks (PerformanceObserver `longtask`, tasks over 50 ms). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longObserver?: PerformanceObserver };
    w.__longTasks = [];
    w.__longObserver?.disconnect();
    w.__longObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    });
    w.__longObserver.observe({ type: "longtask" });
  });
}

/** The long tasks since watchLongTasks, in ms. */
export async function longTasks(page: Page): Promise<number[]> {
  // A task still running is reported when it ends: give the observer a frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());
}

/**
 * axe-core over the whole page; returns the violations as "rule: target" lines (empty when clean).
 * One documented Fluent UI false positive is set aside, node by node: `aria-hidden-focus` on tabster's
 * focus guards (`<i data-tabster-dummy tabindex="0" aria-hidden="true">`), which exist only to pass focus
 * on and are hidden from screen readers on purpose (microsoft/tabster#288, microsoft/fluentui#25133,
 * #27517 "By Design"; Accessibility Insights suppresses them the same way, accessibility-insights-web#7605).
 * Every other node of that rule, and every other rule, still counts.
 */
export async function axe(page: Page, url: string): Promise<string[]> {
  const has = await page.evaluate(() => "axe" in window);
  if (!has) await page.addScriptTag({ url: `${url}/__axe.min.js` });
  // Let Fluent's enter animations (opacity) finish, or contrast is measured mid-fade.
  await page.waitForTimeout(350);
  const result = await page.evaluate(async () => {
    type Node = { target: string[]; html: string };
    const r = await (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: Node[] }[] }> } }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return r.violations
      .map((v) => ({ id: v.id, nodes: v.id === "aria-hidden-focus" ? v.nodes.filter((n) => !n.html.includes("data-tabster-dummy")) : v.nodes }))
      .filter((v) => v.nodes.length > 0)
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  });
  return result;
}

/** DOM elements below the issue list's scroller. */
export function listNodes(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector("[data-issue-list]")?.querySelectorAll("*").length ?? -1);
}

/** The visible tab panel. */
export function panel(page: Page, name: string) {
  return page.getByRole("tabpanel", { name, exact: true });
}

/**
 * Clicks a button of the visible panel and waits until its outcome bar shows a new outcome. The panel as
 * it was when that outcome first appeared is kept for `atOutcome` (copied in the observer's callback,
 * right after the commit that showed it, before React renders anything else).
 */
export async function clickForOutcome(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __outcomeSeen: boolean; __outcomeObserver?: MutationObserver; __outcomePanel?: Node };
    w.__outcomeSeen = false;
    w.__outcomePanel = undefined;
    w.__outcomeObserver?.disconnect();
    w.__outcomeObserver = new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes)
          if (n instanceof HTMLElement && (n.matches(".fui-MessageBar") || n.querySelector(".fui-MessageBar")) && !w.__outcomeSeen) {
            w.__outcomeSeen = true;
            w.__outcomePanel = n.closest('[role="tabpanel"]')?.cloneNode(true);
          }
    });
    w.__outcomeObserver.observe(document.body, { subtree: true, childList: true });
  });
  await page.locator('[role="tabpanel"]:not([hidden])').getByRole("button", { name, exact: true }).click();
  await page.waitForFunction(() => (window as unknown as { __outcomeSeen: boolean }).__outcomeSeen, undefined, { timeout: 60_000 });
}

/** What the panel showed when the outcome of the last `clickForOutcome` first appeared: its outcome text and every drop-down's options. */
export function atOutcome(page: Page): Promise<{ outcome: string; options: string[] }> {
  return page.evaluate(() => {
    const panel = (window as unknown as { __outcomePanel?: Element }).__outcomePanel;
    return {
      outcome: panel?.querySelector(".fui-MessageBar")?.textContent ?? "",
      options: [...(panel?.querySelectorAll("option") ?? [])].map((o) => o.textContent ?? ""),
    };
  });
}
