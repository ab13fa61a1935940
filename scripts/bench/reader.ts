// The .xlsx readers side by side (issue 12): the ExcelJS path the product uses today (src/xlsx/read.ts:
// loadWorkbook + workbookInputOf) against the purpose-built reader (src/xlsx/reader), on the benchmark's
// generated district workbooks. Each run is a fresh process (so peak memory is that reader's alone:
// process.resourceUsage().maxRSS at its end), the two alternate, and the figure is the median.
// The time is the read only: from the file's bytes in memory to the WorkbookInput; the process also
// reports a digest of every cell, so both readers are shown to have read the same thing.
//
//   npm run build:cli && node dist/scripts/bench/reader.js [--sizes 100000,300000] [--runs 5] [--dir /tmp/…]
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import type { WorkbookInput } from "../../src/core/model/cells";
import { int, mb, median } from "./stats";

type Reader = "exceljs" | "reader";

interface ChildResult {
  reader: Reader;
  ms: number;
  /** CPU time of the read (user + system): steadier than wall time on a busy machine. */
  cpuMs: number;
  maxRss: number;
  cells: number;
  digest: string;
}

/** FNV-1a over every cell's type and value: equal inputs, equal digests. */
function digestOf(input: WorkbookInput): { cells: number; digest: string } {
  let h = 0x811c9dc5;
  let cells = 0;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  };
  for (const s of input.sheets) {
    mix(`\u0001${s.name}|${s.rows.length}|${(s.tables ?? []).join(",")}|${s.hidden}`);
    for (const row of s.rows) {
      mix(`\u0002${row.length}`);
      for (const v of row) {
        if (v !== null) cells++;
        mix(v instanceof Date ? `d${v.getTime()}` : v !== null && typeof v === "object" ? `e${v.error}` : `${typeof v}${String(v)}`);
      }
    }
  }
  return { cells, digest: (h >>> 0).toString(16) };
}

async function child(reader: Reader, file: string): Promise<void> {
  // Each process loads only its own reader: the other one's modules would count in its memory.
  const read: (bytes: Uint8Array) => Promise<WorkbookInput> =
    reader === "exceljs"
      ? await import("../../src/xlsx/read").then((m) => async (b: Uint8Array) => m.workbookInputOf(await m.loadWorkbook(b, basename(file))))
      : await import("../../src/xlsx/reader/workbook").then((m) => async (b: Uint8Array) => m.readWorkbookInput(b).input);
  const bytes = new Uint8Array(readFileSync(file));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const input = await read(bytes);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const result: ChildResult = { reader, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRss, ...digestOf(input) };
  process.stdout.write(JSON.stringify(result));
}

function run(reader: Reader, file: string): ChildResult {
  const r = spawnSync(process.execPath, [__filename, "--child", reader, file], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${reader} on ${file} exited with ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: "string" }, runs: { type: "string" }, dir: { type: "string" }, child: { type: "string" } }, allowPositionals: true });
  if (values.child) return child(values.child as Reader, process.argv[process.argv.length - 1]);
  const sizes = (values.sizes ?? "100000,300000").split(",").map(Number);
  const runs = Number(values.runs ?? 5);
  const dir = values.dir ?? join(tmpdir(), "mentor-monitor-bench");
  const { benchFile } = await import("./workbook");
  console.log("| roster rows | file | cells | ExcelJS load + workbookInputOf: wall (CPU) | src/xlsx/reader: wall (CPU) | speed-up (wall) | ExcelJS peak RSS | reader peak RSS |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const rows of sizes) {
    const f = await benchFile(dir, rows);
    const got: Record<Reader, ChildResult[]> = { exceljs: [], reader: [] };
    for (let i = 0; i < runs; i++) {
      for (const reader of ["exceljs", "reader"] as const) {
        const r = run(reader, f.path);
        got[reader].push(r);
        console.error(`${rows} rows, run ${i + 1}: ${reader} ${Math.round(r.ms)} ms (CPU ${Math.round(r.cpuMs)} ms), ${mb(r.maxRss)}`);
      }
    }
    const digests = new Set([...got.exceljs, ...got.reader].map((r) => r.digest));
    if (digests.size !== 1) throw new Error(`the readers disagree on ${f.path}: digests ${[...digests].join(", ")}`);
    const t = (r: Reader) => median(got[r].map((x) => x.ms));
    const cpu = (r: Reader) => median(got[r].map((x) => x.cpuMs));
    const m = (r: Reader) => median(got[r].map((x) => x.maxRss));
    console.log(
      `| ${int(rows)} | ${(f.bytes / 1048576).toFixed(1)} MB | ${int(got.reader[0].cells)} | ${Math.round(t("exceljs"))} ms (${Math.round(cpu("exceljs"))} ms) | ${Math.round(t("reader"))} ms (${Math.round(cpu("reader"))} ms) | ${(t("exceljs") / t("reader")).toFixed(1)}× | ${mb(m("exceljs"))} | ${mb(m("reader"))} |`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
