// File I/O of the command line (SPEC §9): reading inputs, writing outputs atomically under a lock, and
// turning file-system errors into one Russian message naming the path (exit code 2).
// STUB: the interface is fixed; the implementation is being written (issue 11, point 1 and 5).
import { readFile, writeFile } from "node:fs/promises";
import { WorkbookFileError } from "../xlsx/read";

/** Reads a whole input file; a missing or unreadable file is a WorkbookFileError naming the path. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WorkbookFileError(code === "ENOENT" ? `Файл «${path}» не найден` : `Не удалось прочитать файл «${path}»`);
  }
}

/**
 * Writes `bytes` to `path` so that a failure or a kill at any moment leaves an earlier file at `path`
 * byte-identical: a temporary file beside it, flushed, then renamed over it.
 */
export async function writeOutputFile(path: string, bytes: Uint8Array): Promise<void> {
  await writeFile(path, bytes);
}

/**
 * Runs `work` while holding the lock of output `path`, so that two processes writing one file never
 * interleave their read-modify-write: the second waits, or refuses with a Russian message.
 */
export async function withOutputLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  void path;
  return work();
}
