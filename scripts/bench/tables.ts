// The benchmark's Markdown: one table for the engine, one for the command line, then the goals.
import { cpus, loadavg, totalmem } from "node:os";
import type { EngineResult } from "./engine";
import { int, mb, median, ms } from "./stats";

export interface SizeResult {
  rows: number;
  fileBytes: number;
  engine: EngineResult;
  cli: { ms: number[]; maxRss: number[] };
  bare: { ms: number[]; maxRss: number[] };
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
  const head = "| roster rows | file | `coverage --json` (wall) | bare ExcelJS `readFile` (wall) | ratio | CLI peak RSS | bare read peak RSS |";
  const rule = "|---:|---:|---:|---:|---:|---:|---:|";
  const lines = results.map(({ rows, fileBytes, cli, bare }) => {
    const c = median(cli.ms);
    const b = median(bare.ms);
    return `| ${int(rows)} | ${(fileBytes / 1048576).toFixed(1)} MB | ${ms(c)} | ${ms(b)} | **${(c / b).toFixed(2)}×** | ${mb(median(cli.maxRss))} | ${mb(median(bare.maxRss))} |`;
  });
  return [head, rule, ...lines].join("\n");
}

export function goals(results: SizeResult[]): string {
  const out: string[] = [];
  const largest = results[results.length - 1];
  if (largest) {
    const t = engineTotal(largest.engine);
    const what = largest.engine.report ? "validation + coverage + report model" : "validation + coverage (report model pending)";
    out.push(`- ${what} on ${int(largest.rows)} rows: ${ms(t)} — goal < 500 ms: ${t < 500 ? "**met**" : "**not met**"}`);
  }
  if (results.length >= 2) {
    const per = results.map((r) => engineTotal(r.engine) / r.rows);
    const a = results[results.length - 2];
    const ratio = per[per.length - 1] / per[per.length - 2];
    out.push(`- linear in rows: cost per row at ${int(largest.rows)} is ${ratio.toFixed(2)}× the cost per row at ${int(a.rows)} — goal ≤ 1.5×: ${ratio <= 1.5 ? "**met**" : "**not met**"}`);
  }
  for (const r of results) {
    const ratio = median(r.cli.ms) / median(r.bare.ms);
    out.push(`- command line on ${int(r.rows)} rows: ${ratio.toFixed(2)}× the bare ExcelJS read — goal ≤ 1.5×: ${ratio <= 1.5 ? "**met**" : "**not met**"}`);
  }
  return out.join("\n");
}

export function machine(): string {
  const c = cpus();
  return `${c.length} cores (${c[0]?.model ?? "unknown CPU"}), ${Math.round(totalmem() / 1073741824)} GB RAM, Node ${process.version}, ${process.platform}`;
}

/** The 1-minute load average: other work on the machine shows in every figure, so the table says how much. */
export function load(): string {
  return loadavg()[0].toFixed(2);
}
