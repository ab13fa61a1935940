// The standalone page (issue 16) in Debian's Chromium: opened from the disk (file://) and from
// `mentor-monitor open`, on the bundled example and on a LibreOffice-saved workbook. The file is read and
// checked in the page's Web Worker (a blob: worker, the one kind a file:// page may start), with the read's
// progress on screen; every tab works; the workbook with the Свод downloads with every other part
// byte-identical and the Свод equal to the command line's; a browser without workers gets the same
// results on the page itself, and is told so; nothing is requested outside the page's own files and no
// Content-Security-Policy rule is broken. The README's pictures of the page are taken here (web-*.png).
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildBenchWorkbook } from "../../scripts/bench/workbook";
import { schoolSet } from "../../scripts/example/schools";
import { Package } from "../../src/xlsx/package/opc";
import { readZip } from "../../src/xlsx/package/zip";
import { launch } from "./chromium";
import { SHOTS, openTab, panel } from "./pane-kit";
import { stale } from "./stale";

const ROOT = join(__dirname, "..", "..");
const WEB = join(ROOT, "dist-web");
const BIN = join(ROOT, "dist", "src", "cli", "main.js");
const EXAMPLE = join(ROOT, "examples", "boksitogorsk-2021.xlsx");
const LIBREOFFICE = join(ROOT, "test", "fixtures", "writers", "example-libreoffice.xlsx");
const dir = mkdtempSync(join(tmpdir(), "mm-webpage-"));
/** The README's pictures: a desktop browser's width, the page's column in the middle. */
const VIEWPORT = { width: 1024, height: 800 };

/** The page's bundle, rebuilt when missing, in CI, or when a source is newer. */
function ensureWebBuilt(): void {
  if (process.env.CI || stale(join(WEB, "index.html"), join(ROOT, "src"), join(ROOT, "webpack.web.js"))) {
    execFileSync(join(ROOT, "node_modules", ".bin", "webpack"), ["--config", "webpack.web.js", "--mode", "production"], { cwd: ROOT, stdio: "pipe" });
  }
}

let browser: Browser;
const outside: string[] = [];
const csp: string[] = [];
const errors: string[] = [];

async function newPage(origin: (url: string) => boolean, init?: () => void): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT, locale: "ru-RU", timezoneId: "UTC", acceptDownloads: true });
  await page.addInitScript(() => ((window as unknown as { __MENTOR_MONITOR_NOW__: string }).__MENTOR_MONITOR_NOW__ = "2021-06-30T09:00:00Z"));
  if (init) await page.addInitScript(init);
  page.on("console", (m) => /Content.Security.Policy/i.test(m.text()) && csp.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => !origin(r.url()) && !r.url().startsWith("blob:") && !r.url().startsWith("data:") && outside.push(r.url()));
  return page;
}

/** A picture of the page for the README (docs/img/web-*.png with UPDATE_SCREENSHOTS=1, else test/.out). */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(400); // the tab indicator's slide ends
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: join(SHOTS, `web-${name}.png`), fullPage: true });
}

/** Where the page's engine runs, once it knows: "worker" or "in-thread". */
async function engineKind(page: Page): Promise<string> {
  const marker = page.getByTestId("engine-kind");
  await page.waitForFunction(() => !!document.querySelector('[data-testid="engine-kind"]')?.getAttribute("data-engine"));
  return (await marker.getAttribute("data-engine")) ?? "";
}

/** Opens a file in the page and records every progress text shown while it is read. */
async function openBook(page: Page, path: string, name: string): Promise<string[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __progress: string[]; __progressObserver?: MutationObserver };
    w.__progress = [];
    w.__progressObserver?.disconnect();
    w.__progressObserver = new MutationObserver(() => {
      const t = document.querySelector('[data-testid="book-progress"]')?.textContent ?? "";
      if (t && w.__progress[w.__progress.length - 1] !== t) w.__progress.push(t);
    });
    w.__progressObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId("book-input").setInputFiles(path);
  await page.getByTestId("book-name").getByText(`«${name}»`).waitFor({ timeout: 120_000 });
  return page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
}

beforeAll(async () => {
  ensureWebBuilt();
  browser = await launch();
}, 900_000);

afterAll(async () => {
  await browser?.close();
});

/** Check, coverage, roadmap, Свод on the open book; returns the downloaded workbook with the Свод. */
async function everyTab(page: Page, label: string, pictures = false): Promise<Uint8Array> {
  await openTab(page, "Проверка");
  let p = panel(page, "Проверка");
  await p.getByRole("button", { name: "Проверить книгу" }).click();
  await p.getByText(/Проверка завершена: \d+ ошиб\S+, \d+ предупрежд/).first().waitFor({ timeout: 60_000 });
  // Every issue at its cell: the planted impossible date of the example, with its sheet and address.
  await p.getByLabel("Замечание", { exact: true }).selectOption("invalid-date");
  await p.getByRole("button", { name: "Ячейка G609 на листе «Участники»" }).waitFor();
  await p.getByText("31.02.2021", { exact: false }).first().waitFor();
  await p.getByLabel("Замечание", { exact: true }).selectOption("");
  if (pictures) await shot(page, "check");

  await openTab(page, "Охват");
  p = panel(page, "Охват");
  await p.getByRole("button", { name: "Рассчитать охват" }).click();
  await p.getByText(/Охвачено: \d+ из 1256 · \d+,\d % плана/).waitFor({ timeout: 60_000 });
  if (pictures) await shot(page, "coverage");

  await openTab(page, "Сроки");
  p = panel(page, "Сроки");
  await p.getByRole("button", { name: "Проверить сроки" }).click();
  await p.getByText("просрочено на 107\u00a0дней", { exact: false }).waitFor({ timeout: 60_000 });
  if (pictures) await shot(page, "roadmap");

  await openTab(page, "Свод");
  p = panel(page, "Свод");
  await p.getByRole("button", { name: "Сформировать свод" }).click();
  // Nothing is opened on the page: the sheet goes into a copy to download, and the outcome says where.
  await p.getByText("Лист «Свод 2021 Q2» добавлен в копию книги — скачайте её кнопкой «Скачать книгу со сводом» вверху страницы.").waitFor({ timeout: 60_000 });
  const button = page.getByTestId("download-report");
  await button.waitFor({ timeout: 60_000 });
  if (pictures) await shot(page, "report");
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  expect(download.suggestedFilename()).toMatch(/\(Свод 2021 Q2\)\.xlsx$/);
  const path = join(dir, `${label}.xlsx`);
  await download.saveAs(path);
  return new Uint8Array(readFileSync(path));
}

const sheetXml = (bytes: Uint8Array, name: string) => {
  const pkg = new Package(bytes);
  return pkg.text(pkg.sheets().find((s) => s.name === name)!.part!);
};
// The time it was made and the data bar's random id differ from run to run.
const withoutStamp = (xml: string) => xml.replace(/\d\d\.\d\d\.\d{4},? \d\d:\d\d/g, "СТАМП").replace(/\{[0-9A-F-]{36}\}/g, "{ID}");

/** The downloaded book: every part of the user's file but the four lists byte-identical; the Свод the CLI's. */
function expectSurgical(original: string, downloaded: Uint8Array, label: string): void {
  const before = new Map(readZip(readFileSync(original)).map((e) => [e.name, Buffer.from(e.raw)]));
  const after = new Map(readZip(downloaded).map((e) => [e.name, Buffer.from(e.raw)]));
  const changed = [...before.keys()].filter((n) => !after.has(n) || Buffer.compare(before.get(n)!, after.get(n)!) !== 0).sort();
  expect(changed).toEqual(["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml"]);
  expect([...after.keys()].filter((n) => !before.has(n))).toHaveLength(1); // the Свод's part
  const cliOut = join(dir, `${label}-cli.xlsx`);
  const r = spawnSync(process.execPath, [BIN, "report", original, "--period", "2021-Q2", "--as-of", "2021-06-30", "-o", cliOut], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(withoutStamp(sheetXml(downloaded, "Свод 2021 Q2"))).toBe(withoutStamp(sheetXml(new Uint8Array(readFileSync(cliOut)), "Свод 2021 Q2")));
}

test("from the disk (file://): the bundled example in the page's worker, every tab, the workbook with the Свод", async () => {
  const page = await newPage((u) => u.startsWith("file://"));
  await page.goto(`file://${join(WEB, "index.html")}`);
  await page.getByRole("heading", { name: "Мониторинг наставничества" }).waitFor();
  expect(await engineKind(page)).toBe("worker");
  expect(page.workers()).toHaveLength(1);
  await openBook(page, EXAMPLE, "boksitogorsk-2021.xlsx");
  // One heading: the page's, not the pane's again below it.
  expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
  const downloaded = await everyTab(page, "file", true);
  expectSurgical(EXAMPLE, downloaded, "file");
  // Highlights are a download of their own, made from the user's data alone.
  await openTab(page, "Проверка");
  await panel(page, "Проверка").getByRole("button", { name: "Подсветить", exact: true }).click();
  await page.getByTestId("download-highlight").waitFor();
  await panel(page, "Проверка").getByText(/^В копии книги подсвечено \d+ ячеек — скачайте её кнопкой «Скачать книгу с подсветкой» вверху страницы\./).waitFor();

  // School files imported into a copy of the district's book, after a preview.
  await openTab(page, "Импорт");
  const p = panel(page, "Импорт");
  const set = schoolSet();
  const file = async (name: "bdyussh.xlsx" | "dyusshp.xlsx") => ({ name, mimeType: "application/octet-stream", buffer: Buffer.from((await set[name].xlsx.writeBuffer()) as ArrayBuffer) });
  await p.getByLabel("Выбрать файлы школ").setInputFiles([await file("bdyussh.xlsx"), await file("dyusshp.xlsx")]);
  await p.getByRole("button", { name: "Проверить файлы" }).click();
  await p.getByText(/прочитано 15, будет добавлено 15, заменит прежних 0, не войдёт 0/).waitFor({ timeout: 60_000 });
  await p.getByRole("button", { name: "Подтвердить импорт" }).click();
  await p.getByText(/^Импорт выполнен: в копию книги добавлено строк — \d+; скачайте её кнопкой «Скачать изменённую книгу» вверху страницы\./).waitFor({ timeout: 60_000 });
  await page.getByTestId("download-changed").waitFor();
  await shot(page, "import");

  await openTab(page, "Шаблон");
  await panel(page, "Шаблон").getByRole("button", { name: "Записать в копию книги" }).waitFor();
  expect(await panel(page, "Шаблон").getByRole("button", { name: /Вставить шаблон|Восстановить шаблон/ }).count()).toBe(0);
  await shot(page, "template");
  expect(page.workers()).toHaveLength(1); // the same worker all along
  await page.close();
  expect({ outside, csp, errors }).toEqual({ outside: [], csp: [], errors: [] });
}, 600_000);

test("a district of thousands of rows: read in the worker, with each sheet's progress on screen", async () => {
  const path = join(dir, "район-5000.xlsx");
  writeFileSync(path, new Uint8Array((await buildBenchWorkbook(5000).xlsx.writeBuffer()) as ArrayBuffer));
  const page = await newPage((u) => u.startsWith("file://"));
  await page.goto(`file://${join(WEB, "index.html")}`);
  expect(await engineKind(page)).toBe("worker");
  const progress = await openBook(page, path, "район-5000.xlsx");
  expect(progress[0]).toMatch(/^Чтение книги…$|^Чтение листа/);
  expect(progress.some((t) => /^Чтение листа «Участники»: [\d\u00a0 ]+ из [\d\u00a0 ]+ строк/.test(t))).toBe(true);
  await openTab(page, "Проверка");
  await panel(page, "Проверка").getByRole("button", { name: "Проверить книгу" }).click();
  await panel(page, "Проверка").getByText(/Проверка завершена: [\d\u00a0 ]+ ошиб\S+/).first().waitFor({ timeout: 120_000 });
  expect(page.workers()).toHaveLength(1);
  await page.close();
  expect({ outside, csp, errors }).toEqual({ outside: [], csp: [], errors: [] });
}, 300_000);

test("a browser that starts no worker: the page does the work itself and says so", async () => {
  const page = await newPage((u) => u.startsWith("file://"), () => delete (window as unknown as { Worker?: unknown }).Worker);
  await page.goto(`file://${join(WEB, "index.html")}`);
  expect(await engineKind(page)).toBe("in-thread");
  await page.getByTestId("engine-note").getByText(/книга читается и проверяется прямо на странице/).waitFor();
  await openBook(page, EXAMPLE, "boksitogorsk-2021.xlsx");
  await openTab(page, "Проверка");
  await panel(page, "Проверка").getByRole("button", { name: "Проверить книгу" }).click();
  await panel(page, "Проверка").getByText(/Проверка завершена: \d+ ошиб\S+, \d+ предупрежд/).first().waitFor({ timeout: 60_000 });
  expect(page.workers()).toHaveLength(0);
  await page.close();
  expect({ outside, csp, errors }).toEqual({ outside: [], csp: [], errors: [] });
}, 300_000);

describe("from `mentor-monitor open` with a LibreOffice-saved workbook", () => {
  let server: ChildProcess;
  let url: string;
  beforeAll(async () => {
    server = spawn(process.execPath, [BIN, "open", LIBREOFFICE, "--no-browser"], { stdio: ["ignore", "pipe", "pipe"] });
    url = await new Promise<string>((ok, fail) => {
      let out = "";
      server.stdout!.on("data", (d) => {
        out += String(d);
        const m = /http:\/\/127\.0\.0\.1:\d+\/#book=[\w-]+/.exec(out);
        if (m) ok(m[0]);
      });
      server.on("exit", (code) => fail(new Error(`open exited with ${code}: ${out}`)));
    });
  });
  afterAll(() => {
    server?.kill("SIGINT");
  });

  test("the book it was given opens by itself in the worker; every tab works; the Свод downloads", async () => {
    const origin = new URL(url).origin;
    const page = await newPage((u) => u.startsWith(origin));
    await page.goto(url);
    await page.getByTestId("book-name").getByText("«example-libreoffice.xlsx»").waitFor({ timeout: 60_000 });
    expect(await engineKind(page)).toBe("worker");
    expect(page.workers()).toHaveLength(1);
    const downloaded = await everyTab(page, "open");
    expectSurgical(LIBREOFFICE, downloaded, "open");
    await page.close();
    expect({ outside, csp, errors }).toEqual({ outside: [], csp: [], errors: [] });
  }, 300_000);
});
