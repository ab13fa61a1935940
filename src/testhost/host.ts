// createHost: an in-memory Excel behind the same `run` the adapter gets in Office, plus direct
// access to the workbook for tests and counters of syncs, operations and payload sizes.
import type { ExcelRun } from "../office/run";
import { rectAddress } from "./address";
import { type HostInput, workbookFrom } from "./load";
import type { WorkbookModel } from "./model";
import { HostContext, type HostStats, type Limits, WEB_LIMITS, emptyStats } from "./proxy";
import { SheetView, type TableView, tableView } from "./view";
import { Workbook } from "./worksheet";

export interface HostOptions {
  /** Payload limits per sync; default Excel on the web's 5 MB each way, null for none (desktop). */
  readonly limits?: Limits | null;
}

export interface TestHost {
  /** Use in place of Excel.run: createService(host.run). */
  readonly run: ExcelRun;
  readonly model: WorkbookModel;
  /** Counters since creation or the last resetStats(). */
  readonly stats: Readonly<HostStats>;
  resetStats(): void;
  sheet(name: string): SheetView;
  hasSheet(name: string): boolean;
  sheetNames(): string[];
  activeSheet(): string | null;
  selection(): { sheet: string; address: string } | null;
  names(): { name: string; formula: string; comment: string }[];
  tables(): TableView[];
  /** Resolves once every change event raised so far has reached its handlers. */
  settle(): Promise<void>;
  /** onChanged handlers registered now (worksheet and collection). */
  handlerCount(): number;
}

export function createHost(initial?: HostInput, options: HostOptions = {}): TestHost {
  const model = workbookFrom(initial);
  const limits = options.limits === undefined ? WEB_LIMITS : options.limits;
  let stats = emptyStats();

  const run: ExcelRun = async (batch) => {
    const ctx = new HostContext(model, stats, limits);
    // What the batch sees as Excel.RequestContext: the workbook and sync, nothing else.
    const facade = { workbook: new Workbook(ctx, () => model), sync: <T>(v?: T) => ctx.sync(v) };
    try {
      const result = await batch(facade as unknown as Excel.RequestContext);
      if (ctx.pending) await ctx.sync(); // Excel.run sends what the batch left queued
      return result;
    } finally {
      ctx.close();
    }
  };

  return {
    run,
    model,
    get stats() {
      return stats;
    },
    resetStats: () => void (stats = emptyStats()),
    sheet(name) {
      const s = model.sheet(name);
      if (!s) throw new Error(`test host: no sheet «${name}» (have ${model.sheets.map((x) => x.name).join(", ")})`);
      return new SheetView(model, s);
    },
    hasSheet: (name) => model.sheet(name) !== undefined,
    sheetNames: () => model.sheets.map((s) => s.name),
    activeSheet: () => model.active?.name ?? null,
    selection: () => (model.selection ? { sheet: model.selection.sheet.name, address: rectAddress(model.selection.rect) } : null),
    names: () => model.names.map((n) => ({ name: n.name, formula: n.formula, comment: n.comment })),
    tables: () => model.tables.map(tableView),
    settle: () => model.events.settle(),
    handlerCount: () => model.events.handlerCount,
  };
}

export interface SyncStats {
  readonly syncs: number;
  readonly queuedOps: number;
  readonly opsByKind: HostStats["opsByKind"];
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
  readonly log: HostStats["log"];
}

/** Runs one action on the host and returns its result with the counters of that action alone. */
export async function syncStats<T>(host: TestHost, action: () => Promise<T>): Promise<{ result: T; stats: SyncStats }> {
  host.resetStats();
  const result = await action();
  const s = host.stats;
  return { result, stats: { syncs: s.syncs, queuedOps: s.queuedOps, opsByKind: { ...s.opsByKind }, maxRequestBytes: s.maxRequestBytes, maxResponseBytes: s.maxResponseBytes, log: [...s.log] } };
}
