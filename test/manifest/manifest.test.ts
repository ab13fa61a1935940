// Offline checks of the add-in manifest and of the page templates. `npm run validate` asks Microsoft's
// online service, which this machine cannot reach; these tests check what can be checked without it
// (docs/addin-build.md lists which side checks what). What the production build emits: deploy.test.ts.
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import type { ManifestInfo } from "office-addin-manifest";
import { ROOT } from "./apisets";
import { checkPage, manifestUrls, readWithOfficeTooling, scriptsOf } from "./pages";
import { type XmlElement, child, childrenNamed, descendants, parseXml } from "./xml";

const MANIFEST = path.join(ROOT, "manifest.xml");
const source = fs.readFileSync(MANIFEST, "utf8");
const root = parseXml(source);

interface WebpackConfigModule {
  addinUrl(raw: string | undefined): string | null;
  rewriteManifest(xml: string, base: string | null): string;
  DEV_URL: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require(path.join(ROOT, "webpack.config.js")) as WebpackConfigModule;
const DEV_URL = webpackConfig.DEV_URL;

interface IconModule {
  draw(kind: string, size: number): Buffer;
  SIZES: Record<string, number[]>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const icons = require(path.join(ROOT, "assets/make-icons.js")) as IconModule;

const versionOverrides = child(root, "VersionOverrides")!;
const resources = child(versionOverrides, "Resources")!;

/** Local names of an element's children must follow the XSD's sequence and include the required ones. */
function expectSequence(el: XmlElement, sequence: readonly string[], required: readonly string[] = []) {
  const names = el.children.map((c) => c.local);
  const unknown = names.filter((n) => !sequence.includes(n));
  expect({ element: el.name, line: el.line, unknown }).toEqual({ element: el.name, line: el.line, unknown: [] });
  const positions = names.map((n) => sequence.indexOf(n));
  const sorted = [...positions].sort((a, b) => a - b);
  expect({ element: el.name, line: el.line, order: names }).toEqual({ element: el.name, line: el.line, order: sorted.map((p) => sequence[p]) });
  for (const r of required) expect({ element: el.name, line: el.line, has: r, present: names.includes(r) }).toMatchObject({ present: true });
}

describe("manifest.xml read by office-addin-manifest", () => {
  let info: ManifestInfo;
  let tree: Record<string, unknown>;
  beforeAll(() => {
    ({ info, tree } = readWithOfficeTooling(MANIFEST));
  });

  test("a task pane add-in for Excel with a stable id, Russian first", () => {
    expect(info.manifestType).toBe("xml");
    expect(info.officeAppType).toBe("TaskPaneApp");
    expect(info.id).toBe("979b6de9-815c-477d-877f-55fa3bbd5c9d");
    expect(info.version).toMatch(/^\d{1,5}(\.\d{1,5}){0,3}$/);
    expect(info.providerName).toBe("Mentorship Monitor");
    expect(info.defaultLocale).toBe("ru-RU");
    expect(info.displayName).toBe("Мониторинг наставничества");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV_URL}taskpane.html`);
  });

  test("no AppDomains: the add-in loads pages from its own origin only", () => {
    expect(info.appDomains ?? []).toEqual([]);
    expect(child(root, "AppDomains")).toBeUndefined();
  });

  test("English display name and description for en-US", () => {
    const override = (name: string) => childrenNamed(child(root, name)!, "Override").map((o) => [o.attrs.Locale, o.attrs.Value]);
    expect(override("DisplayName")).toEqual([["en-US", "Mentorship Monitor"]]);
    expect(override("Description")).toEqual([["en-US", expect.stringMatching(/\S/)]]);
  });

  test("every resid used anywhere in VersionOverrides is defined in its Resources (as office-addin-manifest parses it)", () => {
    const used = new Set<string>();
    const defined: string[] = [];
    const walk = (node: unknown, inResources: boolean): void => {
      if (Array.isArray(node)) return node.forEach((n) => walk(n, inResources));
      if (!node || typeof node !== "object") return;
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        if (key === "$") {
          const attrs = value as Record<string, string>;
          if (attrs.resid) used.add(attrs.resid);
          if (inResources && attrs.id) defined.push(attrs.id);
        } else {
          walk(value, inResources || key === "Resources");
        }
      }
    };
    walk((tree.OfficeApp as Record<string, unknown>).VersionOverrides, false);
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((id) => !defined.includes(id))).toEqual([]);
    expect(defined.filter((id, i) => defined.indexOf(id) !== i)).toEqual([]); // ids are unique
    expect(defined.filter((id) => !used.has(id))).toEqual([]); // and every one is used
  });
});

describe("manifest.xml against the schema's rules (offline)", () => {
  // Sequences from OfficeAppManifestV1_1.xsd, TaskPaneAppVersionOverridesV1_0.xsd and
  // OfficeAppBasicTypesV1_0.xsd (github.com/OfficeDev/office-js-docs-pr, docs/overview/schemas/taskpane).
  const OFFICE_APP = ["Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
    "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", /* TaskPaneApp: */ "Requirements", "DefaultSettings",
    "Permissions", "Dictionary", "VersionOverrides"];

  test("namespaces and types", () => {
    expect(root.name).toBe("OfficeApp");
    expect(root.attrs.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(root.attrs["xmlns:xsi"]).toBe("http://www.w3.org/2001/XMLSchema-instance");
    expect(root.attrs["xmlns:bt"]).toBe("http://schemas.microsoft.com/office/officeappbasictypes/1.0");
    expect(root.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(versionOverrides.attrs.xmlns).toBe("http://schemas.microsoft.com/office/taskpaneappversionoverrides");
    expect(versionOverrides.attrs["xsi:type"]).toBe("VersionOverridesV1_0");
  });

  test("OfficeApp children in schema order, required ones present", () => {
    expectSequence(root, OFFICE_APP, ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "DefaultSettings", "Permissions"]);
    // Store submission needs these three even though the schema calls them optional.
    expectSequence(root, OFFICE_APP, ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]);
    expect(child(root, "Id")!.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test("VersionOverrides, hosts, form factor, ribbon, controls and resources in schema order", () => {
    expectSequence(versionOverrides, ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins"], ["Hosts", "Resources"]);
    const hosts = childrenNamed(child(versionOverrides, "Hosts")!, "Host");
    expect(hosts.map((h) => h.attrs["xsi:type"])).toEqual(["Workbook"]);
    const formFactor = child(hosts[0], "DesktopFormFactor")!;
    expectSequence(hosts[0], ["DesktopFormFactor"], ["DesktopFormFactor"]);
    expectSequence(formFactor, ["GetStarted", "FunctionFile", "ExtensionPoint"], ["FunctionFile", "ExtensionPoint"]);
    expectSequence(child(formFactor, "GetStarted")!, ["Title", "Description", "LearnMoreUrl"], ["Title", "Description", "LearnMoreUrl"]);
    const all = descendants(versionOverrides);
    for (const ep of all.filter((e) => e.local === "ExtensionPoint")) {
      expect(ep.attrs["xsi:type"]).toBe("PrimaryCommandSurface");
      expectSequence(ep, ["OfficeTab", "CustomTab"]);
    }
    for (const tab of all.filter((e) => e.local === "OfficeTab")) expectSequence(tab, ["Group"], ["Group"]);
    for (const tab of all.filter((e) => e.local === "CustomTab")) expectSequence(tab, ["Group", "Label"], ["Group", "Label"]);
    for (const group of all.filter((e) => e.local === "Group")) expectSequence(group, ["Label", "Icon", "Control"], ["Label", "Icon", "Control"]);
    for (const control of all.filter((e) => e.local === "Control")) {
      expect(control.attrs["xsi:type"]).toBe("Button");
      expectSequence(control, ["Label", "Supertip", "Icon", "Action"], ["Label", "Supertip", "Icon", "Action"]);
      expectSequence(child(control, "Supertip")!, ["Title", "Description"], ["Title", "Description"]);
      const action = child(control, "Action")!;
      if (action.attrs["xsi:type"] === "ShowTaskpane") expectSequence(action, ["TaskpaneId", "SourceLocation", "Title"], ["SourceLocation"]);
      else expectSequence(action, ["FunctionName"], ["FunctionName"]);
    }
    expectSequence(resources, ["Images", "Urls", "ShortStrings", "LongStrings"]);
    expectSequence(child(root, "Requirements")!, ["Sets", "Methods"]);
  });

  test("the Home tab gets the group «Наставничество» with the two buttons", () => {
    const tab = descendants(versionOverrides).find((e) => e.local === "OfficeTab")!;
    expect(tab.attrs.id).toBe("TabHome");
    const group = child(tab, "Group")!;
    const label = (el: XmlElement) => shortString(child(el, "Label")!.attrs.resid);
    expect(label(group)).toEqual({ ru: "Наставничество", en: "Mentorship" });
    const controls = childrenNamed(group, "Control");
    expect(controls.map((c) => [label(c).ru, child(c, "Action")!.attrs["xsi:type"]])).toEqual([
      ["Мониторинг наставничества", "ShowTaskpane"],
      ["Сформировать свод", "ExecuteFunction"],
    ]);
    expect(new Set(descendants(versionOverrides).filter((e) => e.attrs.id && !e.attrs.DefaultValue).map((e) => e.attrs.id)).size).toBe(
      descendants(versionOverrides).filter((e) => e.attrs.id && !e.attrs.DefaultValue).length,
    );
  });

  test("the ShowTaskpane button opens taskpane.html; the ExecuteFunction button runs generateReport from commands.html", () => {
    const actions = descendants(versionOverrides).filter((e) => e.local === "Action");
    const show = actions.find((a) => a.attrs["xsi:type"] === "ShowTaskpane")!;
    expect(url(child(show, "SourceLocation")!.attrs.resid)).toBe(`${DEV_URL}taskpane.html`);
    const run = actions.find((a) => a.attrs["xsi:type"] === "ExecuteFunction")!;
    expect(child(run, "FunctionName")!.text).toBe("generateReport");
    const functionFile = descendants(versionOverrides).find((e) => e.local === "FunctionFile")!;
    expect(url(functionFile.attrs.resid)).toBe(`${DEV_URL}commands.html`);
    // The function file registers exactly that name.
    const commands = fs.readFileSync(path.join(ROOT, "src/commands/commands.ts"), "utf8");
    expect(commands).toMatch(/Office\.actions\.associate\(\s*"generateReport"\s*,/);
  });

  test("each resid points into the collection its element needs, and is at most 32 characters", () => {
    const collectionFor: Record<string, string> = {
      Image: "Images",
      Label: "ShortStrings",
      Title: "ShortStrings",
      Description: "LongStrings",
      SourceLocation: "Urls",
      FunctionFile: "Urls",
      LearnMoreUrl: "Urls",
    };
    const ids = (collection: string) => descendants(child(resources, collection)!).map((e) => e.attrs.id).filter(Boolean);
    const wrong: string[] = [];
    for (const el of descendants(versionOverrides).filter((e) => e.attrs.resid)) {
      const collection = collectionFor[el.local];
      if (!collection || !ids(collection).includes(el.attrs.resid)) wrong.push(`<${el.name} resid="${el.attrs.resid}"> line ${el.line}`);
      if (el.attrs.resid.length > 32) wrong.push(`${el.attrs.resid}: longer than 32`);
    }
    expect(wrong).toEqual([]);
  });

  test("every string has an en-US override and fits the schema's length (short 125, long 250)", () => {
    const problems: string[] = [];
    const check = (el: XmlElement, max: number) => {
      const values = [el.attrs.DefaultValue, ...childrenNamed(el, "Override").map((o) => o.attrs.Value)];
      for (const v of values) if (!v || v.length > max) problems.push(`${el.attrs.id ?? el.name}: ${v?.length} > ${max}`);
      if (!childrenNamed(el, "Override").some((o) => o.attrs.Locale === "en-US")) problems.push(`${el.attrs.id ?? el.name}: no en-US`);
    };
    childrenNamed(child(resources, "ShortStrings")!, "String").forEach((s) => check(s, 125));
    childrenNamed(child(resources, "LongStrings")!, "String").forEach((s) => check(s, 250));
    check(child(root, "DisplayName")!, 125);
    check(child(root, "Description")!, 250);
    expect(problems).toEqual([]);
  });

  test("icons: 16, 32 and 80 px everywhere (the mandatory sizes), each image resource names its size", () => {
    const allowed = [16, 20, 24, 32, 40, 48, 64, 80];
    for (const icon of descendants(versionOverrides).filter((e) => e.local === "Icon")) {
      const sizes = childrenNamed(icon, "Image").map((i) => Number(i.attrs.size));
      expect(sizes.filter((s) => !allowed.includes(s))).toEqual([]);
      expect(sizes).toEqual(expect.arrayContaining([16, 32, 80]));
      for (const img of childrenNamed(icon, "Image")) expect(image(img.attrs.resid)).toMatch(new RegExp(`-${img.attrs.size}\\.png$`));
    }
  });
});

function resourceById(id: string): XmlElement {
  const el = descendants(resources).find((e) => e.attrs.id === id);
  if (!el) throw new Error(`resource ${id} is not defined`);
  return el;
}
function shortString(id: string) {
  const el = resourceById(id);
  return { ru: el.attrs.DefaultValue, en: childrenNamed(el, "Override").find((o) => o.attrs.Locale === "en-US")?.attrs.Value };
}
const url = (id: string) => resourceById(id).attrs.DefaultValue;
const image = (id: string) => resourceById(id).attrs.DefaultValue;

/** Where the build takes each file it emits from: the two pages from their templates, assets as they are. */
function sourceOf(emitted: string): string | undefined {
  if (emitted === "taskpane.html") return "src/taskpane/taskpane.html";
  if (emitted === "commands.html") return "src/commands/commands.html";
  if (/^assets\/[\w.-]+$/.test(emitted) && emitted !== "assets/make-icons.js") return emitted;
  return undefined;
}

describe("addresses in manifest.xml", () => {
  const urls = manifestUrls(root);

  test("all point to the development server over https, and nowhere else", () => {
    expect(urls.length).toBeGreaterThan(10);
    expect(urls.filter((u) => !u.value.startsWith(DEV_URL))).toEqual([]);
  });

  test("each names a file the build emits from a file that exists", () => {
    const missing = urls
      .map((u) => ({ ...u, file: sourceOf(u.value.slice(DEV_URL.length)) }))
      .filter((u) => !u.file || !fs.existsSync(path.join(ROOT, u.file)));
    expect(missing).toEqual([]);
  });
});

/** Width, height and RGBA rows of one of our PNGs (8-bit RGBA, filter 0 on every row, as make-icons writes). */
function readPng(file: string): { width: number; height: number; pixels: Buffer } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8, 13)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (stride + 1)]).toBe(0);
    raw.copy(pixels, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
  }
  return { width, height, pixels };
}

describe("icons in assets/", () => {
  const files = Object.entries(icons.SIZES).flatMap(([kind, sizes]) => sizes.map((size) => ({ kind, size, file: `assets/${kind}-${size}.png` })));

  test.each(files)("$file is a $size×$size PNG drawn by assets/make-icons.js, under the 100 KB the schema allows", ({ kind, size, file }) => {
    const png = readPng(path.join(ROOT, file));
    expect([png.width, png.height]).toEqual([size, size]);
    expect(png.pixels.equals(icons.draw(kind, size))).toBe(true);
    expect(fs.statSync(path.join(ROOT, file)).size).toBeLessThan(100 * 1024);
  });

  test("the 128 px icon for store listings exists too", () => {
    expect(files.map((f) => f.file)).toContain("assets/icon-128.png");
  });
});

describe("page templates", () => {
  test("taskpane.html: Russian, titled, Office's script from the CDN in <head>, strict CSP, #root and a noscript message", () => {
    checkPage(fs.readFileSync(path.join(ROOT, "src/taskpane/taskpane.html"), "utf8"), { title: "Мониторинг наставничества", root: true });
  });
  test("taskpane.html loads nothing of its own but the guard, last in <body>, which is told the bundles and the manifest's ExcelApi", () => {
    const html = fs.readFileSync(path.join(ROOT, "src/taskpane/taskpane.html"), "utf8");
    const own = scriptsOf(html).filter((s) => !/^https?:/.test(s));
    expect(own).toEqual(["<%="]); // the guard's address, filled in by webpack.config.js
    expect(html).toMatch(/<script src="<%= guard %>" data-excel-api="<%= excelApi %>" data-bundle="<%= bundles %>"><\/script>\s*<\/body>/);
  });
  test("commands.html: the same policy and script, no UI", () => {
    checkPage(fs.readFileSync(path.join(ROOT, "src/commands/commands.html"), "utf8"), { title: "Мониторинг наставничества — команды", root: false });
  });
  test("dialog.html (the outcome of «Сформировать свод»): the same policy and script", () => {
    const html = fs.readFileSync(path.join(ROOT, "src/commands/dialog.html"), "utf8");
    checkPage(html, { title: "Мониторинг наставничества — свод", root: false });
    expect(html).toMatch(/<button id="close" type="button">Закрыть<\/button>/);
  });
});

describe("webpack.config.js: the production address", () => {
  test("ADDIN_URL becomes a folder address ending in /", () => {
    expect(webpackConfig.addinUrl("https://addins.example.org/mm")).toBe("https://addins.example.org/mm/");
    expect(webpackConfig.addinUrl(" https://addins.example.org/ ")).toBe("https://addins.example.org/");
    expect(webpackConfig.addinUrl(undefined)).toBeNull();
    expect(webpackConfig.addinUrl("")).toBeNull();
  });
  test("anything but a plain https folder address is refused", () => {
    expect(() => webpackConfig.addinUrl("http://addins.example.org/")).toThrow(/https/);
    expect(() => webpackConfig.addinUrl("https://addins.example.org/?a=1")).toThrow(/query/);
    expect(() => webpackConfig.addinUrl("addins.example.org")).toThrow(/not a URL/);
  });
  test("every development address in the manifest is replaced, nothing else changes", () => {
    const out = webpackConfig.rewriteManifest(source, "https://addins.example.org/mm/");
    expect(out).not.toContain("localhost");
    expect(out.split("https://addins.example.org/mm/").length).toBe(source.split(DEV_URL).length);
    expect(out.replaceAll("https://addins.example.org/mm/", DEV_URL)).toBe(source);
    expect(webpackConfig.rewriteManifest(source, null)).toBe(source);
  });
});

