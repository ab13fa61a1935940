// Measures, side by side, three ways to "add a sheet to the user's workbook without losing anything"
// (docs/package-edits.md): (1) ExcelJS load + the report sheet + writeBuffer (the product before the
// surgical editor), (2) xlsx-populate 1.21 fromDataAsync + addSheet + a few cells + outputAsync, (3) the
// product's surgical editor (src/xlsx/package, as src/cli/commands/report.ts uses it). Per input and
// candidate: success or the error, the zip parts dropped / added / changed (uncompressed content compared),
// the cells of the original sheets as ExcelJS reads them, two texts that need OOXML's `_xHHHH_` escape, the
// time (median of the runs) and the peak RSS (GNU time) of a child process per run. Then the real CLI
// `report` and `consolidate` on each input, to list what the product changes. Prints Markdown on stdout and
// leaves the outputs and a JSON of everything in --dir (nothing is written into the repository).
//
//   npm run build:cli && node dist/scripts/measure/package-editors.js [--rows 100000] [--runs 3] [--dir /tmp/mm-package-editors]
//
// The child mode (`child CANDIDATE IN OUT`) is what each timed process runs.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../../src/core/analyze";
import { computeCoverage } from "../../src/core/coverage/coverage";
import { stampOf, todayDay, ymdOf } from "../../src/core/model/dates";
import { parsePeriod } from "../../src/core/model/period";
import { layoutReport } from "../../src/core/report/layout";
import { buildReport } from "../../src/core/report/model";
import { renderReport } from "../../src/core/report/renderer";
import { computeRoadmap } from "../../src/core/roadmap/roadmap";
import { roadmapPlanYear } from "../../src/core/read/settings";
import { Package, REL } from "../../src/xlsx/package/opc";
import { openPackage } from "../../src/xlsx/package/open";
import { elementsIn, findElement, unescapeCellText, unescapeXml, withAttr } from "../../src/xlsx/package/xml";
import { inflateEntry, readZip } from "../../src/xlsx/package/zip";
import { loadWorkbook, workbookInputOf } from "../../src/xlsx/read";
import { ExcelJsReportRenderer, PackageReportRenderer } from "../../src/xlsx/report";
import { PEAK_MARK, int, mb, median } from "../bench/stats";
import { load, machine } from "../bench/tables";
import { benchFile } from "../bench/workbook";

// xlsx-populate ships no types; the four calls used here. Required only by the child that uses it, so the
// other candidates' processes do not pay for loading it.
interface XpSheet {
  cell(address: string): { value(v: string | number): unknown };
}
interface XpWorkbook {
  addSheet(name: string): XpSheet;
  outputAsync(): Promise<Buffer>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const xlsxPopulate = () => require("xlsx-populate") as { fromDataAsync(data: Buffer): Promise<XpWorkbook> };

const ROOT = join(__dirname, "..", "..", "..");
const DIST = join(__dirname, "..", "..");
const CLI = join(DIST, "src", "cli", "main.js");
const PEAK = join(DIST, "scripts", "bench", "peak.js");
const PERIOD = "2021-Q2";
const CANDIDATES = ["exceljs", "xlsx-populate", "surgical"] as const;
type Candidate = (typeof CANDIDATES)[number];
const LABEL: Record<Candidate, string> = { exceljs: "(1) ExcelJS re-save", "xlsx-populate": "(2) xlsx-populate", surgical: "(3) surgical" };

// ---------------------------------------------------------------------------------------------------
// The child: one candidate on one file, timed in phases. Prints one JSON line.

interface ChildResult {
  ok: boolean;
  error?: string;
  phase?: string;
  /** Reading the file into the model the candidate writes from (ExcelJS for 1 and 3, xlsx-populate for 2). */
  loadMs?: number;
  /** The report's computation (analysis, coverage, roadmap, layout): none for xlsx-populate. */
  computeMs?: number;
  /** Adding the sheet and writing the package's bytes. */
  writeMs?: number;
}

async function reportLayout(wb: ExcelJS.Workbook) {
  const analysis = analyzeWorkbook(workbookInputOf(wb));
  const period = parsePeriod(PERIOD)!;
  const asOf = analysis.settings.asOf ?? todayDay();
  const date1904 = !!(wb.properties as { date1904?: boolean }).date1904;
  const coverage = computeCoverage(analysis, period);
  const roadmap = analysis.roadmap ? computeRoadmap(analysis, asOf, roadmapPlanYear(analysis.settings, ymdOf(asOf).y), date1904) : null;
  return layoutReport(buildReport({ analysis, coverage, roadmap, asOf, madeAt: stampOf(new Date()) }));
}

async function child(candidate: Candidate, input: string, output: string): Promise<ChildResult> {
  const bytes = readFileSync(input);
  let phase = "load";
  const t0 = performance.now();
  try {
    if (candidate === "exceljs") {
      // What `report` did before package/: the whole workbook through ExcelJS's model and writer.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      const t1 = performance.now();
      phase = "compute";
      const layout = await reportLayout(wb);
      const t2 = performance.now();
      phase = "write";
      await renderReport(layout, new ExcelJsReportRenderer(wb));
      const out = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
      writeFileSync(output, out);
      return { ok: true, loadMs: t1 - t0, computeMs: t2 - t1, writeMs: performance.now() - t2 };
    }
    if (candidate === "xlsx-populate") {
      const wb = await xlsxPopulate().fromDataAsync(bytes);
      const t1 = performance.now();
      phase = "write";
      const s = wb.addSheet("Свод 2021 Q2");
      s.cell("A1").value("Свод по наставничеству, 2021 Q2");
      s.cell("A3").value("Код ОО");
      s.cell("B3").value("План");
      s.cell("C3").value("Охвачено");
      s.cell("A4").value("БДШИ");
      s.cell("B4").value(120);
      s.cell("C4").value(62);
      writeFileSync(output, await wb.outputAsync());
      return { ok: true, loadMs: t1 - t0, computeMs: 0, writeMs: performance.now() - t1 };
    }
    // (3) as src/cli/commands/report.ts: ExcelJS reads a readable copy for the analysis, the sheet goes
    // into the user's own package.
    const wb = await loadWorkbook(bytes, basename(input));
    const t1 = performance.now();
    phase = "compute";
    const layout = await reportLayout(wb);
    const t2 = performance.now();
    phase = "write";
    const pkg = openPackage(bytes, basename(input));
    await renderReport(layout, new PackageReportRenderer(pkg));
    writeFileSync(output, pkg.toBytes());
    return { ok: true, loadMs: t1 - t0, computeMs: t2 - t1, writeMs: performance.now() - t2 };
  } catch (e) {
    return { ok: false, phase, error: e instanceof Error ? e.message : String(e) };
  }
}

// ---------------------------------------------------------------------------------------------------
// Spawning: a fresh process per run, with its peak RSS. Not `process.resourceUsage().maxRSS` read in the
// child (scripts/bench/peak.ts): on Linux a child forked from this process and then exec'd starts with
// this process's RSS as its maxRSS (the kernel keeps the forked copy's high-water mark across exec), so a
// 100 MB child of a 600 MB parent reports 600 MB. GNU time forks from its own tiny process and reports
// the grandchild's peak; without /usr/bin/time the in-child figure is used and is a ceiling, not a peak.

interface Run {
  ms: number;
  maxRss: number | null;
  status: number | null;
  stdout: string;
  stderr: string;
}

const TIME = "/usr/bin/time";
const RSS_MARK = "PACKAGE_EDITORS_MAX_RSS_KB=";

function spawnNode(args: string[], timeoutMs = 240_000): Run {
  const viaTime = existsSync(TIME);
  const [cmd, argv] = viaTime ? [TIME, ["-f", `${RSS_MARK}%M`, process.execPath, ...args]] : [process.execPath, ["-r", PEAK, ...args]];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 1 << 26, timeout: timeoutMs, cwd: ROOT });
  const ms = performance.now() - t0;
  let stderr = r.stderr ?? "";
  let maxRss: number | null = null;
  const m = viaTime ? new RegExp(`${RSS_MARK}(\\d+)`).exec(stderr) : new RegExp(`${PEAK_MARK}(\\d+)`).exec(stderr);
  if (m) maxRss = viaTime ? Number(m[1]) * 1024 : Number(m[1]);
  stderr = stderr.replace(new RegExp(`\\n?(?:${RSS_MARK}|${PEAK_MARK})\\d+\\n?`), "").trim();
  return { ms, maxRss, status: r.status, stdout: r.stdout ?? "", stderr: r.error ? `${r.error.message} ${stderr}` : stderr };
}

// ---------------------------------------------------------------------------------------------------
// Comparing a package before and after.

interface PartsDiff {
  before: number;
  after: number;
  dropped: string[];
  added: string[];
  changed: string[];
  same: number;
}

/** The parts of a package; ExcelJS also writes folder entries (`xl/`), which are no parts and are left out. */
function partsOf(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(readZip(bytes).filter((e) => !e.name.endsWith("/")).map((e) => [e.name, inflateEntry(e)]));
}

function diffParts(before: Map<string, Uint8Array>, afterBytes: Uint8Array): PartsDiff {
  const after = partsOf(afterBytes);
  const d: PartsDiff = { before: before.size, after: after.size, dropped: [], added: [], changed: [], same: 0 };
  for (const [name, data] of before) {
    const a = after.get(name);
    if (!a) d.dropped.push(name);
    else if (Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(data.buffer, data.byteOffset, data.byteLength)) !== 0) d.changed.push(name);
    else d.same++;
  }
  for (const name of after.keys()) if (!before.has(name)) d.added.push(name);
  return d;
}

/** The features a user would miss, counted by their parts (a renamed part still counts). */
const KINDS: [string, RegExp][] = [
  ["pivot", /^xl\/pivot(?:Tables|Cache)\/[^/]+\.xml$/i],
  ["chart", /^xl\/charts\/chart[^/]*\.xml$/i],
  ["drawing", /^xl\/drawings\/drawing[^/]*\.xml$/i],
  ["image", /^xl\/media\//i],
  ["note", /^xl\/comments[^/]*\.xml$|^xl\/comments\/[^/]+\.xml$/i],
  ["vml", /\.vml$/i],
  ["table", /^xl\/tables\/[^/]+\.xml$/i],
  ["custom props", /^docProps\/custom\.xml$/i],
];

function kindCounts(names: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>(KINDS.map(([k]) => [k, 0]));
  for (const n of names) for (const [k, re] of KINDS) if (re.test(n)) m.set(k, m.get(k)! + 1);
  return m;
}

type CellMaps = Map<string, Map<string, string>>;

async function cellMaps(bytes: Uint8Array, name: string): Promise<CellMaps | string> {
  let wb: ExcelJS.Workbook;
  try {
    wb = await loadWorkbook(bytes, name);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  const out: CellMaps = new Map();
  for (const ws of wb.worksheets) {
    const m = new Map<string, string>();
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        m.set(cell.address, JSON.stringify(cell.value));
      }),
    );
    out.set(ws.name, m);
  }
  return out;
}

interface CellDiff {
  cells: number;
  differing: number;
  missingSheets: string[];
  example: string | null;
}

function diffCells(before: CellMaps, after: CellMaps): CellDiff {
  const d: CellDiff = { cells: 0, differing: 0, missingSheets: [], example: null };
  for (const [sheet, cells] of before) {
    const a = after.get(sheet);
    if (!a) {
      d.missingSheets.push(sheet);
      continue;
    }
    const seen = new Set<string>();
    for (const [addr, v] of cells) {
      d.cells++;
      seen.add(addr);
      const w = a.get(addr);
      if (w !== v) {
        d.differing++;
        d.example ??= `${sheet}!${addr}: ${v.slice(0, 60)} → ${(w ?? "(none)").slice(0, 60)}`;
      }
    }
    for (const [addr, w] of a) {
      if (seen.has(addr)) continue;
      d.differing++;
      d.example ??= `${sheet}!${addr}: (none) → ${w.slice(0, 60)}`;
    }
  }
  return d;
}

// ---------------------------------------------------------------------------------------------------
// Texts that need the `_xHHHH_` escape (ECMA-376 Part 1, §22.9.2.19): a literal `_x0041_` is written
// `_x005F_x0041_`, U+0001 is written `_x0001_`. The crafted input has both, inline and shared.

const SPECIAL_SHEET = "Настройки";
const SPECIAL: { col: string; meaning: string; label: string }[] = [
  { col: "H", meaning: "_x0041_", label: "`_x0041_` inline" },
  { col: "I", meaning: "\u0001", label: "U+0001 inline" },
  { col: "J", meaning: "_x0041_", label: "`_x0041_` shared" },
  { col: "K", meaning: "\u0001", label: "U+0001 shared" },
];
const SPECIAL_ROW = 1;

/** The example with the four cells above added in row 1 of «Настройки», by editing its parts as text. */
function craftSpecial(source: string, target: string): void {
  const pkg = new Package(readFileSync(source));
  const sheet = pkg.sheets().find((s) => s.name === SPECIAL_SHEET);
  if (!sheet?.part) throw new Error(`no sheet ${SPECIAL_SHEET}`);
  const wbPart = pkg.workbookPart();
  const sstPart = pkg.rels(wbPart).find((r) => r.type === REL.sharedStrings)?.part;
  if (!sstPart) throw new Error("the example has no shared strings");
  let sst = pkg.text(sstPart);
  const root = findElement(sst, "sst")!;
  const n = elementsIn(sst, root, "si").length;
  sst = sst.slice(0, root.contentEnd) + "<si><t>_x005F_x0041_</t></si><si><t>_x0001_</t></si>" + sst.slice(root.contentEnd);
  const open = findElement(sst, "sst")!.tag;
  let head = sst.slice(open.start, open.end);
  head = withAttr(head, "uniqueCount", String(n + 2));
  if (/\scount="/.test(head)) head = withAttr(head, "count", String(Number(/\scount="(\d+)"/.exec(head)![1]) + 2));
  pkg.set(sstPart, sst.slice(0, open.start) + head + sst.slice(open.end));
  const r = SPECIAL_ROW;
  const cells =
    `<c r="H${r}" t="inlineStr"><is><t>_x005F_x0041_</t></is></c><c r="I${r}" t="inlineStr"><is><t>_x0001_</t></is></c>` +
    `<c r="J${r}" t="s"><v>${n}</v></c><c r="K${r}" t="s"><v>${n + 1}</v></c>`;
  let xml = pkg.text(sheet.part);
  const row = new RegExp(`<row\\b[^>]*\\br="${r}"[^>]*>([\\s\\S]*?)</row>`).exec(xml);
  if (!row) throw new Error(`no row ${r} in ${SPECIAL_SHEET}`);
  const at = row.index + row[0].length - "</row>".length;
  xml = (xml.slice(0, at) + cells + xml.slice(at)).replace(/(<row\b[^>]*\br="1"[^>]*?)\sspans="[^"]*"/, "$1");
  xml = xml.replace(/<dimension ref="([A-Z]+\d+):[A-Z]+(\d+)"/, (_m, a: string, b: string) => `<dimension ref="${a}:K${b}"`);
  pkg.set(sheet.part, xml);
  writeFileSync(target, pkg.toBytes());
}

/** What Excel shows in a cell: the cell's text from the part, XML- and `_xHHHH_`-unescaped. */
function excelText(bytes: Uint8Array, sheetName: string, addr: string): string | null {
  const pkg = new Package(bytes);
  const sheet = pkg.sheets().find((s) => s.name === sheetName);
  if (!sheet?.part) return null;
  const xml = pkg.text(sheet.part);
  const m = new RegExp(`<c\\b[^>]*?\\br="${addr}"[^>]*?(?:/>|>([\\s\\S]*?)</c>)`).exec(xml);
  if (!m) return null;
  const tag = m[0].slice(0, m[0].indexOf(">") + 1);
  const body = m[1] ?? "";
  const t = /\st="(\w+)"/.exec(tag)?.[1] ?? "n";
  const texts = (s: string) => [...s.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g)].map((x) => x[1] ?? "").join("");
  let raw: string;
  if (t === "s") {
    const sstPart = pkg.rels(pkg.workbookPart()).find((r) => r.type === REL.sharedStrings)?.part;
    if (!sstPart) return null;
    const sst = pkg.text(sstPart);
    const si = elementsIn(sst, findElement(sst, "sst")!, "si")[Number(/<v>(\d+)<\/v>/.exec(body)?.[1])];
    if (!si) return null;
    raw = texts(sst.slice(si.tag.end, si.contentEnd));
  } else if (t === "inlineStr") raw = texts(body);
  else if (t === "str") raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? "";
  else return `(cell of type ${t})`;
  return unescapeCellText(unescapeXml(raw));
}

/**
 * The LibreOffice rich file with a `<tableStyleInfo>` in each table: ExcelJS's writer crashes on tables
 * without one (LibreOffice writes none), so this copy shows what candidate (1) drops once it gets past that.
 */
function craftStyledTables(source: string, target: string): void {
  const pkg = new Package(readFileSync(source));
  for (const name of pkg.names()) {
    if (!/^xl\/tables\/[^/]+\.xml$/.test(name) || pkg.text(name).includes("tableStyleInfo")) continue;
    const info = '<tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>';
    pkg.set(name, pkg.text(name).replace("</tableColumns>", `</tableColumns>${info}`));
  }
  writeFileSync(target, pkg.toBytes());
}

const show = (s: string | null) => (s === null ? "(no cell)" : JSON.stringify(s).replace(/\|/g, "\\|"));

// ---------------------------------------------------------------------------------------------------

interface Input {
  key: string;
  path: string;
  note: string;
}

interface Measured {
  input: Input;
  candidate: Candidate;
  result: ChildResult;
  ms: number[];
  rss: number[];
  loadMs: number[];
  writeMs: number[];
  parts?: PartsDiff;
  kinds?: { before: Map<string, number>; after: Map<string, number> };
  cells?: CellDiff | string;
  special?: (string | null)[];
}

const fmtS = (x: number) => (Number.isFinite(x) ? (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`) : "—");
const list = (xs: string[], max = 6) => (xs.length === 0 ? "—" : xs.length <= max ? xs.map((x) => `\`${x}\``).join(", ") : `${xs.slice(0, max).map((x) => `\`${x}\``).join(", ")} … (+${xs.length - max})`);
const oneLine = (s: string) => s.split("\n")[0].replace(/\|/g, "\\|").slice(0, 140);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: "string" }, runs: { type: "string" }, dir: { type: "string" } } });
  const rows = Number(values.rows ?? 100_000);
  const runs = Number(values.runs ?? 3);
  const dir = values.dir ?? "/tmp/mm-package-editors";
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const loadBefore = load();
  console.error(`Machine: ${machine()}; load ${loadBefore}; files in ${dir}`);

  const fx = (f: string) => join(ROOT, "test", "fixtures", "writers", f);
  const special = join(dir, "example-escapes.xlsx");
  craftSpecial(join(ROOT, "examples", "boksitogorsk-2021.xlsx"), special);
  const styled = join(dir, "district-rich-libreoffice-styled.xlsx");
  craftStyledTables(fx("district-rich-libreoffice.xlsx"), styled);
  const bench = rows > 0 ? await benchFile(dir, rows) : null;
  const inputs: Input[] = [
    { key: "boksitogorsk-2021", path: join(ROOT, "examples", "boksitogorsk-2021.xlsx"), note: "ExcelJS (the bundled example)" },
    { key: "example-escapes", path: special, note: "the example + `_x0041_` and U+0001 in «Настройки»!H1:K1" },
    { key: "example-libreoffice", path: fx("example-libreoffice.xlsx"), note: "LibreOffice re-save" },
    { key: "example-openpyxl", path: fx("example-openpyxl.xlsx"), note: "openpyxl re-save" },
    { key: "district-rich-libreoffice", path: fx("district-rich-libreoffice.xlsx"), note: "LibreOffice: pivot, chart, image, note, 3 tables" },
    { key: "district-rich-libreoffice-styled", path: styled, note: "the previous + `<tableStyleInfo>` in its 3 tables (crafted, so that (1) can write)" },
    { key: "district-libreoffice-roster-table", path: fx("district-libreoffice-roster-table.xlsx"), note: "LibreOffice: the roster is an Excel table (4 tables)" },
    { key: "district-rich-openpyxl", path: fx("district-rich-openpyxl.xlsx"), note: "openpyxl: chart, image, comment, 4 tables" },
    { key: "district-rich-lo-then-openpyxl", path: fx("district-rich-lo-then-openpyxl.xlsx"), note: "the LibreOffice file re-saved by openpyxl (pivot kept)" },
    ...(bench ? [{ key: `bench-${rows}`, path: bench.path, note: `${int(rows)} roster rows, ExcelJS-written, ${(bench.bytes / 1048576).toFixed(1)} MB` }] : []),
  ];

  const measured: Measured[] = [];
  for (const input of inputs) {
    const beforeBytes = readFileSync(input.path);
    const beforeParts = partsOf(beforeBytes);
    console.error(`${input.key}: ${beforeParts.size} parts, ${int(beforeBytes.length)} bytes (at ${fmtS(performance.now() - started)})`);
    const ms = CANDIDATES.map((candidate) => ({ input, candidate, result: { ok: false } as ChildResult, ms: [], rss: [], loadMs: [], writeMs: [] }) as Measured);
    // The candidates alternate within each round, so the machine's other work falls on all of them alike.
    for (let run = 0; run < runs; run++) {
      for (const m of ms) {
        if (run > 0 && !m.result.ok) continue; // a failure is recorded once
        const out = join(dir, `out-${input.key}-${m.candidate}.xlsx`);
        const r = spawnNode([__filename, "child", m.candidate, input.path, out]);
        let res: ChildResult;
        try {
          res = JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as ChildResult;
        } catch {
          res = { ok: false, phase: "process", error: `exit ${r.status}: ${oneLine(r.stderr)}` };
        }
        m.result = res;
        if (!res.ok) continue;
        m.ms.push(r.ms);
        if (r.maxRss !== null) m.rss.push(r.maxRss);
        m.loadMs.push((res.loadMs ?? 0) + (res.computeMs ?? 0));
        m.writeMs.push(res.writeMs ?? 0);
      }
    }
    const beforeCells = await cellMaps(beforeBytes, basename(input.path));
    for (const m of ms) {
      if (!m.result.ok) continue;
      const out = readFileSync(join(dir, `out-${input.key}-${m.candidate}.xlsx`));
      m.parts = diffParts(beforeParts, out);
      m.kinds = { before: kindCounts(beforeParts.keys()), after: kindCounts(partsOf(out).keys()) };
      const afterCells = typeof beforeCells === "string" ? beforeCells : await cellMaps(out, "out.xlsx");
      m.cells = typeof beforeCells === "string" ? `input unreadable: ${beforeCells}` : typeof afterCells === "string" ? `output unreadable: ${afterCells}` : diffCells(beforeCells, afterCells);
      if (input.path === special) m.special = SPECIAL.map((s) => excelText(out, SPECIAL_SHEET, `${s.col}${SPECIAL_ROW}`));
      console.error(`  ${m.candidate}: ${m.parts.dropped.length} dropped, ${m.parts.changed.length} changed, ${m.parts.added.length} added; ${fmtS(median(m.ms))}`);
    }
    measured.push(...ms);
  }

  // The real command line: what `report` and `consolidate` change in each input.
  const cli: { input: Input; command: string; status: number | null; message: string; ms: number; rss: number | null; parts?: PartsDiff }[] = [];
  const school = fx(join("schools-a", "отчёт.xlsx"));
  for (const input of inputs) {
    const beforeParts = partsOf(readFileSync(input.path));
    // The large file only through candidate (3) above, which is the same code path: its CLI run would add
    // another ten seconds; its codes are not the school's, so consolidate would write nothing.
    if (input.key.startsWith("bench")) continue;
    const commands: [string, string[], string][] = [
      ["report", [CLI, "report", input.path, "--period", PERIOD, "-o"], join(dir, `cli-report-${input.key}.xlsx`)],
      ["consolidate", [CLI, "consolidate", school, "--into", input.path, "-o"], join(dir, `cli-consolidate-${input.key}.xlsx`)],
    ];
    for (const [command, args, out] of commands) {
      rmSync(out, { force: true });
      const r = spawnNode([...args, out]);
      const ok = r.status === 0 && existsSync(out) && statSync(out).size > 0;
      cli.push({ input, command, status: r.status, message: oneLine(r.status === 0 ? r.stdout : r.stderr || r.stdout), ms: r.ms, rss: r.maxRss, parts: ok ? diffParts(beforeParts, readFileSync(out)) : undefined });
    }
  }

  // ---------------------------------------------------------------------------------------------------
  const o: string[] = [];
  const p = (s = "") => o.push(s);
  p(`Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}; 1-minute load ${loadBefore} before, ${load()} after (other processes were running). ${runs} runs per candidate and input, each a fresh process; the candidates alternate. Script time ${fmtS(performance.now() - started)}.`);
  p();
  p("### Inputs");
  p();
  p("| input | made by / contains | parts | bytes |");
  p("|---|---|---:|---:|");
  for (const i of inputs) p(`| \`${i.key}\` | ${i.note} | ${partsOf(readFileSync(i.path)).size} | ${int(statSync(i.path).size)} |`);
  p();
  p("### Result and parts (uncompressed content of each zip entry compared, before → after)");
  p();
  p("| input | candidate | result | parts before → after | dropped | changed | added | cells of the original sheets (ExcelJS) |");
  p("|---|---|---|---|---|---|---|---|");
  for (const m of measured) {
    const res = m.result.ok ? "ok" : `**throws** (${m.result.phase}): ${oneLine(m.result.error ?? "")}`;
    const parts = m.parts;
    const cells =
      m.cells === undefined ? "—" : typeof m.cells === "string" ? oneLine(m.cells) : m.cells.differing === 0 && m.cells.missingSheets.length === 0 ? `identical (${int(m.cells.cells)})` : `**${int(m.cells.differing)} differ** of ${int(m.cells.cells)}${m.cells.missingSheets.length ? `, sheets missing: ${m.cells.missingSheets.join(", ")}` : ""}; e.g. ${oneLine(m.cells.example ?? "")}`;
    p(
      `| \`${m.input.key}\` | ${LABEL[m.candidate]} | ${res} | ${parts ? `${parts.before} → ${parts.after}` : "—"} | ${parts ? (parts.dropped.length ? `**${parts.dropped.length}**: ${list(parts.dropped, 12)}` : "0") : "—"} | ${parts ? `${parts.changed.length}: ${list(parts.changed, 6)}` : "—"} | ${parts ? `${parts.added.length}: ${list(parts.added, 3)}` : "—"} | ${cells} |`,
    );
  }
  p();
  p("### Features, counted by their parts (before → after; a renamed part still counts)");
  p();
  p(`| input | candidate | ${KINDS.map(([k]) => k).join(" | ")} |`);
  p(`|---|---|${KINDS.map(() => "---").join("|")}|`);
  for (const m of measured) {
    if (!m.kinds) continue;
    const cellsOf = KINDS.map(([k]) => {
      const b = m.kinds!.before.get(k)!;
      const a = m.kinds!.after.get(k)!;
      return b === 0 && a === 0 ? "" : a < b ? `**${b} → ${a}**` : `${b} → ${a}`;
    });
    p(`| \`${m.input.key}\` | ${LABEL[m.candidate]} | ${cellsOf.join(" | ")} |`);
  }
  p();
  p(`### Texts that need the \`_xHHHH_\` escape (\`example-escapes\`, what Excel reads from «${SPECIAL_SHEET}»!H1:K1 of the output)`);
  p();
  p(`| candidate | ${SPECIAL.map((s) => s.label).join(" | ")} |`);
  p(`|---|${SPECIAL.map(() => "---").join("|")}|`);
  p(`| expected | ${SPECIAL.map((s) => show(s.meaning)).join(" | ")} |`);
  p(`| input (check) | ${SPECIAL.map((s) => show(excelText(readFileSync(special), SPECIAL_SHEET, `${s.col}${SPECIAL_ROW}`))).join(" | ")} |`);
  for (const m of measured) {
    if (!m.special) continue;
    p(`| ${LABEL[m.candidate]} | ${m.special.map((v, i) => (v === SPECIAL[i].meaning ? `${show(v)} ✓` : `**${show(v)}**`)).join(" | ")} |`);
  }
  p();
  p(`### Time and memory (median of ${runs}; whole process from spawn to exit, and its phases)`);
  p();
  p("| input | candidate | process wall | read + compute | add sheet + write | peak RSS |");
  p("|---|---|---:|---:|---:|---:|");
  for (const m of measured) {
    if (!m.result.ok) {
      p(`| \`${m.input.key}\` | ${LABEL[m.candidate]} | fails | | | |`);
      continue;
    }
    p(`| \`${m.input.key}\` | ${LABEL[m.candidate]} | ${fmtS(median(m.ms))} | ${fmtS(median(m.loadMs))} | ${fmtS(median(m.writeMs))} | ${mb(median(m.rss))} |`);
  }
  p();
  p("### The real command line (one run each): what the product changes");
  p();
  p("| input | command | exit | wall | peak RSS | dropped | changed | added |");
  p("|---|---|---:|---:|---:|---|---|---|");
  for (const c of cli) {
    const d = c.parts;
    p(`| \`${c.input.key}\` | \`${c.command}\` | ${c.status}${c.status === 0 ? "" : `: ${c.message}`} | ${fmtS(c.ms)} | ${mb(c.rss)} | ${d ? d.dropped.length : "—"} | ${d ? list(d.changed, 8) : "—"} | ${d ? list(d.added, 4) : "—"} |`);
  }
  console.log(o.join("\n"));
  writeFileSync(join(dir, "package-editors.json"), JSON.stringify({ measured: measured.map((m) => ({ ...m, kinds: undefined })), cli }, null, 1));
}

if (process.argv[2] === "child") {
  void child(process.argv[3] as Candidate, process.argv[4], process.argv[5]).then((r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
  });
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
