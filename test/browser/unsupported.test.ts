// Webviews and Excels the pane cannot run in get a Russian message instead of a blank page: the built
// taskpane.html in Debian's Chromium, made to look like Internet Explorer 11 (its user agent, and the
// features it lacks deleted before any script runs), like EdgeHTML, like an Excel without ExcelApi 1.9,
// like a network that blocks office.js. On a normal Chromium the guard stays silent and the pane starts.
// Also the dialog page of «Сформировать свод» (dialog.html) showing what the function file passed it.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launch } from "./chromium";
import { serve } from "./server";
import { stale } from "./stale";

const ROOT = join(__dirname, "..", "..");
// A build of its own: another browser test rebuilds dist-addin/ while this one may be running.
const OUT = join(ROOT, "test", ".out", "dist-unsupported");
const webpack = join(ROOT, "node_modules", ".bin", "webpack");

const IE11 = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko";
const EDGE_HTML = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045";

/** What Internet Explorer 11 lacks of what the bundle needs, deleted before any of the page's scripts run. */
const IE_MISSING = ["Promise", "Symbol", "Map", "Set", "WeakMap", "Proxy", "Reflect", "globalThis", "TextDecoder", "ResizeObserver", "queueMicrotask", "fetch"];
const IE_MISSING_METHODS = ["Object.assign", "Object.fromEntries", "Array.prototype.includes", "Array.prototype.flatMap", "String.prototype.matchAll"];
/** EdgeHTML 18 has ES2017 but not these. */
const EDGE_MISSING = ["globalThis", "queueMicrotask"];
const EDGE_MISSING_METHODS = ["Object.fromEntries", "Array.prototype.flatMap", "String.prototype.matchAll"];

function deleting(globals: string[], methods: string[]): string {
  const g = globals.map((n) => `try { delete window[${JSON.stringify(n)}]; } catch (e) {}`);
  const m = methods.map((path) => {
    const dot = path.lastIndexOf(".");
    return `try { delete ${path.slice(0, dot)}[${JSON.stringify(path.slice(dot + 1))}]; } catch (e) {}`;
  });
  return [...g, ...m].join("\n");
}

/**
 * Office's script in ES5 (it must run where Promise is gone): onReady calls back with the host, and the
 * requirement sets answer as `excelApi` says. Excel.run refuses, so the pane shows an error but renders.
 */
function officeStub(excelApi: string | null): string {
  return `(function () {
  var supported = ${JSON.stringify(excelApi)};
  function minor(v) { return Number(String(v).split(".")[1]); }
  window.__officeMessages = [];
  window.Office = {
    onReady: function (cb) {
      var info = { host: "Excel", platform: "PC" };
      setTimeout(function () { if (cb) cb(info); }, 0);
      return typeof Promise === "function" ? Promise.resolve(info) : undefined;
    },
    context: {
      displayLanguage: "ru-RU",
      requirements: { isSetSupported: function (name, v) { return name === "ExcelApi" && supported !== null && minor(v) <= minor(supported); } },
      ui: { messageParent: function (m) { window.__officeMessages.push(m); } }
    },
    actions: { associate: function () {} }
  };
  window.Excel = { run: function () { return Promise.reject(new Error("в этом тесте нет Excel")); } };
})();`;
}

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  const page = join(OUT, "taskpane.html");
  const sources = [join(ROOT, "src"), join(ROOT, "webpack.config.js"), join(ROOT, "manifest.xml"), join(ROOT, "assets")];
  if (process.env.CI || stale(page, ...sources)) {
    execFileSync(webpack, ["--mode", "production", "--output-path", OUT], { cwd: ROOT, stdio: "pipe" });
  }
  mkdirSync(join(ROOT, "test", ".out", "screenshots"), { recursive: true });
  server = await serve(OUT);
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Visit {
  page: Page;
  errors: string[];
  requested: string[];
  csp: string[];
}

/** Opens the page as a given webview: user agent, features removed, what Office's script does. */
async function open(path: string, opts: { userAgent?: string; init?: string; office?: string | "blocked"; block?: RegExp } = {}): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: 320, height: 700 }, locale: "ru-RU", ...(opts.userAgent ? { userAgent: opts.userAgent } : {}) });
  const visit: Visit = { page, errors: [], requested: [], csp: [] };
  page.on("pageerror", (e) => visit.errors.push(String(e)));
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) visit.csp.push(m.text());
  });
  if (opts.init) await page.addInitScript(opts.init);
  await page.route("**/*", (route) => {
    const url = route.request().url();
    visit.requested.push(url);
    if (url.startsWith("https://appsforoffice.microsoft.com/")) {
      if (opts.office === "blocked") return route.abort();
      return route.fulfill({ contentType: "text/javascript", body: opts.office ?? officeStub("1.12") });
    }
    if (!url.startsWith(server.url)) return route.abort();
    if (opts.block?.test(url)) return route.fulfill({ status: 404, body: "not found" });
    return route.continue();
  });
  await page.goto(`${server.url}/${path}`);
  return visit;
}

const bundleRequested = (v: Visit) => v.requested.some((u) => /\/taskpane\.[0-9a-f]{8}\.js$/.test(u));

async function message(v: Visit): Promise<string> {
  const box = v.page.locator("#mm-unsupported");
  await box.waitFor();
  return (await box.innerText()).replace(/\s+/g, " ");
}

describe("the guard of the task pane", () => {
  test("Internet Explorer 11 (Office 2016/2019 volume licence): a Russian message, no bundle, no error", async () => {
    const v = await open("taskpane.html", { userAgent: IE11, init: deleting(IE_MISSING, IE_MISSING_METHODS), office: officeStub("1.9") });
    const text = await message(v);
    expect(text).toContain("Надстройка «Мониторинг наставничества» не может работать в этом окне Excel");
    expect(text).toContain("во встроенном Internet Explorer 11");
    expect(text).toContain("Нужен Excel из Microsoft 365 или Excel 2021 и новее с компонентом Microsoft Edge WebView2");
    expect(text).toContain("либо Excel в Интернете");
    expect(text).toContain("mentor-monitor report книга.xlsx --period 2021-Q2 -o свод.xlsx");
    expect(text).toContain("Скоро появится и отдельная страница");
    expect(text).toMatch(/Технические сведения: не хватает Promise, Symbol, Map, Set, WeakMap, Reflect, globalThis, Object\.assign, .*ResizeObserver, queueMicrotask; браузер: .*Trident\/7\.0/);
    expect(await v.page.locator("#root").isHidden()).toBe(true);
    expect(await v.page.locator("#mm-unsupported").getAttribute("role")).toBe("alert");
    expect(bundleRequested(v)).toBe(false);
    expect(v.errors).toEqual([]);
    expect(v.csp).toEqual([]);
    await v.page.screenshot({ path: join(ROOT, "test", ".out", "screenshots", "unsupported-ie11.png"), fullPage: true });
    await v.page.close();
  });

  test("EdgeHTML: the message names it", async () => {
    const v = await open("taskpane.html", { userAgent: EDGE_HTML, init: deleting(EDGE_MISSING, EDGE_MISSING_METHODS) });
    const text = await message(v);
    expect(text).toContain("в устаревшем Microsoft Edge (EdgeHTML)");
    expect(text).toContain("не хватает globalThis, Object.fromEntries, Array.prototype.flatMap, String.prototype.matchAll, queueMicrotask");
    expect(bundleRequested(v)).toBe(false);
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  test("a modern webview in an Excel without ExcelApi 1.9 (Excel 2019 stops at 1.8): the API set is named", async () => {
    const v = await open("taskpane.html", { office: officeStub("1.8") });
    const text = await message(v);
    expect(text).toContain("Эта версия Excel не поддерживает набор функций ExcelApi 1.9");
    expect(text).toContain("ExcelApi 1.9 не поддерживается");
    expect(bundleRequested(v)).toBe(false);
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  test("a network that blocks Microsoft's office.js: the message says what to open", async () => {
    const v = await open("taskpane.html", { office: "blocked" });
    const text = await message(v);
    expect(text).toContain("Не загрузилась библиотека Office (office.js)");
    expect(text).toContain("appsforoffice.microsoft.com");
    expect(bundleRequested(v)).toBe(false);
    await v.page.close();
  });

  test("a bundle that does not arrive: the message instead of a blank page", async () => {
    const v = await open("taskpane.html", { block: /\/taskpane\.[0-9a-f]{8}\.js$/ });
    const text = await message(v);
    expect(text).toContain("Файлы панели не загрузились или не запустились.");
    expect(text).toMatch(/файл панели не загрузился: .*\/taskpane\.[0-9a-f]{8}\.js/);
    await v.page.close();
  });

  test("a normal Chromium in an Excel with ExcelApi 1.12: the guard stays silent and the pane starts", async () => {
    const v = await open("taskpane.html");
    await v.page.waitForFunction(() => (window as unknown as { __MENTOR_MONITOR_GUARD__?: { loaded: boolean } }).__MENTOR_MONITOR_GUARD__?.loaded === true);
    await v.page.locator("#root > *").first().waitFor();
    expect(await v.page.locator("#mm-unsupported").count()).toBe(0);
    expect(await v.page.locator("#root").isVisible()).toBe(true);
    expect(await v.page.evaluate(() => (window as unknown as { __MENTOR_MONITOR_GUARD__: unknown }).__MENTOR_MONITOR_GUARD__)).toEqual({
      blocked: false,
      reason: "",
      missing: [],
      loaded: true,
    });
    expect(bundleRequested(v)).toBe(true);
    expect(v.errors).toEqual([]);
    expect(v.csp).toEqual([]);
    await v.page.close();
  });
});

describe("the dialog page of «Сформировать свод»", () => {
  const address = (params: Record<string, string>) => `dialog.html?${new URLSearchParams({ ...params, _host_Info: "Excel$Win32$16.01$ru-RU$$$$0" })}`;

  test("success: the sentence the function file passed; «Закрыть» asks Office to close the dialog", async () => {
    const v = await open(address({ kind: "success", text: "Свод «Свод 2021 Q2» сформирован: 6 организаций, лист добавлен." }));
    await v.page.getByRole("heading", { name: "✓ Готово" }).waitFor();
    expect(await v.page.locator("#text").innerText()).toBe("Свод «Свод 2021 Q2» сформирован: 6 организаций, лист добавлен.");
    expect(await v.page.locator("#hint").isHidden()).toBe(true);
    await v.page.getByRole("button", { name: "Закрыть" }).click();
    expect(await v.page.evaluate(() => (window as unknown as { __officeMessages: string[] }).__officeMessages)).toEqual(["close"]);
    expect(v.errors).toEqual([]);
    expect(v.csp).toEqual([]);
    await v.page.screenshot({ path: join(ROOT, "test", ".out", "screenshots", "dialog-success.png") });
    await v.page.close();
  });

  test("failure: the reason and what to do; markup in a message stays text", async () => {
    const v = await open(
      address({
        kind: "error",
        text: "Свод не сформирован. В книге нет листа «Участники» <img src=x onerror=alert(1)>.",
        hint: "Откройте панель «Мониторинг наставничества»: на вкладке «Проверка» видно, что не так с книгой.",
      }),
    );
    await v.page.getByRole("heading", { name: "✗ Свод не сформирован" }).waitFor();
    expect(await v.page.locator("#text").innerText()).toBe("В книге нет листа «Участники» <img src=x onerror=alert(1)>.");
    expect(await v.page.locator("#hint").innerText()).toMatch(/^Откройте панель/);
    expect(await v.page.locator("img").count()).toBe(0);
    expect(v.errors).toEqual([]);
    await v.page.screenshot({ path: join(ROOT, "test", ".out", "screenshots", "dialog-error.png") });
    await v.page.close();
  });
});
