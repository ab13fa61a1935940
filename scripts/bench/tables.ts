// The benchmark's Markdown: one table for the engine, one for the command line, then the goals.
import { cpus, loadavg, totalmem } from "node:os";
import type { EngineResult } from "./engine";
import type { ActionCount, Profile, SyncResult } from "./sync-types";
import { int, mb, median, ms } from "./stats";

export interface SizeResult {
  rows: number;
  fileBytes: number;
  engine: EngineResult;
  cli: { ms: number[]; maxRss: number[] };
  bare: { ms: number[]; maxRss: number[] };
  syncs: SyncResult;
}

const ACTION_NAMES = { check: "check", highlightIssues: "highlight issues", coverage: "coverage", generateReport: "report" } as const;
const MAX_SYNCS = 6;
const LIMIT = 5_000_000;

/** Round trips and queued operations per pane action and size, for one Excel profile. */
export function syncTable(results: SizeResult[], profile: Profile): string {
  const actions = Object.keys(ACTION_NAMES) as (keyof typeof ACTION_NAMES)[];
  const head = `| roster rows | ${actions.map((a) => `${ACTION_NAMES[a]}: syncs / queued ops`).join(" | ")} | largest request / response |`;
  const rule = `|---:|${actions.map(() => "---:|").join("")}---:|`;
  const lines = results.map(({ rows, syncs }) => {
    const p = syncs[profile];
    const most = (k: keyof ActionCount) => Math.max(...actions.map((a) => p[a][k]));
    return `| ${int(rows)} | ${actions.map((a) => `${p[a].syncs} / ${int(p[a].queuedOps)}`).join(" | ")} | ${mb(most("maxRequestBytes"))} / ${mb(most("maxResponseBytes"))} |`;
  });
  return [head, rule, ...lines].join("\n");
}

const PENDING = "n/a (report model pending)";

/** Validation + coverage (+ the report model when it exists): the engine time the goal is about. */
export function engineTotal(e: EngineResult): number {
  return median(e.validation) + median(e.coverage) + (e.report ? median(e.report) : 0);
}

export function engineTable(results: SizeResult[]): string {
  const head = "| roster rows | issues | validation (analyzeWorkbook) | coverage | roadmap | report model | validation + coverage + report | per 1 000 rows | heap: input → peak | ExcelJS → input (adapter) |";
  const rule = "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
  const lines = results.map(({ rows, engine: e }) =>
    `| ${int(rows)} | ${int(e.issues)} | ${ms(median(e.validation))} | ${ms(median(e.coverage))} | ${ms(median(e.roadmap))} | ${e.report ? ms(median(e.report)) : PENDING} | **${ms(engineTotal(e))}** | ${ms((engineTotal(e) * 1000) / rows)} | ${mb(e.inputHeap)} → ${mb(e.peakHeap)} | ${ms(e.adapter)} |`,
  );
  return [head, rule, ...lines].join("\n");
}

export function cliTable(results: SizeResult[]): string {
  const head = "| roster rows | file | `validate --json` (wall) | bare ExcelJS `readFile` (wall) | time ratio | CLI peak RSS | bare read peak RSS | memory ratio |";
  const rule = "|---:|---:|---:|---:|---:|---:|---:|---:|";
  const lines = results.map(({ rows, fileBytes, cli, bare }) => {
    const c = median(cli.ms);
    const b = median(bare.ms);
    return `| ${int(rows)} | ${(fileBytes / 1048576).toFixed(1)} MB | ${ms(c)} | ${ms(b)} | **${(c / b).toFixed(2)}×** | ${mb(median(cli.maxRss))} | ${mb(median(bare.maxRss))} | **${(median(cli.maxRss) / median(bare.maxRss)).toFixed(2)}×** |`;
  });
  return [head, rule, ...lines].join("\n");
}

export interface LargeResult {
  rows: number;
  fileBytes: number;
  validate: { ms: number; maxRss: number | null };
  report: { ms: number; maxRss: number | null };
}

export interface WholeColumnResult {
  /** The reader on the 100 000-row file, and on the same file with whole-column drop-downs and a merge. */
  plain: number;
  withRules: number;
}

export function largeTable(results: LargeResult[]): string {
  const head = "| roster rows | file | `validate --json` | peak RSS | `report` | peak RSS |";
  const rule = "|---:|---:|---:|---:|---:|---:|";
  return [head, rule, ...results.map((r) => `| ${int(r.rows)} | ${(r.fileBytes / 1048576).toFixed(1)} MB | ${ms(r.validate.ms)} | ${mb(r.validate.maxRss)} | ${ms(r.report.ms)} | ${mb(r.report.maxRss)} |`)].join("\n");
}

const GB = 1 << 30;
const verdict = (ok: boolean) => (ok ? "**met**" : "**not met**");

export function largeGoals(results: LargeResult[], whole: WholeColumnResult | null): string {
  const out: string[] = [];
  for (const r of results) {
    if (r.rows === 300_000) {
      out.push(`- 300 000 rows: validate ${ms(r.validate.ms)} — goal ≤ 5 s: ${verdict(r.validate.ms <= 5000)}; peak ${mb(r.validate.maxRss)} — goal ≤ 600 MB: ${verdict((r.validate.maxRss ?? Infinity) <= 600 * 1048576)}; report ${ms(r.report.ms)} — goal ≤ 8 s: ${verdict(r.report.ms <= 8000)}`);
    } else if (r.rows >= 1_000_000) {
      const peak = Math.max(r.validate.maxRss ?? Infinity, r.report.maxRss ?? Infinity);
      out.push(`- ${int(r.rows)} rows (Excel's limit): validate ${ms(r.validate.ms)}, report ${ms(r.report.ms)}, peak ${mb(peak)} — goal a result within 2 GB: ${verdict(peak <= 2 * GB)}`);
    } else out.push(`- ${int(r.rows)} rows: validate ${ms(r.validate.ms)}, report ${ms(r.report.ms)} (no goal stated)`);
  }
  if (whole) {
    const d = whole.withRules - whole.plain;
    out.push(`- eleven whole-column drop-downs and a whole-column merge on 100 000 rows: the reader ${ms(whole.plain)} → ${ms(whole.withRules)} (${d >= 0 ? "+" : "−"}${ms(Math.abs(d))}) — goal under 50 ms more: ${verdict(d < 50)}`);
  }
  return out.join("\n");
}

export function goals(results: SizeResult[]): string {
  const out: string[] = [];
  const largest = results[results.length - 1];
  if (largest) {
    const t = engineTotal(largest.engine);
    const what = largest.engine.report ? "validation + coverage + report model" : "validation + coverage (report model pending)";
    // The goals are stated for 100 000 rows: a smaller run shows the time but does not judge it.
    const judged = largest.rows >= 100_000;
    const verdict = (ok: boolean) => (judged ? (ok ? "**met**" : "**not met**") : "not judged (the goal is for 100 000 rows)");
    out.push(`- ${what} on ${int(largest.rows)} rows: ${ms(t)} — goal < 500 ms (issue 6): ${verdict(t < 500)}; goal ≤ 250 ms (issue 15): ${verdict(t <= 250)}`);
  }
  if (results.length >= 2) {
    const per = results.map((r) => engineTotal(r.engine) / r.rows);
    const a = results[results.length - 2];
    const ratio = per[per.length - 1] / per[per.length - 2];
    out.push(`- linear in rows: cost per row at ${int(largest.rows)} is ${ratio.toFixed(2)}× the cost per row at ${int(a.rows)} — goal ≤ 1.5×: ${ratio <= 1.5 ? "**met**" : "**not met**"}`);
  }
  if (results.length > 0) {
    const counts = (p: Profile) => results.flatMap((r) => Object.values(r.syncs[p]).map((c) => c.syncs));
    const desk = counts("desktop");
    const constant = results.every((r) => JSON.stringify(syncsOf(r, "desktop")) === JSON.stringify(syncsOf(results[0], "desktop")));
    const ok = constant && Math.max(...desk) <= MAX_SYNCS;
    out.push(`- syncs per action, desktop Excel: ${constant ? "the same at every size" : "grow with rows"}, at most ${Math.max(...desk)} — goal a constant ≤ ${MAX_SYNCS}: ${ok ? "**met**" : "**not met**"}`);
    const web = counts("web");
    const big = Math.max(...results.flatMap((r) => Object.values(r.syncs.web).flatMap((c) => [c.maxRequestBytes, c.maxResponseBytes])));
    out.push(`- Excel on the web: every request and response ≤ ${mb(big)} — goal under 5 MB: ${big < LIMIT ? "**met**" : "**not met**"}; syncs per action ${Math.min(...web)}–${Math.max(...web)} (reading takes one more sync per block of cells the 5 MB limit allows)`);
  }
  for (const r of results) {
    const ratio = median(r.cli.ms) / median(r.bare.ms);
    const memory = median(r.cli.maxRss) / median(r.bare.maxRss);
    // Issue 12 states the goals for the 100 000-row file; smaller files show the ratios unjudged.
    const judged = r.rows === 100_000;
    out.push(
      `- \`validate --json\` on ${int(r.rows)} rows: ${ratio.toFixed(2)}× the time and ${memory.toFixed(2)}× the peak memory of a bare ExcelJS read — goals ≤ 0.4× and ≤ 0.5×: ${judged ? `${verdict(ratio <= 0.4)}, ${verdict(memory <= 0.5)}` : "not judged (stated for 100 000 rows)"}`,
    );
  }
  return out.join("\n");
}

const syncsOf = (r: SizeResult, p: Profile) => Object.values(r.syncs[p]).map((c) => c.syncs);

export function machine(): string {
  const c = cpus();
  return `${c.length} cores (${c[0]?.model ?? "unknown CPU"}), ${Math.round(totalmem() / 1073741824)} GB RAM, Node ${process.version}, ${process.platform}`;
}

/** The 1-minute load average: other work on the machine shows in every figure, so the table says how much. */
export function load(): string {
  return loadavg()[0].toFixed(2);
}
