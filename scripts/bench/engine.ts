// The engine half of the benchmark, run in a process of its own per workbook (so each size's memory is
// its own): read the file once through the .xlsx adapter, then time validation, coverage, the roadmap
// and — when src/core/report has a builder — the report model, each over several warm runs.
// Usage (spawned by bench.ts): node --expose-gc dist/scripts/bench/engine.js FILE RUNS
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { WorkbookInput } from "../../src/core/model/cells";
import { analyzeWorkbook } from "../../src/core/analyze";
import { computeCoverage } from "../../src/core/coverage/coverage";
import { parseIsoDay } from "../../src/core/model/dates";
import { parsePeriod } from "../../src/core/model/period";
import { computeRoadmap } from "../../src/core/roadmap/roadmap";
import { loadWorkbook, workbookInputOf } from "../../src/xlsx/read";
import { median, timed } from "./stats";
import { BENCH_PERIOD } from "./workbook";

export interface EngineResult {
  rosterRows: number;
  issues: number;
  rows: { total: number; counted: number; outsidePeriod: number; excluded: number; blank: number };
  load: number; // ExcelJS reads the bytes
  adapter: number; // ExcelJS workbook → WorkbookInput
  validation: number[];
  coverage: number[];
  roadmap: number[];
  report: number[] | null; // null: no report builder yet
  inputHeap: number; // heap used by the WorkbookInput alone
  peakHeap: number; // most heap used after any engine step
  maxRss: number; // the process's peak resident memory, ExcelJS load included
}

type ReportBuilder = (input: object) => unknown;

/** The report model builder, if the report module exists by now; loaded by path so the bench builds without it. */
function reportBuilder(): ReportBuilder | null {
  try {
    const mod = require(join(__dirname, "..", "..", "src", "core", "report", "model")) as { buildReport?: ReportBuilder };
    return typeof mod.buildReport === "function" ? mod.buildReport : null;
  } catch {
    return null;
  }
}

async function readInput(file: string): Promise<{ input: WorkbookInput; load: number; adapter: number }> {
  const t0 = performance.now();
  const wb = await loadWorkbook(readFileSync(file), basename(file));
  const load = performance.now() - t0;
  const { value: input, ms: adapter } = timed(() => workbookInputOf(wb));
  return { input, load, adapter }; // the ExcelJS workbook is dropped here: the add-in never has one
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function main(): Promise<void> {
  const [file, runsArg] = process.argv.slice(2);
  const runs = Number(runsArg ?? 5);
  const { input, load, adapter } = await readInput(file);
  gc();
  const inputHeap = process.memoryUsage().heapUsed;
  const period = parsePeriod(BENCH_PERIOD)!;
  const asOf = parseIsoDay("2021-06-30")!;
  const build = reportBuilder();
  const out: EngineResult = {
    rosterRows: 0, issues: 0, rows: { total: 0, counted: 0, outsidePeriod: 0, excluded: 0, blank: 0 },
    load, adapter, validation: [], coverage: [], roadmap: [], report: build ? [] : null,
    inputHeap, peakHeap: inputHeap, maxRss: 0,
  };
  const sample = () => (out.peakHeap = Math.max(out.peakHeap, process.memoryUsage().heapUsed));
  // One unmeasured warm-up run, then `runs` measured ones, each from a collected heap.
  for (let i = 0; i <= runs; i++) {
    gc();
    const a = timed(() => analyzeWorkbook(input, { today: asOf }));
    sample();
    const c = timed(() => computeCoverage(a.value, period));
    sample();
    const r = timed(() => computeRoadmap(a.value, asOf, period.year));
    sample();
    const m = build ? timed(() => build({ analysis: a.value, coverage: c.value, roadmap: r.value, asOf, madeAt: "30.06.2021 12:00" })) : null;
    sample();
    if (i === 0) {
      out.rosterRows = a.value.participants.reduce((s, p) => s + p.records.length + p.emptyRows, 0);
      out.issues = a.value.issues.length;
      out.rows = { ...c.value.rows };
      continue;
    }
    out.validation.push(a.ms);
    out.coverage.push(c.ms);
    out.roadmap.push(r.ms);
    if (m) out.report!.push(m.ms);
  }
  out.maxRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify(out));
}

export const engineMedian = (xs: number[] | null): number | null => (xs ? median(xs) : null);

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(String(e instanceof Error ? e.stack : e));
    process.exitCode = 1;
  });
}
