// Times a whole Node process from spawn to exit (what a user waits for), with its peak memory.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PEAK_MARK } from "./stats";

export interface ProcessRun {
  ms: number;
  maxRss: number | null;
  status: number | null;
  stdout: string;
  stderr: string;
}

const PEAK = join(__dirname, "peak.js");

export function runNode(args: readonly string[], opts: { nodeFlags?: readonly string[] } = {}): ProcessRun {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...(opts.nodeFlags ?? []), "-r", PEAK, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  const m = new RegExp(`${PEAK_MARK}(\\d+)`).exec(r.stderr ?? "");
  const stderr = (r.stderr ?? "").replace(new RegExp(`\\n?${PEAK_MARK}\\d+\\n?`), "");
  return { ms, maxRss: m ? Number(m[1]) : null, status: r.status, stdout: r.stdout ?? "", stderr };
}
