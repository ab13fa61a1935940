// The engine behind one interface: in the task pane a Web Worker (src/taskpane/worker-engine.ts), so the
// analysis never blocks the page; in jest and Node the same tasks in-thread. The Office adapter reads
// the workbook block by block and hands each block to a job as soon as it is read (the page's share of
// the work is then one structured clone per block), then asks the job for results.
import type { CellValue, SheetInput, WorkbookInput } from "../core/model/cells";
import { ReadCache } from "../core/read/table";
import { RowHashes, type TaskArgs, type TaskName, type TaskResults, analyzer, runTask } from "./tasks";

/** A workbook without its rows: what the reader knows of each sheet besides the cells. */
export interface WorkbookShape {
  readonly sheets: ReadonlyArray<Omit<SheetInput, "rows">>;
  readonly date1904?: boolean;
}

/** Where the reader sends the rows of each sheet, in order. */
export interface RowSink {
  rows(sheet: number, rows: CellValue[][]): void;
}

/** One read of the workbook: rows arrive, then the shape, then any number of tasks over them. */
export interface EngineJob extends RowSink {
  finish(shape: WorkbookShape): void;
  run<K extends TaskName>(task: K, args: TaskArgs[K]): Promise<TaskResults[K]>;
  /**
   * After `finish`: rows changed since the read (a live re-check). Replaces the sheet's rows from index
   * `at` (0 = the sheet's first read row) with `rows`; with `total`, the sheet then has that many rows
   * (rows added below are empty until patched, rows past it are dropped). Later tasks see the new cells.
   */
  patch(sheet: number, at: number, rows: CellValue[][], total?: number): void;
  /** Frees the rows (the worker drops its copy). */
  close(): void;
}

export interface Engine {
  job(): EngineJob;
  /** "worker" or "in-thread": which implementation runs the tasks. */
  readonly kind: "worker" | "in-thread";
}

/** Puts blocks of rows and a shape together into the core's input. */
export class InputBuilder {
  private readonly blocks: CellValue[][][][] = [];
  private input: WorkbookInput | null = null;

  rows(sheet: number, rows: CellValue[][]): void {
    (this.blocks[sheet] ??= []).push(rows);
  }

  finish(shape: WorkbookShape): WorkbookInput {
    const sheets = shape.sheets.map((s, i) => {
      const blocks = this.blocks[i] ?? [];
      const rows = blocks.length === 1 ? blocks[0] : blocks.flat(1);
      return { ...s, rows };
    });
    this.blocks.length = 0;
    this.input = { sheets, date1904: shape.date1904 ?? false };
    return this.input;
  }

  get workbook(): WorkbookInput {
    if (!this.input) throw new Error("engine: a task was asked before the workbook was read");
    return this.input;
  }

  /** Rows changed after the read; the sheet's rows are copied first, so a caller's input is never touched. */
  patch(sheet: number, at: number, rows: CellValue[][], total?: number): void {
    const input = this.workbook;
    const s = input.sheets[sheet];
    if (!s) throw new Error(`engine: no sheet ${sheet} to patch`);
    const next = (s.rows as CellValue[][]).slice();
    const width = next[0]?.length ?? rows[0]?.length ?? 0;
    const end = Math.max(total ?? 0, at + rows.length);
    while (next.length < end) next.push(new Array<CellValue>(width).fill(null));
    for (let i = 0; i < rows.length; i++) next[at + i] = rows[i];
    if (total !== undefined) next.length = total;
    const sheets = input.sheets.slice();
    sheets[sheet] = { ...s, rows: next };
    this.input = { ...input, sheets };
  }
}

/**
 * A job whose tasks run right here (jest, Node, and the pane where workers are unavailable).
 *
 * A patched job is analysed again from its patched input, with what did not change kept (docs/pane.md,
 * «Live re-check»): each row's read (its cells through the readers, the row type's verdict, the issues at
 * its cells) is cached by its place and its array, so only the patched rows are read again, and the rules
 * across rows (persons, duplicates, pairs, organizations) run again over the records; each row's hash is
 * kept the same way, so the fingerprint hashes only the patched rows. The result is the very result of a
 * fresh analysis of the same cells (test/properties/incremental.test.ts).
 */
export class LocalJob implements EngineJob {
  private readonly builder = new InputBuilder();
  private analyze: ReturnType<typeof analyzer> | null = null;
  private readonly cache = new ReadCache();
  private readonly hashes = new RowHashes();

  rows(sheet: number, rows: CellValue[][]): void {
    this.builder.rows(sheet, rows);
  }

  finish(shape: WorkbookShape): void {
    this.analyze = analyzer(this.builder.finish(shape), this.cache);
  }

  patch(sheet: number, at: number, rows: CellValue[][], total?: number): void {
    this.builder.patch(sheet, at, rows, total);
    this.analyze = analyzer(this.builder.workbook, this.cache);
  }

  /** A job over an input that is already complete. */
  static of(input: WorkbookInput): LocalJob {
    const job = new LocalJob();
    input.sheets.forEach((s, i) => job.rows(i, s.rows as CellValue[][]));
    job.finish({ sheets: input.sheets.map(({ rows: _rows, ...rest }) => rest), date1904: input.date1904 });
    return job;
  }

  async run<K extends TaskName>(task: K, args: TaskArgs[K]): Promise<TaskResults[K]> {
    if (!this.analyze) throw new Error("engine: a task was asked before the workbook was read");
    return runTask(task, this.builder.workbook, this.analyze, args, this.hashes);
  }

  close(): void {
    this.analyze = null;
  }
}

export const inThreadEngine: Engine = { kind: "in-thread", job: () => new LocalJob() };

// ---- The worker's protocol: what the page posts and what the worker answers. ----

export type ToWorker =
  | { readonly type: "rows"; readonly job: number; readonly sheet: number; readonly rows: CellValue[][] }
  | { readonly type: "finish"; readonly job: number; readonly shape: WorkbookShape }
  | { readonly type: "patch"; readonly job: number; readonly sheet: number; readonly at: number; readonly rows: CellValue[][]; readonly total?: number }
  | { readonly type: "run"; readonly job: number; readonly id: number; readonly task: TaskName; readonly args: unknown }
  | { readonly type: "close"; readonly job: number };

export type FromWorker =
  | { readonly id: number; readonly ok: true; readonly result: unknown; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** The worker's side: jobs by number, each a LocalJob. Kept here (no DOM) so it is testable in Node. */
export function workerHandler(post: (m: FromWorker) => void): (m: ToWorker) => void {
  const jobs = new Map<number, LocalJob>();
  const jobOf = (n: number) => {
    let j = jobs.get(n);
    if (!j) jobs.set(n, (j = new LocalJob()));
    return j;
  };
  return (m) => {
    switch (m.type) {
      case "rows":
        jobOf(m.job).rows(m.sheet, m.rows);
        return;
      case "finish":
        jobOf(m.job).finish(m.shape);
        return;
      case "patch":
        jobOf(m.job).patch(m.sheet, m.at, m.rows, m.total);
        return;
      case "close":
        jobs.get(m.job)?.close();
        jobs.delete(m.job);
        return;
      case "run": {
        const t0 = performance.now();
        jobOf(m.job)
          .run(m.task, m.args as never)
          .then(
            (result) => post({ id: m.id, ok: true, result, ms: performance.now() - t0 }),
            (e: unknown) => post({ id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) }),
          );
      }
    }
  };
}

/** The page's side over any message port (a Worker in the pane; a fake in tests). */
export interface EnginePort {
  postMessage(m: ToWorker): void;
  onmessage: ((e: { data: FromWorker }) => void) | null;
  onerror?: ((e: unknown) => void) | null;
}

export function portEngine(port: EnginePort): Engine {
  let jobs = 0;
  let ids = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  port.onmessage = (e) => {
    const m = e.data;
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.ok) w.resolve(m.result);
    else w.reject(new Error(m.message));
  };
  // A worker that failed to start or crashed answers nothing more: every waiting task fails, in words.
  port.onerror = () => {
    for (const w of waiting.values()) w.reject(new Error("Модуль проверки перестал отвечать. Закройте и снова откройте панель."));
    waiting.clear();
  };
  return {
    kind: "worker",
    job(): EngineJob {
      const job = ++jobs;
      return {
        rows: (sheet, rows) => port.postMessage({ type: "rows", job, sheet, rows }),
        finish: (shape) => port.postMessage({ type: "finish", job, shape }),
        patch: (sheet, at, rows, total) => port.postMessage({ type: "patch", job, sheet, at, rows, total }),
        run: <K extends TaskName>(task: K, args: TaskArgs[K]) =>
          new Promise<TaskResults[K]>((resolve, reject) => {
            const id = ++ids;
            waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
            port.postMessage({ type: "run", job, id, task, args });
          }),
        close: () => port.postMessage({ type: "close", job }),
      };
    },
  };
}
