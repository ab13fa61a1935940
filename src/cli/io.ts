// File I/O of the command line (SPEC §9): reading inputs, writing outputs atomically under a lock, and
// turning file-system errors into one Russian message naming the path (exit code 2).
// Why our own code rather than write-file-atomic / proper-lockfile, and what is guaranteed: docs/file-safety.md.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { WorkbookFileError } from "../xlsx/read";

// ---------------------------------------------------------------------------------------------------
// The file system, replaceable in tests (fault injection: a write that fails with ENOSPC half-way, …).

export interface FileOps {
  readFile(path: string): Promise<Uint8Array>;
  open(path: string, flags: string, mode?: number): Promise<fs.promises.FileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<fs.Stats>;
  realpath(path: string): Promise<string>;
  readdir(path: string): Promise<string[]>;
  utimes(path: string, atime: Date, mtime: Date): Promise<void>;
  access(path: string, mode: number): Promise<void>;
  link(existing: string, created: string): Promise<void>;
}

const realOps: FileOps = {
  readFile: (p) => fs.promises.readFile(p),
  open: (p, flags, mode) => fs.promises.open(p, flags, mode),
  rename: (a, b) => fs.promises.rename(a, b),
  unlink: (p) => fs.promises.unlink(p),
  stat: (p) => fs.promises.stat(p),
  realpath: (p) => fs.promises.realpath(p),
  readdir: (p) => fs.promises.readdir(p),
  utimes: (p, a, m) => fs.promises.utimes(p, a, m),
  access: (p, m) => fs.promises.access(p, m),
  link: (a, b) => fs.promises.link(a, b),
};

let ops: FileOps = realOps;

/** Replaces some file-system functions (tests only); returns the function that puts the real ones back. */
export function setFileOpsForTesting(replace: Partial<FileOps>): () => void {
  ops = { ...realOps, ...replace };
  return () => void (ops = realOps);
}

// ---------------------------------------------------------------------------------------------------
// Errors: every errno code the command line can meet, once, in Russian.

const errnoOf = (e: unknown): string | undefined => {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" ? code : undefined;
};

/** A Node file-system error (it has an errno code such as ENOENT and names a system call or a path). */
export function isFileSystemError(e: unknown): e is NodeJS.ErrnoException {
  const x = e as NodeJS.ErrnoException | null;
  // Not `instanceof Error`: errors of Node's own fs come from another realm under jest.
  return typeof x === "object" && x !== null && typeof x.message === "string" && typeof x.code === "string" && /^E[A-Z0-9]+$/.test(x.code) && (x.syscall !== undefined || x.path !== undefined);
}

/** Why a file could not be used, as the end of a Russian sentence (no errno code when it is a known one). */
export function reasonOf(e: unknown): string {
  switch (errnoOf(e)) {
    case "ENOENT":
      return "нет такого файла или папки";
    case "ENOTDIR":
      return "часть пути — файл, а не папка";
    case "EISDIR":
      return "это папка, а не файл";
    case "EACCES":
    case "EPERM":
      return process.platform === "win32"
        ? "нет прав доступа, или файл открыт в другой программе (например, в Excel) — закройте его и повторите"
        : "нет прав доступа к файлу или папке";
    case "EROFS":
      return "диск или папка доступны только для чтения";
    case "ENOSPC":
      return "на диске закончилось место";
    case "EDQUOT":
      return "превышена дисковая квота";
    case "EFBIG":
      return "файл слишком велик для этого диска";
    case "EMFILE":
    case "ENFILE":
      return "открыто слишком много файлов; закройте лишние программы и повторите";
    case "EBUSY":
    case "ETXTBSY":
      return "файл занят другой программой (например, открыт в Excel) — закройте его и повторите";
    case "EIO":
      return "ошибка ввода-вывода диска";
    case "ENAMETOOLONG":
      return "слишком длинное имя файла или пути";
    case "ELOOP":
      return "в пути слишком много символических ссылок";
    case "ENXIO":
    case "ENODEV":
      return "устройство недоступно";
    case "ETIMEDOUT":
    case "ESTALE":
    case "EHOSTDOWN":
      return "сетевой диск не отвечает";
    case "EAGAIN":
    case "EWOULDBLOCK":
      return "файл временно недоступен; повторите";
    case "EINVAL":
      return "недопустимое имя файла";
    default: {
      const code = errnoOf(e);
      return code ? `системная ошибка ${code}` : "неизвестная ошибка";
    }
  }
}

/** The message for a file that could not be read. */
export function readErrorMessage(path: string, e: unknown): string {
  switch (errnoOf(e)) {
    case "ENOENT":
      return `Файл «${path}» не найден`;
    case "ENOTDIR":
      return `Файл «${path}» не найден: часть пути — файл, а не папка`;
    case "EISDIR":
      return `«${path}» — это папка, а не файл книги`;
    default:
      return `Не удалось прочитать файл «${path}»: ${reasonOf(e)}`;
  }
}

/**
 * The message for an output that could not be written. `existed`: whether an earlier file is at `path`
 * ("special": a device or a pipe, which has no earlier content to speak of).
 */
export function writeErrorMessage(path: string, e: unknown, existed: boolean | "special"): string {
  const tail = existed === "special" ? "" : existed ? ` Прежний файл «${path}» не изменён.` : " Файл не создан.";
  switch (errnoOf(e)) {
    case "ENOENT": {
      const dir = dirname(resolve(path));
      return fs.existsSync(dir)
        ? `Не удалось записать «${path}»: в папке «${dir}» нельзя создавать файлы.${tail}`
        : `Не удалось записать «${path}»: папки «${dir}» не существует.${tail}`;
    }
    case "EISDIR":
      return `Не удалось записать «${path}»: это папка; укажите имя файла, например «${join(path, "свод.xlsx")}».${tail}`;
    default:
      return `Не удалось записать «${path}»: ${reasonOf(e)}.${tail}`;
  }
}

/** The message for any file-system error that reached the command line (a safety net: exit 2, not 3). */
export function fileSystemErrorMessage(e: NodeJS.ErrnoException): string {
  const path = e.path ?? (e as { dest?: string }).dest;
  return path ? `Не удалось открыть «${path}»: ${reasonOf(e)}` : `Ошибка файловой системы: ${reasonOf(e)}`;
}

// ---------------------------------------------------------------------------------------------------
// Reading.

/** Reads a whole input file; a missing or unreadable file is a WorkbookFileError naming the path. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    return await ops.readFile(path);
  } catch (e) {
    throw new WorkbookFileError(readErrorMessage(path, e));
  }
}

// ---------------------------------------------------------------------------------------------------
// Writing.

const CHUNK = 4 << 20;
/** A temporary file of a process that no longer exists is removed by a later write once it is this old. */
export const STALE_TEMP_MS = 30_000;

/** The stem of temporary names for `base`: short enough that stem + «.pid.random.tmp» fits in 255 bytes. */
function tempStem(base: string): string {
  let stem = base;
  while (Buffer.byteLength(stem) > 200) stem = Array.from(stem).slice(0, -1).join("");
  return `.${stem}.`;
}

/** The temporary file beside `target`: `.ИМЯ.<pid>.<random>.tmp`, hidden on Unix. */
export function tempNameFor(target: string): string {
  return join(dirname(target), `${tempStem(basename(target))}${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoOf(e) === "EPERM"; // exists, belongs to someone else
  }
}

/**
 * Removes temporary files left by killed processes beside `target` — its own and those of its lock
 * (`.ИМЯ.<pid>.<random>.tmp`, `.ИМЯ.lock.<pid>…`, `.ИМЯ.lock.takeover.<pid>…`) — whose process is gone and
 * which are older than STALE_TEMP_MS. Returns the paths removed.
 */
export async function removeStaleTemps(target: string): Promise<string[]> {
  const dir = dirname(target);
  const base = basename(target);
  const stems = [base, `${base}.lock`, `${base}.lock.takeover`].map(tempStem);
  const removed: string[] = [];
  let names: string[];
  try {
    names = await ops.readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.endsWith(".tmp")) continue;
    const stem = stems.find((st) => name.startsWith(st) && /^\d+\.[0-9a-f]+\.tmp$/.test(name.slice(st.length)));
    if (!stem || alive(Number(name.slice(stem.length).split(".")[0]))) continue;
    const p = join(dir, name);
    try {
      const st = await ops.stat(p);
      if (!st.isFile() || Date.now() - st.mtimeMs < STALE_TEMP_MS) continue;
      await ops.unlink(p);
      removed.push(p);
    } catch {
      // gone already, or not ours to remove: ignore
    }
  }
  return removed;
}

/** Writes all of `bytes` at the start of a new file, or (`stream`) at the current position of a pipe or device. */
async function writeAll(h: fs.promises.FileHandle, bytes: Uint8Array, stream = false): Promise<void> {
  let off = 0;
  while (off < bytes.byteLength) {
    const { bytesWritten } = await h.write(bytes, off, Math.min(CHUNK, bytes.byteLength - off), stream ? null : off);
    if (bytesWritten <= 0) throw Object.assign(new Error("short write"), { code: "EIO" });
    off += bytesWritten;
  }
}

async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === "win32") return; // directories cannot be opened there; NTFS journals the rename
  let h: fs.promises.FileHandle | undefined;
  try {
    h = await ops.open(dir, "r");
    await h.sync();
  } catch {
    // some file systems refuse fsync on a directory (EINVAL, EISDIR): the rename is done all the same
  } finally {
    await h?.close().catch(() => {});
  }
}

async function renameRetrying(from: string, to: string): Promise<void> {
  // Windows: an antivirus or the search indexer may hold the file for a moment (EPERM, EACCES, EBUSY).
  for (let attempt = 0; ; attempt++) {
    try {
      return await ops.rename(from, to);
    } catch (e) {
      const c = errnoOf(e);
      if (process.platform !== "win32" || attempt >= 10 || !(c === "EPERM" || c === "EACCES" || c === "EBUSY")) throw e;
      await sleep(50 * (attempt + 1));
    }
  }
}

interface Target {
  /** Where the bytes go (a symbolic link is followed, so that the link stays a link). */
  readonly real: string;
  readonly stat: fs.Stats | null;
}

async function targetOf(path: string): Promise<Target> {
  let real = resolve(path);
  try {
    real = await ops.realpath(path);
  } catch {
    // not there yet (or a dangling link): the file is created at `path`
  }
  try {
    return { real, stat: await ops.stat(real) };
  } catch (e) {
    if (errnoOf(e) === "ENOENT") return { real, stat: null };
    throw e;
  }
}

/**
 * Checks early (before any work) that `path` can be an output: its folder exists and it is not a folder.
 * Throws the WorkbookFileError writeOutputFile would throw.
 */
export async function checkOutputPath(path: string): Promise<void> {
  let t: Target;
  try {
    t = await targetOf(path);
    if (t.stat?.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    if (!t.stat) {
      const d = await ops.stat(dirname(t.real));
      if (!d.isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    }
  } catch (e) {
    throw new WorkbookFileError(writeErrorMessage(path, e, false));
  }
}

async function writeAtomically(t: Target, bytes: Uint8Array): Promise<void> {
  const st = t.stat;
  if (st && !st.isFile()) {
    // A device, a pipe (-o /dev/stdout): nothing to keep and nothing to rename over; written as it is.
    const h = await ops.open(t.real, "w");
    try {
      await writeAll(h, bytes, true);
    } finally {
      await h.close().catch(() => {});
    }
    return;
  }
  // Renaming over a file needs only the folder's permission: a file the user made read-only stays so.
  if (st) await ops.access(t.real, fs.constants.W_OK);
  await removeStaleTemps(t.real);
  const tmp = tempNameFor(t.real);
  let h: fs.promises.FileHandle | undefined;
  let created = false;
  try {
    h = await ops.open(tmp, "wx", st ? st.mode & 0o7777 : 0o666);
    created = true;
    if (st) {
      await h.chmod(st.mode & 0o7777).catch(() => {}); // the open's mode went through the umask
      if (process.getuid?.() === 0) await h.chown(st.uid, st.gid).catch(() => {});
    }
    await writeAll(h, bytes);
    await h.sync();
    await h.close();
    h = undefined;
    await renameRetrying(tmp, t.real);
    created = false;
  } catch (e) {
    await h?.close().catch(() => {});
    if (created) await ops.unlink(tmp).catch(() => {});
    throw e;
  }
  await fsyncDir(dirname(t.real));
}

/**
 * Writes `bytes` to `path` so that a failure or a kill at any moment leaves an earlier file at `path`
 * byte-identical: a temporary file beside it, flushed, then renamed over it.
 */
export async function writeOutputFile(path: string, bytes: Uint8Array): Promise<void> {
  let t: Target | undefined;
  const existed = () => (t?.stat ? (t.stat.isFile() ? true : "special") : false);
  try {
    t = await targetOf(path);
    if (t.stat?.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    if (t.stat && !t.stat.isFile()) return await writeAtomically(t, bytes);
    await withOutputLock(path, async () => {
      t = await targetOf(path); // again under the lock: another run may have written it meanwhile
      if (t.stat?.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      await writeAtomically(t, bytes);
    });
  } catch (e) {
    if (e instanceof WorkbookFileError) throw e;
    throw new WorkbookFileError(writeErrorMessage(path, e, existed()));
  }
}

// ---------------------------------------------------------------------------------------------------
// The output lock: `ИМЯ.lock` beside the output, holding {pid, host, token, since} (docs/file-safety.md).

export interface LockSettings {
  /** How long a second writer waits for the first before it refuses. */
  timeoutMs: number;
  /** Polling interval while waiting (a random part is added). */
  pollMs: number;
  /** How often the holder touches its lock file. */
  heartbeatMs: number;
  /** A lock of another computer (a network folder) is taken over when not touched for this long. */
  staleOtherHostMs: number;
  /** A lock of a live process of this computer is taken over when not touched for this long (pid reuse). */
  staleSameHostMs: number;
  /** A lock file that is empty or unreadable is taken over once it is this old. */
  staleUnreadableMs: number;
}

export const lockSettings: LockSettings = {
  timeoutMs: 30_000,
  pollMs: 100,
  heartbeatMs: 5_000,
  staleOtherHostMs: 60_000,
  staleSameHostMs: 10 * 60_000,
  staleUnreadableMs: 5_000,
};

interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly since: string;
}

const HOST = hostname();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The lock file of output `path`. */
export function lockPathFor(path: string): string {
  return `${path}.lock`;
}

/** Locks this async context holds (nested writeOutputFile inside withOutputLock must not wait for itself). */
const held = new AsyncLocalStorage<ReadonlySet<string>>();
/** Lock files this process holds, removed at exit. */
const ours = new Map<string, string>();
process.on("exit", () => {
  for (const [file, token] of ours) {
    try {
      if (JSON.parse(fs.readFileSync(file, "utf8")).token === token) fs.unlinkSync(file);
    } catch {
      // nothing to do at exit
    }
  }
});

/**
 * Creates `file` holding `content` unless it exists (then false). The content is written to a temporary
 * file first and hard-linked into place, so the lock is never seen empty, even if the process is killed;
 * where hard links are not supported (FAT, some network shares) it falls back to O_EXCL and a write.
 */
async function createExclusive(file: string, content: string): Promise<boolean> {
  const tmp = tempNameFor(file);
  const h = await ops.open(tmp, "wx", 0o644);
  try {
    try {
      await h.writeFile(content);
    } finally {
      await h.close();
    }
    try {
      await ops.link(tmp, file);
      return true;
    } catch (e) {
      const code = errnoOf(e);
      if (code === "EEXIST") return false;
      if (!(code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP" || code === "ENOSYS" || code === "EINVAL")) throw e;
    }
    let x: fs.promises.FileHandle;
    try {
      x = await ops.open(file, "wx", 0o644);
    } catch (e) {
      if (errnoOf(e) === "EEXIST") return false;
      throw e;
    }
    try {
      await x.writeFile(content);
    } catch (e) {
      await x.close().catch(() => {});
      await ops.unlink(file).catch(() => {}); // created but not written (disk full): not a lock
      throw e;
    } finally {
      await x.close().catch(() => {});
    }
    return true;
  } finally {
    await ops.unlink(tmp).catch(() => {});
  }
}

async function readLock(file: string): Promise<{ info: LockInfo | null; stat: fs.Stats } | null> {
  let stat: fs.Stats;
  let text: string;
  try {
    stat = await ops.stat(file);
    text = Buffer.from(await ops.readFile(file)).toString("utf8");
  } catch (e) {
    if (errnoOf(e) === "ENOENT") return null;
    throw e;
  }
  try {
    const j = JSON.parse(text) as LockInfo;
    if (typeof j.pid === "number" && typeof j.host === "string" && typeof j.token === "string") return { info: j, stat };
  } catch {
    // written half (a process killed between create and write) or not ours
  }
  return { info: null, stat };
}

function isStale(l: { info: LockInfo | null; stat: fs.Stats }): boolean {
  const age = Date.now() - l.stat.mtimeMs;
  if (!l.info) return age > lockSettings.staleUnreadableMs;
  if (l.info.host !== HOST) return age > lockSettings.staleOtherHostMs;
  return !alive(l.info.pid) || age > lockSettings.staleSameHostMs;
}

/**
 * Removes a stale lock; only one process at a time decides (`ИМЯ.lock.takeover`, O_EXCL as well, holding
 * {pid, host}). Returns whether the lock is gone.
 */
async function takeOver(file: string, seen: { info: LockInfo | null; stat: fs.Stats }): Promise<boolean> {
  const guard = `${file}.takeover`;
  const mine = JSON.stringify({ pid: process.pid, host: HOST, token: "takeover", since: new Date().toISOString() });
  if (!(await createExclusive(guard, mine))) {
    // Another process is taking over: its guard lives a millisecond, unless that process was killed in it.
    const other = await readLock(guard).catch(() => null);
    if (other && (other.info ? isStale(other) : Date.now() - other.stat.mtimeMs > lockSettings.staleUnreadableMs)) {
      const again = await ops.stat(guard).catch(() => null);
      if (again?.ino === other.stat.ino) await ops.unlink(guard).catch(() => {});
    }
    return false;
  }
  try {
    const now = await readLock(file);
    if (!now) return true;
    if (now.stat.ino === seen.stat.ino && now.info?.token === seen.info?.token && isStale(now)) {
      await ops.unlink(file);
      return true;
    }
    return false;
  } finally {
    await ops.unlink(guard).catch(() => {});
  }
}

function busyMessage(path: string, file: string, info: LockInfo | null, waitedMs: number, existed: boolean): string {
  const who = info
    ? info.host === HOST
      ? `процесс ${info.pid} на этом компьютере, с ${new Date(info.since).toLocaleTimeString("ru-RU")}`
      : `компьютер «${info.host}», процесс ${info.pid}`
    : "другая программа";
  const tail = existed ? `Прежний файл «${path}» не изменён.` : "Файл не создан.";
  return (
    `Файл «${path}» сейчас записывает другой запуск mentor-monitor (${who}); ждали ${Math.round(waitedMs / 1000)} с, ` +
    `он не закончил. Повторите позже. Если такой программы нет, удалите файл «${file}». ${tail}`
  );
}

async function acquire(path: string, file: string): Promise<string> {
  const token = `${process.pid}.${randomBytes(8).toString("hex")}`;
  const info: LockInfo = { pid: process.pid, host: HOST, token, since: new Date().toISOString() };
  const started = Date.now();
  let last: LockInfo | null = null;
  await removeStaleTemps(file.slice(0, -".lock".length));
  for (let round = 0; ; round++) {
    if (await createExclusive(file, JSON.stringify(info))) return token;
    const seen = await readLock(file);
    if (!seen) continue; // released meanwhile
    last = seen.info;
    if (isStale(seen) && (await takeOver(file, seen))) continue;
    const waited = Date.now() - started;
    if (waited >= lockSettings.timeoutMs) {
      let existed = false;
      try {
        existed = (await ops.stat(path)).isFile();
      } catch {
        // not there
      }
      throw new WorkbookFileError(busyMessage(path, file, last, waited, existed));
    }
    const poll = Math.min(lockSettings.pollMs * (1 + Math.min(round, 4) / 2), lockSettings.timeoutMs - waited);
    await sleep(poll / 2 + Math.random() * poll);
  }
}

async function release(file: string, token: string): Promise<void> {
  ours.delete(file);
  try {
    const l = await readLock(file);
    if (l?.info?.token === token) await ops.unlink(file);
  } catch {
    // taken over meanwhile, or the folder went away: nothing of ours to remove
  }
}

/**
 * Runs `work` while holding the lock of output `path`, so that two processes writing one file never
 * interleave their read-modify-write: the second waits, or refuses with a Russian message.
 */
export async function withOutputLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  let target: Target;
  try {
    target = await targetOf(path);
  } catch (e) {
    throw new WorkbookFileError(writeErrorMessage(path, e, false));
  }
  const key = target.real;
  const outer = held.getStore();
  // Already ours in this async context; or a device or a pipe, beside which no lock file belongs (/dev).
  if (outer?.has(key) || (target.stat && !target.stat.isFile() && !target.stat.isDirectory())) return work();
  const file = lockPathFor(key);
  let token: string;
  try {
    token = await acquire(path, file);
  } catch (e) {
    if (e instanceof WorkbookFileError) throw e;
    let existed = false;
    try {
      existed = (await ops.stat(key)).isFile();
    } catch {
      // not there
    }
    throw new WorkbookFileError(writeErrorMessage(path, e, existed));
  }
  ours.set(file, token);
  const beat = setInterval(() => {
    const now = new Date();
    ops.utimes(file, now, now).catch(() => {});
  }, lockSettings.heartbeatMs);
  beat.unref();
  try {
    return await held.run(new Set([...(outer ?? []), key]), work);
  } finally {
    clearInterval(beat);
    await release(file, token);
  }
}
