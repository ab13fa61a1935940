// Watching the workbook for changes after a check (issue 15): one `worksheets.onChanged` handler for
// the whole workbook (ExcelApi 1.9), registered in an Excel.run that stays open while the pane watches,
// because Office removes a handler only through the RequestContext it was added in
// (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events#remove-an-event-handler).
//
// Events are coalesced: a paste is one event with the pasted block's address; several quick events (a
// user typing down a column, a fill-down) become one report, 300 ms after the last of them, with the
// changed rows of each sheet merged into spans.
//
// The add-in's own writes raise onChanged too — highlights, fixes, the settings it saves, the remarks
// sheet (Excel fires the event for changes made through the API: `source` is Local either way). They
// are left out two ways: (1) `triggerSource` "ThisLocalAddin" (ExcelApi 1.14, Excel.EventTriggerSource:
// "The event is triggered by the Office JS API of the current add-in") where Excel gives it; (2) on
// older hosts, where it is absent, whatever arrives while the service is writing or for a moment after
// (`muted`). Sheets the add-in owns (the highlight store, «Замечания для школ», the Свод sheets) are not
// watched at all.
import type { SheetChange } from "../pane/port";
import type { ExcelRun } from "./run";

export type { SheetChange } from "../pane/port";

/** One change as the handler receives it: the fields read, typed here (triggerSource is feature-detected). */
export interface ChangeArgs {
  readonly address: string;
  readonly worksheetId: string;
  readonly source?: string;
  readonly changeType?: string;
  /** ExcelApi 1.14; undefined on older hosts. */
  readonly triggerSource?: string;
}

export interface WatchOptions {
  /** Quiet time after the last event before reporting; 300 ms. */
  readonly debounceMs?: number;
  /** Which sheets count (by name); all by default. */
  readonly watched?: (sheet: string) => boolean;
  /** True while the add-in itself writes (for hosts without triggerSource). */
  readonly muted?: () => boolean;
}

/** Rows (0-based, inclusive) of an address Excel reports: "B7", "A2:J501", "3:5"; null for whole columns ("A:C"). */
export function rowsOfAddress(address: string): { first: number; last: number } | null {
  const a = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const parts = a.replace(/\$/g, "").split(":");
  const rowOf = (p: string): number | null => {
    const m = /^([A-Za-z]*)(\d*)$/.exec(p);
    if (!m || m[2] === "") return null;
    return Number(m[2]) - 1;
  };
  const rows = parts.map(rowOf);
  if (rows.some((r) => r === null)) return null;
  const [first, last = first] = rows as number[];
  return { first: Math.min(first, last), last: Math.max(first, last) };
}

/** Merges overlapping and touching spans. */
export function mergeSpans(spans: readonly { first: number; last: number }[]): { first: number; last: number }[] {
  const sorted = [...spans].sort((a, b) => a.first - b.first);
  const out: { first: number; last: number }[] = [];
  for (const s of sorted) {
    const top = out[out.length - 1];
    if (top && s.first <= top.last + 1) top.last = Math.max(top.last, s.last);
    else out.push({ ...s });
  }
  return out;
}

/** Groups events by sheet; a whole-column change makes the sheet's rows "all". */
export function coalesce(events: readonly { sheet: string; address: string }[]): SheetChange[] {
  const bySheet = new Map<string, { spans: { first: number; last: number }[]; all: boolean; addresses: string[] }>();
  for (const e of events) {
    const g = bySheet.get(e.sheet) ?? { spans: [], all: false, addresses: [] };
    bySheet.set(e.sheet, g);
    g.addresses.push(e.address);
    const r = rowsOfAddress(e.address);
    if (r) g.spans.push(r);
    else g.all = true;
  }
  return [...bySheet].map(([sheet, g]) => ({ sheet, rows: g.all ? "all" : mergeSpans(g.spans), addresses: g.addresses }));
}

/**
 * Calls `onChange` with the coalesced changes of watched sheets made by anyone but this add-in.
 * Resolves once the handler is registered; the function it gives stops watching (and removes the handler).
 */
export async function watchWorkbook(run: ExcelRun, onChange: (changes: SheetChange[]) => void, opts: WatchOptions = {}): Promise<() => Promise<void>> {
  const debounce = opts.debounceMs ?? 300;
  const names = new Map<string, string>(); // worksheet id → name
  let pending: { sheet: string; address: string }[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const flush = () => {
    timer = null;
    const events = pending;
    pending = [];
    if (stopped || events.length === 0) return;
    onChange(coalesce(events));
  };

  const nameOf = async (id: string): Promise<string | undefined> => {
    if (!names.has(id)) {
      // A sheet added or renamed since: one more look at the names (rare; not part of a re-check).
      await run(async (ctx) => {
        const sheets = ctx.workbook.worksheets.load("items/id,items/name");
        await ctx.sync();
        names.clear();
        for (const ws of sheets.items) names.set(ws.id, ws.name);
      });
    }
    return names.get(id);
  };

  const handler = async (args: ChangeArgs): Promise<void> => {
    if (stopped || args.triggerSource === "ThisLocalAddin") return;
    // Only where Excel does not say who made the change: anything while the add-in writes is taken for its own.
    if (args.triggerSource === undefined && opts.muted?.()) return;
    const sheet = await nameOf(args.worksheetId);
    if (sheet === undefined || (opts.watched && !opts.watched(sheet))) return;
    pending.push({ sheet, address: args.address });
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounce);
  };

  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  let registered: () => void = () => undefined;
  let failed: (e: unknown) => void = () => undefined;
  const ready = new Promise<void>((res, rej) => {
    registered = res;
    failed = rej;
  });
  const session = run(async (ctx) => {
    const sheets = ctx.workbook.worksheets.load("items/id,items/name");
    const result = sheets.onChanged.add(handler);
    await ctx.sync();
    for (const ws of sheets.items) names.set(ws.id, ws.name);
    registered();
    await released;
    result.remove(); // through the context it was added in
    await ctx.sync();
  });
  session.catch(failed);
  await ready;

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    release();
    await session.catch(() => undefined);
  };
}
