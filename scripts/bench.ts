// `npm run bench`: how the engine and the command line scale with the roster (issue 6).
// Generates seeded workbooks of 1 000, 10 000 and 100 000 roster rows over thirty organizations with
// realistic mistakes, then per size: engine times (median of warm runs, in a process of its own), and the
// command line's whole-file time next to ExcelJS merely reading the same file, and the Excel round trips
// and queued operations of each pane action, counted by the Excel test host; then the reader at a region's
// 300 000 rows and at Excel's 1 048 576 (files made by repeating the 100 000-row roster, scripts/bench/
// large.ts), and what whole-column drop-downs and merges cost. Prints Markdown.
// Then the task pane in Chromium on the test host (issue 15, scripts/bench/pane.ts): time to results,
// the longest main-thread task and the issue list's DOM nodes at a district's size; and the standalone
// page in Chromium from file:// (issue 16, scripts/bench/page.ts): open, check, coverage, the Свод and the
// highlights at 10 000 and 100 000 rows, each with its longest main-thread task.
// Options: --sizes 1000,10000  --runs 5 (engine runs)  --cli-runs 5  --large 300000,1048576 (or none)
//          --dir /tmp/…  --pane-rows 20000 (or none)  --page-rows 10000,100000 (or none)
//          --only pane | --only page (that part alone)
import { existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { EngineResult } from "./bench/engine";
import { runNode } from "./bench/spawn";
import type { SyncResult } from "./bench/sync-types";
import { type LargeResult, type SizeResult, type WholeColumnResult, cliTable, engineTable, goals, largeGoals, largeTable, load, machine, syncTable } from "./bench/tables";
import { median } from "./bench/stats";
import { BENCH_PERIOD, benchFile } from "./bench/workbook";
import { type PaneResult, paneGoals, paneTable } from "./bench/pane";
import { type PageResult, pageGoals, pageTable } from "./bench/page";

const DIST = join(__dirname, "..");
const CLI = join(DIST, "src", "cli", "main.js");
const LARGE = join(__dirname, "bench", "large.js");

/** Runs one command `runs` times, each a fresh process; `validate` may exit with 1 (the roster has errors). */
function timedRuns(runs: number, args: string[]): { ms: number; maxRss: number | null } {
  const ms: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = runNode(args);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited with ${r.status}: ${r.stderr}`);
    ms.push(r.ms);
    if (r.maxRss !== null) rss.push(r.maxRss);
  }
  return { ms: median(ms), maxRss: rss.length > 0 ? median(rss) : null };
}

function engineOf(file: string, runs: number): EngineResult {
  const r = runNode([join(__dirname, "bench", "engine.js"), file, String(runs)], { nodeFlags: ["--expose-gc"] });
  if (r.status !== 0) throw new Error(`engine run failed on ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout) as EngineResult;
}

// The sync counter needs the Office.js build (tsconfig.bench-office.json → dist-bench/).
const SYNCS = join(DIST, "..", "dist-bench", "scripts", "bench", "syncs.js");

function syncsOf(file: string): SyncResult {
  const r = runNode([SYNCS, file]);
  if (r.status !== 0) throw new Error(`sync count failed on ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout) as SyncResult;
}

const PANE = join(__dirname, "bench", "pane.js");

/** The pane's measurements, in a process of its own (it drives Chromium). */
function paneOf(rows: number): PaneResult {
  const r = runNode([PANE, "--rows", String(rows), "--dom-rows", String(Math.max(25_000, rows))]);
  if (r.status !== 0) throw new Error(`pane bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PaneResult;
}

const PAGE = join(__dirname, "bench", "page.js");

/** The standalone page's measurements, in a process of its own (it drives Chromium). */
function pageOf(rows: readonly number[], dir: string): PageResult {
  const r = runNode([PAGE, "--rows", rows.join(","), "--dir", dir]);
  if (r.status !== 0) throw new Error(`page bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PageResult;
}

type Timed = { ms: number[]; maxRss: number[] };

/** Runs the two commands alternately, so that whatever else the machine does falls on both alike. */
function alternate(runs: number, a: string[], b: string[], checkA: (stdout: string) => void): [Timed, Timed] {
  const out: [Timed, Timed] = [{ ms: [], maxRss: [] }, { ms: [], maxRss: [] }];
  for (let i = 0; i < runs; i++) {
    for (const [k, args] of [a, b].entries()) {
      const r = runNode(args);
      // `validate` exits with 1 when the roster has errors, as the bench's rosters do on purpose.
      if (r.status !== 0 && !(k === 0 && r.status === 1)) throw new Error(`${args.join(" ")} exited with ${r.status}: ${r.stderr}`);
      if (k === 0) checkA(r.stdout);
      out[k].ms.push(r.ms);
      if (r.maxRss !== null) out[k].maxRss.push(r.maxRss);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: "string" }, runs: { type: "string" }, "cli-runs": { type: "string" }, large: { type: "string" }, dir: { type: "string" }, "pane-rows": { type: "string" }, "page-rows": { type: "string" }, only: { type: "string" } },
  });
  const paneRows = values["pane-rows"] === "none" ? null : Number(values["pane-rows"] ?? 20_000);
  const pageRows = values["page-rows"] === "none" ? [] : (values["page-rows"] ?? "10000,100000").split(",").map(Number);
  const benchDir = values.dir ?? join(tmpdir(), "mentor-monitor-bench");
  if (values.only === "page") {
    console.error(`Машина: ${machine()}. Страница: ${pageRows.join(", ")} строк`);
    const loadBefore = load();
    const p = pageOf(pageRows.length > 0 ? pageRows : [10_000, 100_000], benchDir);
    console.log(`## The standalone page in Chromium, opened from file://\n\n${pageTable(p)}\n\n## Goals\n\n${pageGoals(p)}\n`);
    console.log(`Machine: ${machine()}. Load average (1 min) ${loadBefore} before the runs, ${load()} after.`);
    return;
  }
  if (values.only === "pane") {
    console.error(`Машина: ${machine()}. Панель: ${paneRows ?? 20_000} строк`);
    const p = paneOf(paneRows ?? 20_000);
    console.log(`## Task pane in Chromium on the Excel test host (${p.engine})\n\n${paneTable(p)}\n\n## Goals\n\n${paneGoals(p)}\n`);
    console.log(`Machine: ${machine()}. Load average (1 min) ${load()}.`);
    return;
  }
  const large = values.large === "none" ? [] : (values.large ?? "300000,1048576").split(",").map(Number);
  const sizes = (values.sizes ?? "1000,10000,100000").split(",").map(Number);
  const runs = Number(values.runs ?? 5);
  const cliRuns = Number(values["cli-runs"] ?? 5);
  const dir = benchDir;
  console.error(`Машина: ${machine()}. Файлы: ${dir}`);
  const loadBefore = load();

  const results: SizeResult[] = [];
  for (const rows of sizes) {
    const f = await benchFile(dir, rows);
    console.error(`${rows} строк: ${f.path}${f.generatedMs === null ? " (уже был)" : ` (создан за ${Math.round(f.generatedMs)} мс)`}`);
    const engine = engineOf(f.path, runs);
    const [cli, bare] = alternate(
      cliRuns,
      [CLI, "validate", f.path, "--json"],
      [join(__dirname, "bench", "bare-read.js"), f.path],
      (s) => void JSON.parse(s),
    );
    const syncs = syncsOf(f.path);
    results.push({ rows, fileBytes: f.bytes, engine, cli, bare, syncs });
  }

  console.log(`## Engine (median of ${runs} warm runs)\n\n${engineTable(results)}\n`);
  console.log(`## Command line (median of ${cliRuns} runs each, each a fresh process, the two alternating)\n\n${cliTable(results)}\n`);
  console.log(`## Excel round trips per pane action (Excel test host)\n\nDesktop Excel (no payload limit):\n\n${syncTable(results, "desktop")}\n`);
  console.log(`Excel on the web (5 MB per request and per response):\n\n${syncTable(results, "web")}\n`);
  const base = results.find((r) => r.rows === 100_000) ? await benchFile(dir, 100_000) : null;
  const big: LargeResult[] = [];
  let whole: WholeColumnResult | null = null;
  if (base && large.length > 0) {
    for (const rows of large) {
      const path = join(dir, `bench-large-${rows}.xlsx`);
      if (!existsSync(path)) {
        console.error(`${rows} строк: ${path} (повтор строк файла на 100 000)`);
        const r = runNode([LARGE, "make", base.path, String(rows), path], { nodeFlags: ["--max-old-space-size=6000"] });
        if (r.status !== 0) throw new Error(`large file: ${r.stderr}`);
      }
      const n = rows >= 1_000_000 ? 1 : 3;
      const validate = timedRuns(n, [CLI, "validate", path, "--json"]);
      const report = timedRuns(n, [CLI, "report", path, "--period", BENCH_PERIOD, "-o", join(dir, `report-${rows}.xlsx`)]);
      big.push({ rows, fileBytes: statSync(path).size, validate, report });
    }
    const wholePath = join(dir, "bench-whole-column-100000.xlsx");
    if (!existsSync(wholePath)) runNode([LARGE, "whole-column", base.path, wholePath]);
    const plain: number[] = [];
    const withRules: number[] = [];
    for (let i = 0; i < 3; i++) {
      plain.push(JSON.parse(runNode([LARGE, "read", base.path, "5"]).stdout).ms);
      withRules.push(JSON.parse(runNode([LARGE, "read", wholePath, "5"]).stdout).ms);
    }
    whole = { plain: median(plain), withRules: median(withRules) };
    console.log(`## Large rosters (the command line, wall clock and peak memory; median of 3 runs, 1 at 1 048 576)\n\n${largeTable(big)}\n`);
  }

  const pane = paneRows === null ? null : paneOf(paneRows);
  if (pane) console.log(`## Task pane in Chromium on the Excel test host (${pane.engine})\n\n${paneTable(pane)}\n`);
  const page = pageRows.length === 0 ? null : pageOf(pageRows, dir);
  if (page) console.log(`## The standalone page in Chromium, opened from file://\n\n${pageTable(page)}\n`);
  console.log(`## Goals\n\n${goals(results)}${big.length > 0 || whole ? `\n${largeGoals(big, whole)}` : ""}${pane ? `\n${paneGoals(pane)}` : ""}${page ? `\n${pageGoals(page)}` : ""}\n`);
  console.log(`Machine: ${machine()}. Load average (1 min) ${loadBefore} before the runs, ${load()} after.`);
  for (const r of results) {
    const x = r.engine.rows;
    console.log(`- ${r.rows} rows: counted ${x.counted}, outside ${BENCH_PERIOD} ${x.outsidePeriod}, excluded ${x.excluded}, blank ${x.blank}; issues ${r.engine.issues}`);
  }
}

main().catch((e) => {
  console.error(`Бенчмарк не выполнен: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
});
