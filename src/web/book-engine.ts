// Where the standalone page's workbook is read, analysed and edited (book.ts): in a Web Worker, so the
// page stays responsive on a district of 100 000 rows, or on the page itself when no worker can start.
//
// The worker is made from a blob: address of its bundle's text (webpack inlines the text into the page's
// bundle): a page opened from the disk (file://) may not start a worker from a file, but may from a blob it
// made itself, and the blob's worker keeps the page's Content-Security-Policy (`worker-src blob:` allows
// it; no eval, no network). Served by `mentor-monitor open`, the page does the same. docs/web.md.
import type { TaskArgs, TaskName, TaskResults } from "../engine/tasks";
import type { SheetProgress } from "../xlsx/reader/workbook";
import { type BookInfo, type EditArgs, type EditName, type EditResults, FileBook } from "./book";

/** One version of the user's file, read where the engine runs. */
export interface BookHandle {
  readonly info: BookInfo;
  run<K extends TaskName>(task: K, args: TaskArgs[K]): Promise<TaskResults[K]>;
  edit<K extends EditName>(name: K, args: EditArgs[K]): Promise<EditResults[K]>;
  /** Frees the file and its cells where they are held. */
  close(): void;
}

export type EngineKind = "worker" | "in-thread";

export interface BookEngine {
  /** Resolves once it is known where the work runs: the worker started, or the page does the work. */
  ready(): Promise<EngineKind>;
  /** Reads the file, telling how far each sheet is; rejects with one Russian sentence when it cannot. */
  open(bytes: Uint8Array, fileName: string, onProgress?: (p: SheetProgress) => void): Promise<BookHandle>;
}

const nextFrame = () => new Promise<void>((r) => setTimeout(r, 0));

/** The work on the page's own thread: jest, Node, and a browser that would not start the worker. */
export function inThreadBookEngine(): BookEngine {
  return {
    ready: async () => "in-thread",
    open: async (bytes, fileName, onProgress) => {
      await nextFrame(); // the page shows that reading has begun before it is busy
      const book = FileBook.open(bytes, fileName, onProgress);
      return {
        info: book.info,
        run: async (task, args) => book.run(task, args),
        edit: (name, args) => book.edit(name, args),
        close: () => undefined,
      };
    },
  };
}

// ---- The worker's protocol. ----

export type ToBookWorker =
  | { readonly type: "open"; readonly id: number; readonly book: number; readonly bytes: Uint8Array; readonly fileName: string }
  | { readonly type: "run"; readonly id: number; readonly book: number; readonly task: TaskName; readonly args: unknown }
  | { readonly type: "edit"; readonly id: number; readonly book: number; readonly edit: EditName; readonly args: unknown }
  | { readonly type: "close"; readonly book: number };

export type FromBookWorker =
  | { readonly type: "ready" }
  | { readonly type: "progress"; readonly id: number; readonly progress: SheetProgress }
  /** A slice of a long list of the coming result (`key`: the result's field, null: the result itself). */
  | { readonly type: "part"; readonly id: number; readonly key: string | null; readonly items: unknown[] }
  | { readonly type: "done"; readonly id: number; readonly result: unknown; readonly ms: number }
  | { readonly type: "failed"; readonly id: number; readonly message: string };

/** A message that asks for an answer, before it gets its number. */
type Request = ToBookWorker extends infer M ? (M extends { readonly id: number } ? Omit<M, "id"> : never) : never;

/**
 * Items per message of a long list in a result. The page reads each message in a task of its own, so a
 * check's 8 000 issues arrive as a few short tasks instead of one long one.
 */
export const PART_ITEMS = 1500;

/** A result with its long lists taken out, and the lists in slices, to post before it. */
export function inParts(result: unknown): { rest: unknown; parts: { key: string | null; items: unknown[] }[] } {
  const slices = (key: string | null, list: unknown[]) => {
    const out: { key: string | null; items: unknown[] }[] = [];
    for (let i = 0; i < list.length; i += PART_ITEMS) out.push({ key, items: list.slice(i, i + PART_ITEMS) });
    return out;
  };
  if (Array.isArray(result)) return result.length > PART_ITEMS ? { rest: [], parts: slices(null, result) } : { rest: result, parts: [] };
  if (result === null || typeof result !== "object" || result instanceof Uint8Array) return { rest: result, parts: [] };
  const rest: Record<string, unknown> = { ...(result as Record<string, unknown>) };
  const parts: { key: string | null; items: unknown[] }[] = [];
  for (const [k, v] of Object.entries(rest)) {
    if (!Array.isArray(v) || v.length <= PART_ITEMS) continue;
    parts.push(...slices(k, v));
    rest[k] = [];
  }
  return { rest, parts };
}

/** Buffers of a result's new file, handed over to the page rather than copied. */
function transferablesOf(result: unknown): ArrayBuffer[] {
  const bytes = (result as { bytes?: unknown } | null)?.bytes;
  return bytes instanceof Uint8Array && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}

/** The worker's side: files by number. Kept here (no DOM) so it runs in jest too. */
export function bookWorkerHandler(post: (m: FromBookWorker, transfer?: ArrayBuffer[]) => void): (m: ToBookWorker) => void {
  const books = new Map<number, FileBook>();
  return (m) => {
    if (m.type === "close") {
      books.delete(m.book);
      return;
    }
    const t0 = performance.now();
    const work = async (): Promise<unknown> => {
      if (m.type === "open") {
        const book = FileBook.open(m.bytes, m.fileName, (progress) => post({ type: "progress", id: m.id, progress }));
        books.set(m.book, book);
        return book.info;
      }
      const book = books.get(m.book);
      if (!book) throw new Error("Книга закрыта: откройте её снова");
      return m.type === "run" ? book.run(m.task, m.args as never) : book.edit(m.edit, m.args as never);
    };
    work().then(
      (result) => {
        const { rest, parts } = inParts(result);
        for (const p of parts) post({ type: "part", id: m.id, ...p });
        post({ type: "done", id: m.id, result: rest, ms: performance.now() - t0 }, transferablesOf(rest));
      },
      (e: unknown) => post({ type: "failed", id: m.id, message: e instanceof Error ? e.message : String(e) }),
    );
  };
}

/** What the page needs of a Worker (a fake in tests). */
export interface BookPort {
  postMessage(m: ToBookWorker): void;
  onmessage: ((e: { data: FromBookWorker }) => void) | null;
  onerror: ((e: unknown) => void) | null;
  terminate?(): void;
}

export const WORKER_STOPPED = "Фоновый поток страницы остановился (возможно, книге не хватило памяти браузера). Обновите страницу и откройте книгу снова.";

/**
 * The page's side over a started worker. Until the worker says it is ready, a failure to start (a browser
 * or a policy that refuses blob: workers) falls back to `fallback` — the same work on the page — so the
 * page works either way and says which.
 */
export function portBookEngine(port: BookPort, fallback: () => BookEngine, startMs = 30_000): BookEngine {
  let ids = 0;
  let books = 0;
  let stopped = false;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: (p: SheetProgress) => void; parts?: Map<string | null, unknown[]> }>();
  let started: (kind: EngineKind) => void = () => undefined;
  const kind = new Promise<EngineKind>((resolve) => (started = resolve));
  const timer = setTimeout(() => started("in-thread"), startMs);
  let local: BookEngine | null = null;
  void kind.then((k) => {
    clearTimeout(timer);
    if (k === "in-thread") {
      local = fallback();
      port.terminate?.();
    }
  });

  port.onmessage = (e) => {
    const m = e.data;
    if (m.type === "ready") return started("worker");
    const w = waiting.get(m.id);
    if (!w) return;
    if (m.type === "progress") return w.progress?.(m.progress);
    if (m.type === "part") {
      const list = (w.parts ??= new Map()).get(m.key);
      if (list) for (const x of m.items) list.push(x);
      else w.parts.set(m.key, m.items);
      return;
    }
    waiting.delete(m.id);
    if (m.type === "failed") return w.reject(new Error(m.message));
    if (!w.parts) return w.resolve(m.result);
    if (w.parts.has(null)) return w.resolve(w.parts.get(null));
    w.resolve({ ...(m.result as object), ...Object.fromEntries(w.parts) });
  };
  // Before "ready": the worker could not start. After: it stopped; every waiting task fails, in words.
  port.onerror = () => {
    started("in-thread");
    stopped = true;
    for (const w of waiting.values()) w.reject(new Error(WORKER_STOPPED));
    waiting.clear();
  };

  const call = <T>(m: Request, progress?: (p: SheetProgress) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (stopped) return reject(new Error(WORKER_STOPPED));
      const id = ++ids;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, progress });
      port.postMessage({ ...m, id } as ToBookWorker);
    });

  return {
    ready: () => kind,
    open: async (bytes, fileName, onProgress) => {
      if ((await kind) === "in-thread") return local!.open(bytes, fileName, onProgress);
      const book = ++books;
      const info = await call<BookInfo>({ type: "open", book, bytes, fileName }, onProgress);
      return {
        info,
        run: <K extends TaskName>(task: K, args: TaskArgs[K]) => call<TaskResults[K]>({ type: "run", book, task, args }),
        edit: <K extends EditName>(edit: K, args: EditArgs[K]) => call<EditResults[K]>({ type: "edit", book, edit, args }),
        close: () => {
          if (!stopped) port.postMessage({ type: "close", book });
        },
      };
    },
  };
}

/** Characters of the worker's text encoded per task: the page never stops for the whole 2 MB at once. */
const ENCODE_STEP = 256 * 1024;

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

/** The worker's text as a blob, encoded a slice per task (a surrogate pair is never cut). */
async function scriptBlob(source: string): Promise<Blob> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (let at = 0; at < source.length; ) {
    await nextTask();
    let end = Math.min(source.length, at + ENCODE_STEP);
    const last = source.charCodeAt(end - 1);
    if (end < source.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(encoder.encode(source.slice(at, end)));
    at = end;
  }
  return new Blob(parts as BlobPart[], { type: "text/javascript" });
}

/**
 * The page's engine: a worker from the blob of `source` (the worker bundle's text), or the page itself
 * when the browser refuses it. The worker is made after the page has shown itself, a slice at a time;
 * a book opened before then waits for it.
 */
export function workerBookEngine(source: string): BookEngine {
  if (typeof Worker === "undefined" || typeof Blob === "undefined" || typeof URL.createObjectURL !== "function" || typeof TextEncoder === "undefined") return inThreadBookEngine();
  const engine = (async (): Promise<BookEngine> => {
    let url: string | null = null;
    try {
      url = URL.createObjectURL(await scriptBlob(source));
      const made = portBookEngine(new Worker(url, { name: "mentor-monitor-engine" }) as unknown as BookPort, inThreadBookEngine);
      const done = url;
      void made.ready().then(() => URL.revokeObjectURL(done));
      return made;
    } catch {
      if (url) URL.revokeObjectURL(url);
      return inThreadBookEngine();
    }
  })();
  return {
    ready: () => engine.then((e) => e.ready()),
    open: (bytes, fileName, onProgress) => engine.then((e) => e.open(bytes, fileName, onProgress)),
  };
}
