// Times a whole Node process from spawn to exit (what a user waits for), with its peak memory.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
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

// A child's own maxRSS is not its peak when the parent was large: on Linux the counter starts from the
// parent's resident size at fork, before exec (a 40 MB child of a 640 MB parent reported 604 MB). GNU time
// measures the exec'd process alone, so it is used where it is installed (Debian's `time`).
const GNU_TIME = "/usr/bin/time";
const TIME_MARK = "BENCH_GNU_MAX_RSS_KB=";

export function runNode(args: readonly string[], opts: { nodeFlags?: readonly string[] } = {}): ProcessRun {
  const node = [process.execPath, ...(opts.nodeFlags ?? []), "-r", PEAK, ...args];
  const viaTime = existsSync(GNU_TIME);
  const t0 = performance.now();
  const r = viaTime
    ? spawnSync(GNU_TIME, ["-f", `${TIME_MARK}%M`, ...node], { encoding: "utf8", maxBuffer: 1 << 30 })
    : spawnSync(node[0], node.slice(1), { encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  const own = new RegExp(`${PEAK_MARK}(\\d+)`).exec(r.stderr ?? "");
  const gnu = new RegExp(`${TIME_MARK}(\\d+)`).exec(r.stderr ?? "");
  const stderr = (r.stderr ?? "")
    .replace(new RegExp(`\\n?${PEAK_MARK}\\d+\\n?`), "")
    .replace(new RegExp(`\\n?(Command exited with non-zero status \\d+\\n)?${TIME_MARK}\\d+\\n?`), "");
  const maxRss = gnu ? Number(gnu[1]) * 1024 : own ? Number(own[1]) : null;
  return { ms, maxRss, status: r.status, stdout: r.stdout ?? "", stderr };
}
