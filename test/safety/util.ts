// Shared by the safety tests: the real binary (dist/, built by `npm run build:cli` first), scratch folders,
// and the root-proof ways of making a file system fail (a private tmpfs of a few KB, /dev/full, /sys).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";

export const ROOT = join(__dirname, "..", "..");
export const BIN = join(ROOT, "dist", "src", "cli", "main.js");
export const HELPER = (name: string) => join(__dirname, name);

const made: string[] = [];
/** A new empty folder under the system's temporary folder, removed by removeScratch. */
export const scratch = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `mm-safety-${name}-`));
  made.push(d);
  return d;
};
/** Removes the folders `scratch` made (each test file calls it in afterAll: the kill tests write 20 MB files). */
export const removeScratch = () => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
};

export function cli(args: string[], opts: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: opts.cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** An errno code, a Node error name or a stack frame: what a user must never see. */
export const ENGLISH_ERROR = /\bE[A-Z]{3,}\b|\bError\b|\n\s+at |Внутренняя ошибка/;

export const isRoot = process.getuid?.() === 0;

/** Whether this machine lets us mount a private tmpfs (root in a mount namespace: `unshare -m`). */
export const canUnshare = (() => {
  if (!isRoot) return false;
  const d = scratch("probe");
  const r = spawnSync("unshare", ["-m", "sh", "-c", 'mount -t tmpfs -o size=64k tmpfs "$1" && umount "$1"', "sh", d]);
  return r.status === 0;
})();

/**
 * Runs `script` (sh) in a private mount namespace where "$1" is an empty tmpfs of `sizeKb` KB; the mount
 * vanishes with the namespace, so the script copies out whatever the test wants to look at.
 */
export function inTinyFs(sizeKb: number, script: string, args: string[]) {
  const d = scratch("tmpfs");
  const r = spawnSync("unshare", ["-m", "sh", "-c", `mount -t tmpfs -o size=${sizeKb}k tmpfs "$1" || exit 99\n${script}`, "sh", d, ...args], {
    encoding: "utf8",
  });
  if (r.status === 99) throw new Error(`mount failed: ${r.stderr}`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Files in `dir` other than the ones named. */
export const others = (dir: string, ...names: string[]) => readdirSync(dir).filter((n) => !names.includes(n));

/** Whether the bytes are a complete .xlsx: every zip entry present and its CRC right, and ExcelJS reads it. */
export async function completeXlsx(bytes: Buffer): Promise<ExcelJS.Workbook | null> {
  // JSZip comes with ExcelJS; checkCRC32 makes it verify every entry.
  const JSZip = require("jszip") as { loadAsync(b: Buffer, o: { checkCRC32: boolean }): Promise<{ files: Record<string, { dir: boolean; async(t: "uint8array"): Promise<Uint8Array> }> }> };
  try {
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    for (const f of Object.values(zip.files)) if (!f.dir) await f.async("uint8array");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return wb;
  } catch {
    return null;
  }
}

export const read = (p: string) => readFileSync(p);

/** The temporary file writeOutputFile writes beside its target: `.ИМЯ.<pid>.<random>.tmp`. */
export const TEMP = /^\..+\.(\d+)\.[0-9a-f]+\.tmp$/;

/**
 * Spawns `node args…` and SIGKILLs it `delayMs` after it starts (`from: "start"`) or after the first change
 * it makes in folder `dir` (`from: "write"`: a kill amid writing, whatever way the file is written — lock,
 * temporary file, fsync, rename, or a plain truncate-and-write); resolves when it is gone.
 */
export function killAfter(args: string[], delayMs: number, from: "start" | "write" = "start", dir?: string): Promise<{ finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, args, { stdio: "ignore" });
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill("SIGKILL");
    const watcher =
      from === "write" && dir
        ? watch(dir, () => {
            if (timer === undefined) timer = setTimeout(kill, delayMs);
          })
        : undefined;
    if (from === "start") timer = setTimeout(kill, delayMs);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      watcher?.close();
      clearTimeout(timer);
      resolve({ finished: signal === null && code === 0 });
    });
  });
}

/** Runs `node args…` to the end and resolves with its exit code, output and duration. */
export function runNode(args: string[]): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, args);
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err, ms: Date.now() - t0 }));
  });
}
