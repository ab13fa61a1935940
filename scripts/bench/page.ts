// The standalone page in Debian's Chromium (issue 16): the built production page (dist-web/) opened from
// the disk (file://), a generated district workbook chosen in it as a user would, then, measured inside
// the page:
//   - open: from the file chosen to the page saying it is open (the read, the first analysis);
//   - check, coverage, the Свод and the highlights: from the click to the result on screen;
//   - the longest main-thread task of each (PerformanceObserver `longtask`: tasks over 50 ms), against
//     the goal that the page never freezes for more than 100 ms.
// Workbooks from scripts/bench/workbook.ts (cached in the temp directory, as `npm run bench` makes them).
//   node dist/scripts/bench/page.js [--rows 10000,100000] [--dir /tmp/…]   (prints JSON)
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Browser, Page } from "playwright-core";
import { launch } from "../../test/browser/chromium";
import { openTab } from "../../test/browser/tabs";
import { stale } from "../../test/browser/stale";
import { benchFile } from "./workbook";

// The page's globals, for the functions that run in the page (this file is built without the DOM types).
declare const window: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const performance: { now(): number };
declare const PerformanceObserver: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One action: wall time from the user's gesture to the result on screen, and its longest main-thread task. */
export interface Timed {
  readonly ms: number;
  readonly longestTaskMs: number;
}

export interface PageRun {
  readonly rows: number;
  readonly fileBytes: number;
  readonly issues: number;
  readonly open: Timed;
  readonly check: Timed;
  readonly coverage: Timed;
  readonly report: Timed;
  readonly highlight: Timed;
  /** What ran the engine: "worker" or "in-thread" (the page's own words for it). */
  readonly engine: string;
  /** Progress texts seen while opening: the first, one from the roster's read, the last (the stage and counts the user read). */
  readonly progress: readonly string[];
}

export interface PageResult {
  readonly runs: readonly PageRun[];
  /** A deliberate 120 ms task as the long-task observer reported it: proof that it sees tasks at all. */
  readonly calibrationMs: number;
}

const ROOT = join(__dirname, "..", "..", "..");
const WEB = join(ROOT, "dist-web");
const WEBPACK = join(ROOT, "node_modules", ".bin", "webpack");

/** The production page, built when missing or older than the sources. */
function ensureBuilt(): void {
  if (stale(join(WEB, "index.html"), join(ROOT, "src"), join(ROOT, "webpack.web.js"))) {
    console.error("Сборка страницы (npm run build:web)…");
    execFileSync(WEBPACK, ["--config", "webpack.web.js", "--mode", "production"], { cwd: ROOT, stdio: "pipe" });
  }
}

/** Long tasks from the page's first script on, and the texts of the opening's progress. */
function instrument(): void {
  const w = window;
  w.__bench = { tasks: [] as number[], progress: [] as string[] };
  new PerformanceObserver((list: { getEntries(): { duration: number }[] }) => {
    for (const e of list.getEntries()) w.__bench.tasks.push(e.duration);
  }).observe({ type: "longtask", buffered: true });
}

const visiblePanel = '[role="tabpanel"]:not([hidden])';

/** Runs `act`, waits for `done` in the page, and returns the time between and the longest task meanwhile. */
async function timed(page: Page, act: () => Promise<void>, done: () => Promise<unknown>): Promise<Timed> {
  await page.evaluate(() => new Promise<void>((r) => setTimeout(r, 300))); // tasks before the gesture end first
  await page.evaluate(() => {
    window.__bench.tasks = [];
    window.__bench.t0 = performance.now();
  });
  await act();
  await done();
  const end = await page.evaluate(() => performance.now());
  // A task still running is reported when it ends.
  await page.evaluate(() => new Promise<void>((r) => setTimeout(r, 300)));
  const b = await page.evaluate(() => window.__bench as { tasks: number[]; t0: number });
  return { ms: end - b.t0, longestTaskMs: Math.max(0, ...b.tasks) };
}

const click = (page: Page, name: string) => () => page.locator(visiblePanel).getByRole("button", { name, exact: true }).click();
const LONG = { timeout: 600_000 };

async function runOne(browser: Browser, path: string, rows: number, fileBytes: number): Promise<PageRun> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "ru-RU", timezoneId: "UTC", acceptDownloads: true });
  await page.addInitScript(instrument);
  try {
    await page.goto(`file://${join(WEB, "index.html")}`);
    await page.getByTestId("book-open").waitFor();
    // The progress texts the user reads while the book opens, sampled by the page's own frames.
    await page.evaluate(() => {
      const seen = window.__bench.progress as string[];
      const look = () => {
        const t = document.querySelector('[data-testid="book-progress"]')?.textContent ?? "";
        if (t && seen[seen.length - 1] !== t) seen.push(t);
        if (!document.querySelector('[data-testid="book-name"]')) setTimeout(look, 50);
      };
      look();
    });
    const open = await timed(
      page,
      () => page.getByTestId("book-input").setInputFiles(path),
      () => page.getByRole("tab", { name: "Проверка" }).waitFor(LONG).then(() => page.getByTestId("book-name").waitFor(LONG)),
    );
    const progress = (await page.evaluate(() => window.__bench.progress as string[])).filter(Boolean);
    await openTab(page, "Проверка");
    const check = await timed(page, click(page, "Проверить книгу"), () => page.locator(`${visiblePanel} [data-outcome] .fui-MessageBar`).waitFor(LONG));
    const issues = await page.evaluate(() => Number((document.querySelector("#check-after-list")?.textContent ?? "").replace(/\D/g, "")));
    const highlight = await timed(page, click(page, "Подсветить"), () => page.getByTestId("download-highlight").waitFor(LONG));
    await openTab(page, "Охват");
    const coverage = await timed(page, click(page, "Рассчитать охват"), () => page.locator(`${visiblePanel} [data-coverage-row]`).first().waitFor(LONG));
    await openTab(page, "Свод");
    const report = await timed(page, click(page, "Сформировать свод"), () => page.getByTestId("download-report").waitFor(LONG));
    const engine = (await page.getByTestId("engine-kind").getAttribute("data-engine").catch(() => null)) ?? (page.workers().length > 0 ? "worker" : "in-thread");
    // The first text, one from the middle of the roster's read (when the page showed one), the last.
    const partly = (t: string) => {
      const m = /: ([\d\u00a0 ]+) из ([\d\u00a0 ]+) /.exec(t);
      return !!m && m[1] !== m[2];
    };
    const roster = progress.filter((t) => /«Участники»/.test(t) && partly(t));
    const middle = roster[Math.floor(roster.length / 2)];
    const shown = [progress[0], middle, progress[progress.length - 1]].filter((t, i, a): t is string => !!t && a.indexOf(t) === i);
    return { rows, fileBytes, issues, open, check, coverage, report, highlight, engine, progress: shown };
  } finally {
    await page.close();
  }
}

export async function measurePage(sizes: readonly number[], dir: string): Promise<PageResult> {
  ensureBuilt();
  const browser = await launch();
  try {
    // The observer sees a deliberate 120 ms task.
    const cal = await browser.newPage();
    await cal.addInitScript(instrument);
    await cal.goto(`file://${join(WEB, "index.html")}`);
    await cal.evaluate(() => new Promise<void>((r) => setTimeout(() => (window.__bench.tasks = [], r()), 300)));
    await cal.evaluate(() => new Promise<void>((r) => setTimeout(() => {
      const t = performance.now();
      while (performance.now() - t < 120);
      setTimeout(r, 200);
    }, 0)));
    const calibrationMs = Math.max(0, ...(await cal.evaluate(() => window.__bench.tasks as number[])));
    await cal.close();
    const runs: PageRun[] = [];
    for (const rows of sizes) {
      const f = await benchFile(dir, rows);
      console.error(`Страница: ${rows} строк, ${f.path}`);
      runs.push(await runOne(browser, f.path, rows, f.bytes));
    }
    return { runs, calibrationMs };
  } finally {
    await browser.close();
  }
}

const int = (n: number) => Math.round(n).toLocaleString("ru-RU").replace(/\u00a0/g, " ");
const verdict = (ok: boolean) => (ok ? "**met**" : "**not met**");
/** The observer reports tasks over 50 ms only: none is «< 50». */
const task = (ms: number) => (ms > 0 ? `${int(ms)} ms` : "< 50 ms");
const cell = (t: Timed) => `${int(t.ms)} ms (${task(t.longestTaskMs)})`;
const longest = (r: PageRun) => Math.max(r.open.longestTaskMs, r.check.longestTaskMs, r.coverage.longestTaskMs, r.report.longestTaskMs, r.highlight.longestTaskMs);

export function pageTable(p: PageResult): string {
  return [
    "Each cell: from the user's gesture to the result on screen (the longest main-thread task meanwhile).",
    "",
    "| roster rows | file | issues | engine | open | check | coverage | Свод | highlights |",
    "|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ...p.runs.map((r) => `| ${int(r.rows)} | ${(r.fileBytes / 1048576).toFixed(1)} MB | ${int(r.issues)} | ${r.engine} | ${cell(r.open)} | ${cell(r.check)} | ${cell(r.coverage)} | ${cell(r.report)} | ${cell(r.highlight)} |`),
    "",
    ...p.runs.map((r) => `Opening ${int(r.rows)} rows, the progress read: ${r.progress.length > 0 ? r.progress.map((t) => `«${t}»`).join(" … ") : "none shown"}.`),
    "",
    `The long-task observer saw a deliberate 120 ms task as ${int(p.calibrationMs)} ms.`,
  ].join("\n");
}

export function pageGoals(p: PageResult): string {
  return p.runs
    .map((r) => `- page, ${int(r.rows)} rows: longest main-thread task while opening, checking, computing coverage, making the Свод and the highlights ${task(longest(r))} — goal ≤ 100 ms: ${verdict(longest(r) <= 100)}`)
    .join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: "string" }, dir: { type: "string" } } });
  const sizes = (values.rows ?? "10000,100000").split(",").map(Number);
  const r = await measurePage(sizes, values.dir ?? join(tmpdir(), "mentor-monitor-bench"));
  process.stdout.write(JSON.stringify(r));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exitCode = 1;
  });
}
