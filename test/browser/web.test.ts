// The standalone page (issue 16) in Debian's Chromium: opened from the disk (file://) and from
// `mentor-monitor open`, on the bundled example and on a LibreOffice-saved workbook. Every tab works; the
// workbook with the Свод downloads with every other part byte-identical and the Свод equal to the command
// line's; nothing is requested outside the page's own files and no Content-Security-Policy rule is broken.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { Package } from "../../src/xlsx/package/opc";
import { readZip } from "../../src/xlsx/package/zip";
import { launch } from "./chromium";
import { openTab, panel, shot } from "./pane-kit";

const ROOT = join(__dirname, "..", "..");
const WEB = join(ROOT, "dist-web");
const BIN = join(ROOT, "dist", "src", "cli", "main.js");
const EXAMPLE = join(ROOT, "examples", "boksitogorsk-2021.xlsx");
const LIBREOFFICE = join(ROOT, "test", "fixtures", "writers", "example-libreoffice.xlsx");
const dir = mkdtempSync(join(tmpdir(), "mm-webpage-"));

function newest(d: string): number {
  let t = 0;
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** The page's bundle, rebuilt when missing, in CI, or when a source is newer. */
function ensureWebBuilt(): void {
  const index = join(WEB, "index.html");
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (process.env.CI || !built || newest(join(ROOT, "src")) > built || statSync(join(ROOT, "webpack.web.js")).mtimeMs > built) {
    execFileSync(join(ROOT, "node_modules", ".bin", "webpack"), ["--config", "webpack.web.js", "--mode", "production"], { cwd: ROOT, stdio: "pipe" });
  }
}

let browser: Browser;
const outside: string[] = [];
const csp: string[] = [];
const errors: string[] = [];

async function newPage(origin: (url: string) => boolean): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 560, height: 900 }, locale: "ru-RU", timezoneId: "UTC", acceptDownloads: true });
  await page.addInitScript(() => ((window as unknown as { __MENTOR_MONITOR_NOW__: string }).__MENTOR_MONITOR_NOW__ = "2021-06-30T09:00:00Z"));
  page.on("console", (m) => /Content.Security.Policy/i.test(m.text()) && csp.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => !origin(r.url()) && !r.url().startsWith("blob:") && !r.url().startsWith("data:") && outside.push(r.url()));
  return page;
}

beforeAll(async () => {
  ensureWebBuilt();
  browser = await launch();
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

/** Check, coverage, roadmap, Свод on the open book; returns the downloaded workbook with the Свод. */
async function everyTab(page: Page, label: string): Promise<Uint8Array> {
  await openTab(page, "Проверка");
  let p = panel(page, "Проверка");
  await p.getByRole("button", { name: "Проверить книгу" }).click();
  await p.getByText(/Проверка завершена: \d+ ошиб\S+, \d+ предупрежд/).first().waitFor({ timeout: 60_000 });
  // Every issue at its cell: the planted impossible date of the example, with its sheet and address.
  await p.getByLabel("Замечание", { exact: true }).selectOption("invalid-date");
  await p.getByRole("button", { name: "Перейти к ячейке G609 на листе «Участники»" }).waitFor();
  await p.getByText("31.02.2021", { exact: false }).first().waitFor();
  await p.getByLabel("Замечание", { exact: true }).selectOption("");

  await openTab(page, "Охват");
  p = panel(page, "Охват");
  await p.getByRole("button", { name: "Рассчитать охват" }).click();
  await p.getByText(/Охвачено: \d+ из 1256 · \d+,\d % плана/).waitFor({ timeout: 60_000 });

  await openTab(page, "Сроки");
  p = panel(page, "Сроки");
  await p.getByRole("button", { name: "Проверить сроки" }).click();
  await p.getByText("просрочено на 107\u00a0дней", { exact: false }).waitFor({ timeout: 60_000 });

  await openTab(page, "Свод");
  p = panel(page, "Свод");
  await p.getByRole("button", { name: "Сформировать свод" }).click();
  const button = page.getByTestId("download-report");
  await button.waitFor({ timeout: 60_000 });
  await shot(page, `web-${label}`);
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

test("from the disk (file://): the bundled example, every tab, the workbook with the Свод", async () => {
  const page = await newPage((u) => u.startsWith("file://"));
  await page.goto(`file://${join(WEB, "index.html")}`);
  await page.getByRole("heading", { name: "Мониторинг наставничества" }).first().waitFor();
  await page.getByTestId("book-input").setInputFiles(EXAMPLE);
  await page.getByTestId("book-name").getByText("«boksitogorsk-2021.xlsx»").waitFor();
  const downloaded = await everyTab(page, "file");
  expectSurgical(EXAMPLE, downloaded, "file");
  // Highlights are a download of their own, made from the user's data alone.
  await openTab(page, "Проверка");
  await panel(page, "Проверка").getByRole("button", { name: "Подсветить", exact: true }).click();
  await page.getByTestId("download-highlight").waitFor();
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

  test("the book it was given opens by itself; every tab works; the Свод downloads", async () => {
    const origin = new URL(url).origin;
    const page = await newPage((u) => u.startsWith(origin));
    await page.goto(url);
    await page.getByTestId("book-name").getByText("«example-libreoffice.xlsx»").waitFor({ timeout: 60_000 });
    const downloaded = await everyTab(page, "open");
    expectSurgical(LIBREOFFICE, downloaded, "open");
    await page.close();
    expect({ outside, csp, errors }).toEqual({ outside: [], csp: [], errors: [] });
  }, 300_000);
});
