// Worksheet change events (ExcelApi 1.7): `worksheet.onChanged` and `workbook.worksheets.onChanged`.
// Cells changed by a sync (the add-in's own writes) or by a test's set-up helper (a user's edit or
// paste) raise one WorksheetChangedEventArgs per write, delivered in a task after the change, never
// inside the sync. Handlers are registered at the sync after `add` and removed, as Office requires,
// through the RequestContext they were added in.
import { type Rect, rectAddress } from "./address";
import { HostError } from "./errors";
import type { SheetModel, WorkbookModel } from "./model";
import type { HostContext, HostObject } from "./proxy";

/** Who made a change: this add-in's Office.js calls, or anything else (a user typing or pasting). */
export type TriggerSource = "ThisLocalAddin" | "Unknown";

/** What a handler receives: the fields of Excel.WorksheetChangedEventArgs the host models. */
export interface ChangedArgs {
  readonly type: "WorksheetChanged";
  readonly source: "Local";
  readonly changeType: "RangeEdited";
  /** The changed block, without the sheet's name ("A2:J501"), as Excel gives it. */
  readonly address: string;
  readonly worksheetId: string;
  readonly triggerSource: TriggerSource;
}

type Handler = (args: ChangedArgs) => Promise<unknown>;

interface Registration {
  readonly handler: Handler;
  /** null: the collection's event (any sheet). */
  readonly sheet: SheetModel | null;
  readonly context: HostContext;
}

/** The workbook's registered handlers and the events on their way to them. */
export class EventHub {
  private registrations: Registration[] = [];
  private inFlight = 0;
  private idle: (() => void)[] = [];
  /** Events delivered so far (all handlers' calls counted once per event). */
  delivered = 0;

  register(r: Registration): void {
    this.registrations.push(r);
  }

  unregister(handler: Handler, sheet: SheetModel | null, context: HostContext): void {
    const i = this.registrations.findIndex((r) => r.handler === handler && r.sheet === sheet);
    if (i < 0) return; // Office: removing a handler that is not there does nothing
    if (this.registrations[i].context !== context) {
      // "The same RequestContext object that the handler was added in must be used when removing the handler."
      throw new HostError("InvalidOperation", "an event handler is removed through the RequestContext it was added in", "EventHandlers.remove");
    }
    this.registrations.splice(i, 1);
  }

  get handlerCount(): number {
    return this.registrations.length;
  }

  /** Cells of `sheet` changed: each handler on the sheet or the collection hears of it in a later task. */
  changed(sheet: SheetModel, rect: Rect, triggerSource: TriggerSource): void {
    const targets = this.registrations.filter((r) => r.sheet === null || r.sheet === sheet);
    if (targets.length === 0) return;
    const args: ChangedArgs = { type: "WorksheetChanged", source: "Local", changeType: "RangeEdited", address: rectAddress(rect), worksheetId: sheet.id, triggerSource };
    this.inFlight++;
    setTimeout(() => {
      this.delivered++;
      for (const t of targets) void Promise.resolve().then(() => t.handler(args)).catch(() => undefined); // Office: a failing handler fails alone
      if (--this.inFlight === 0) for (const f of this.idle.splice(0)) f();
    }, 0);
  }

  /** Resolves once every event raised so far has been handed to its handlers. */
  settle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((r) => this.idle.push(r));
  }
}

/** Office's EventHandlerResult: `remove()` queues the removal on the context the handler was added in. */
export class EventHandlerResult {
  constructor(
    readonly context: HostContext,
    private readonly handlers: EventHandlers,
    private readonly handler: Handler,
  ) {}

  remove(): void {
    this.handlers._removeOn(this.context, this.handler);
  }
}

/** Office's EventHandlers for `onChanged`: `add` and `remove` take effect at the next sync. */
export class EventHandlers {
  constructor(
    private readonly owner: HostObject<SheetModel | WorkbookModel>,
    private readonly sheetOf: (m: SheetModel | WorkbookModel) => SheetModel | null,
  ) {}

  add(handler: Handler): EventHandlerResult {
    if (typeof handler !== "function") throw new HostError("InvalidArgument", "an event handler is a function", "EventHandlers.add");
    const ctx = this.owner.context;
    ctx.enqueue("call", "onChanged.add", [], () => {
      const m = this.owner._resolve();
      if (m) ctx.model.events.register({ handler, sheet: this.sheetOf(m), context: ctx });
    });
    return new EventHandlerResult(ctx, this, handler);
  }

  remove(handler: Handler): void {
    this._removeOn(this.owner.context, handler);
  }

  _removeOn(ctx: HostContext, handler: Handler): void {
    ctx.enqueue("call", "onChanged.remove", [], () => {
      const m = this.owner._resolve();
      if (m) ctx.model.events.unregister(handler, this.sheetOf(m), ctx);
    });
  }
}
