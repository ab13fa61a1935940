// Office's proxy semantics: every property write, method call and load is queued on the context and
// runs only at context.sync(), in order; loaded values become readable only after that sync; reading
// anything not loaded throws PropertyNotLoaded. The context counts syncs and queued operations and
// sizes each request and response the way Excel on the web limits them (5 MB each way).
import { HostError } from "./errors";
import type { Rect } from "./address";
import type { SheetModel, WorkbookModel } from "./model";

export type OpKind = "path" | "set" | "call" | "load";

export interface SyncRecord {
  readonly ops: number;
  readonly requestBytes: number;
  responseBytes: number;
  error?: string;
}

export interface HostStats {
  syncs: number;
  queuedOps: number;
  opsByKind: Record<OpKind, number>;
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** One record per sync, in order. */
  log: SyncRecord[];
}

export function emptyStats(): HostStats {
  return { syncs: 0, queuedOps: 0, opsByKind: { path: 0, set: 0, call: 0, load: 0 }, maxRequestBytes: 0, maxResponseBytes: 0, log: [] };
}

/** Payload limits in bytes; null means none (desktop Excel has no such limit). */
export interface Limits {
  readonly requestBytes: number;
  readonly responseBytes: number;
}
/** Excel on the web: "a payload size limit for requests and responses of 5MB", read strictly as 5 000 000 bytes. */
export const WEB_LIMITS: Limits = { requestBytes: 5_000_000, responseBytes: 5_000_000 };

/** UTF-8 length: what the payload costs on the wire (Cyrillic text costs two bytes a letter). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const jsonBytes = (v: unknown) => utf8Length(JSON.stringify(v) ?? "null");

/**
 * What Office's request JSON spends around the arguments, read off Office.js's serialisation: an
 * action ({"Id":…,"ActionType":…,"Name":…,"ObjectPathId":…,"ArgumentInfo":…}) is about 75 bytes; a
 * method's object path with the action that instantiates it about 150; a property's path (range.format,
 * format.fill) about 70. Estimates: a sync the host sizes near 5 MB may be over it in Office.
 */
const OVERHEAD: Record<OpKind, number> = { path: 150, set: 75, call: 75, load: 75 };
export const PROPERTY_PATH_BYTES = 70;

/** Things a sync delivers into: proxies (loaded properties) and ClientResults. */
interface Receiver {
  _receive(key: string, value: unknown): void;
}

/** Loaded values of one sync, held back until the whole sync has succeeded. */
export class Staging {
  private entries: [Receiver, string, unknown][] = [];
  bytes = 0;

  put(target: Receiver, key: string, value: unknown, counted = true): void {
    this.entries.push([target, key, value]);
    if (counted) this.bytes += key.length + 3 + jsonBytes(value);
  }

  commit(): void {
    for (const [t, k, v] of this.entries) t._receive(k, v);
  }
}

interface Op {
  readonly bytes: number;
  apply(s: Staging): void;
}

/** The cells a model object stands for, when it stands for cells (a RangeRef, or a border's range). */
function cellsOf(m: unknown): { sheet: SheetModel; rect: Rect } | null {
  if (!m || typeof m !== "object") return null;
  const r = "rect" in m && "sheet" in m ? m : "ref" in m ? (m as { ref: unknown }).ref : null;
  return r && typeof r === "object" && "rect" in r && "sheet" in r ? (r as { sheet: SheetModel; rect: Rect }) : null;
}

export class HostContext {
  private queue: Op[] = [];
  /** Cells the running sync changed, by sheet and block: one change event each once the sync is done. */
  private touched = new Map<string, { sheet: SheetModel; rect: Rect }>();
  private pathBytes = 0; // property paths created since the last sync: sent, not counted as operations
  private open = true;
  private ids = 0;

  constructor(
    readonly model: WorkbookModel,
    readonly stats: HostStats,
    readonly limits: Limits | null,
  ) {}

  nextId(): number {
    return ++this.ids;
  }

  /** A property path (range.format, …) goes out with the next request. */
  chargePath(name: string): void {
    this.pathBytes += PROPERTY_PATH_BYTES + name.length;
  }

  /** A write landed on the cells `m` stands for (values, number formats, fills, fonts, borders, merges). */
  noteChange(m: unknown): void {
    const c = cellsOf(m);
    if (c) this.touched.set(`${c.sheet.id}!${c.rect.row},${c.rect.col},${c.rect.rows},${c.rect.cols}`, c);
  }

  get pending(): boolean {
    return this.queue.length > 0;
  }

  close(): void {
    this.open = false;
  }

  /** Queues one operation, sized as Office would send it: its envelope, its name and its arguments. */
  enqueue(kind: OpKind, name: string, args: readonly unknown[], apply: (s: Staging) => void): void {
    if (!this.open) throw new HostError("InvalidObjectPath", `«${name}» was called after Excel.run finished`, name);
    this.queue.push({ bytes: OVERHEAD[kind] + utf8Length(name) + jsonBytes(args), apply });
    this.stats.queuedOps++;
    this.stats.opsByKind[kind]++;
  }

  async sync<T>(passThrough?: T): Promise<T> {
    if (!this.open) throw new HostError("InvalidObjectPath", "context.sync() after Excel.run finished", "sync");
    const ops = this.queue;
    const pathBytes = this.pathBytes;
    this.queue = [];
    this.pathBytes = 0;
    await Promise.resolve(); // Office answers asynchronously
    const rec: SyncRecord = { ops: ops.length, requestBytes: ops.reduce((n, o) => n + o.bytes, pathBytes), responseBytes: 0 };
    this.stats.syncs++;
    this.stats.log.push(rec);
    this.stats.maxRequestBytes = Math.max(this.stats.maxRequestBytes, rec.requestBytes);
    try {
      // The request is refused whole, before anything runs.
      if (this.limits && rec.requestBytes > this.limits.requestBytes) {
        throw new HostError("RequestPayloadSizeLimitExceeded", `${rec.requestBytes} bytes in ${ops.length} operations`, "sync");
      }
      // Operations run in order; a failure stops the batch and what ran before it stays done (no rollback).
      const staging = new Staging();
      for (const op of ops) op.apply(staging);
      rec.responseBytes = staging.bytes;
      this.stats.maxResponseBytes = Math.max(this.stats.maxResponseBytes, rec.responseBytes);
      if (this.limits && rec.responseBytes > this.limits.responseBytes) {
        throw new HostError("ResponsePayloadSizeLimitExceeded", `${rec.responseBytes} bytes of loaded values`, "sync");
      }
      staging.commit();
    } catch (e) {
      rec.error = e instanceof HostError ? e.code : String(e);
      throw e;
    } finally {
      // What ran stays done (no rollback), so its change events fire even when the sync failed later.
      const touched = [...this.touched.values()];
      this.touched.clear();
      for (const t of touched) this.model.events.changed(t.sheet, t.rect, "ThisLocalAddin");
    }
    return passThrough as T;
  }
}

/** A load spec ("a,b/c", ["a", "b/c"] or nothing) as a tree of property names. */
export type LoadTree = Map<string, LoadTree>;

export function parseLoad(spec: unknown): LoadTree {
  const tree: LoadTree = new Map();
  if (spec === undefined || spec === null) return tree;
  let paths: string[];
  if (typeof spec === "string") paths = spec.split(",");
  else if (Array.isArray(spec)) paths = spec.flatMap((s) => String(s).split(","));
  else if (typeof spec === "object" && typeof (spec as { select?: unknown }).select === "string") paths = (spec as { select: string }).select.split(",");
  else throw new HostError("NotImplemented", "load() takes a string or an array of strings here", "load");
  for (const p of paths) {
    let node = tree;
    for (const name of p.trim().split("/")) {
      if (!name) continue;
      if (!node.has(name)) node.set(name, new Map());
      node = node.get(name)!;
    }
  }
  return tree;
}

/** How a scalar property reads from the model and, when writable, writes to it. */
export interface Prop<M> {
  get(m: M, ctx: HostContext): unknown;
  set?(m: M, v: unknown, ctx: HostContext): void;
}

type Locate<M> = () => M | null;

/**
 * One proxy. `locate` finds its model object when the queue reaches its first use (Office resolves
 * object paths on the host, in order); null marks a null object. Subclasses list their scalar
 * properties in `props` (getters and setters are generated from it) and their child objects in `navs`.
 */
export abstract class HostObject<M = unknown> implements Receiver {
  static typeName = "Object";
  /** Whether writes and calls on this kind of proxy change cells (and so raise onChanged). */
  static changesCells = false;
  /** Calls that change nothing in the cells even on such a proxy. */
  static quietCalls: readonly string[] = [];
  static props: Record<string, Prop<never>> = {};
  static navs: readonly string[] = [];

  /** The proxy's own number in the request (not Worksheet.id, which is a property of the model). */
  readonly _id: number;
  private readonly cache = new Map<string, unknown>();
  private bound: M | null | undefined;
  private readonly children = new Map<string, HostObject<unknown>>();

  constructor(
    readonly context: HostContext,
    private readonly locate: Locate<M>,
  ) {
    this._id = context.nextId();
  }

  protected get cls(): typeof HostObject {
    return this.constructor as typeof HostObject;
  }

  /** The scalar properties of this proxy (the class's table; Settings has one per instance). */
  protected propTable(): Record<string, Prop<M>> {
    return this.cls.props as Record<string, Prop<M>>;
  }

  protected navNames(): readonly string[] {
    return this.cls.navs;
  }

  _receive(key: string, value: unknown): void {
    this.cache.set(key, value);
  }

  _bind(m: M): void {
    this.bound = m;
  }

  /** The model object, found once; a deleted one fails like Office's stale proxies. */
  _resolve(): M | null {
    if (this.bound === undefined) this.bound = this.locate();
    const m = this.bound;
    if (m && (m as { deleted?: boolean }).deleted) {
      throw new HostError("ItemNotFound", `the ${this.cls.typeName} was deleted`, this.cls.typeName);
    }
    return m;
  }

  get isNullObject(): boolean {
    if (!this.cache.has("isNullObject")) {
      throw new HostError("PropertyNotLoaded", `${this.cls.typeName}.isNullObject before sync()`, `${this.cls.typeName}.isNullObject`);
    }
    return this.cache.get("isNullObject") as boolean;
  }

  _get(key: string): unknown {
    if (this.cache.get("isNullObject") === true) return undefined; // Office: a null object's properties read as undefined
    if (!this.cache.has(key)) {
      throw new HostError("PropertyNotLoaded", `${this.cls.typeName}.${key} was read without load("${key}") and sync()`, `${this.cls.typeName}.${key}`);
    }
    return this.cache.get(key);
  }

  /** Office keeps a written value on the proxy (readable at once) and sends the write at sync. */
  _set(key: string, value: unknown): void {
    const prop = this.propTable()[key];
    this.cache.set(key, value);
    this.context.enqueue("set", key, [value], () => {
      const m = this._resolve();
      if (m !== null) {
        prop.set!(m, value, this.context);
        if (this.cls.changesCells) this.context.noteChange(m);
      }
    });
  }

  /** A method call without a result object; calls on a null object do nothing. */
  protected call(name: string, args: readonly unknown[], apply: (m: M, s: Staging) => void): void {
    this.context.enqueue("call", name, args, (s) => {
      const m = this._resolve();
      if (m === null) return;
      apply(m, s);
      if (this.cls.changesCells && !this.cls.quietCalls.includes(name)) this.context.noteChange(m);
    });
  }

  /** A method returning another object (getItem, getRange, …): an object path in Office's request. */
  protected path<C extends HostObject<unknown>>(name: string, args: readonly unknown[], child: C, orNull = false): C {
    this.context.enqueue("path", name, args, (s) => {
      // *OrNullObject paths are resolved where they stand, so isNullObject is known after this sync.
      if (orNull) s.put(child, "isNullObject", child._resolve() === null);
    });
    return child;
  }

  /** A navigation property (range.format, format.fill, …): created once per proxy, like Office's. */
  protected nav<C extends HostObject<unknown>>(key: string, make: () => C): C {
    let c = this.children.get(key);
    if (!c) {
      this.children.set(key, (c = make()));
      this.context.chargePath(key);
    }
    return c as C;
  }

  load(spec?: unknown): this {
    const tree = parseLoad(spec);
    this.context.enqueue("load", "load", [spec ?? null], (s) => this._load(tree, s));
    return this;
  }

  _load(tree: LoadTree, s: Staging): void {
    const m = this._resolve();
    s.put(this, "isNullObject", m === null, false);
    if (m === null) return;
    const props = this.propTable();
    const keys = tree.size > 0 ? [...tree.keys()] : Object.keys(props);
    for (const key of keys) {
      const sub = tree.get(key) ?? new Map();
      if (key in props && sub.size === 0) s.put(this, key, props[key].get(m, this.context));
      else if (this.navNames().includes(key)) ((this as unknown as Record<string, HostObject<unknown>>)[key])._load(sub, s);
      else throw new HostError("InvalidArgument", `${this.cls.typeName} has no property «${key}» to load`, `${this.cls.typeName}.load`);
    }
  }

  toJSON(): { id: number } {
    return { id: this._id };
  }
}

/** Generates the accessors of a proxy class from its `props` table. */
export function defineProps(cls: { prototype: object; props: Record<string, { set?: unknown }> }): void {
  for (const [key, prop] of Object.entries(cls.props)) {
    Object.defineProperty(cls.prototype, key, {
      get(this: HostObject) {
        return this._get(key);
      },
      set: prop.set
        ? function (this: HostObject, v: unknown) {
            this._set(key, v);
          }
        : undefined,
      configurable: true,
    });
  }
}

/**
 * A collection proxy: `items` after load, each item loaded with the sub-tree under "items/…"
 * (a bare property name on a collection means that property of every item, as in Office).
 */
export abstract class HostCollection<M, I> extends HostObject<M> {
  static override navs: readonly string[] = ["items"];

  protected abstract itemModels(m: M): readonly I[];
  protected abstract itemProxy(item: I): HostObject<I>;

  get items(): HostObject<I>[] {
    return this._get("items") as HostObject<I>[];
  }

  override _load(tree: LoadTree, s: Staging): void {
    const m = this._resolve();
    s.put(this, "isNullObject", m === null, false);
    if (m === null) return;
    const own = this.propTable();
    for (const key of tree.keys()) if (key in own) s.put(this, key, own[key].get(m, this.context));
    let itemTree = tree.get("items") ?? new Map();
    const other = [...tree.keys()].filter((k) => k !== "items" && !(k in own));
    if (other.length > 0) itemTree = new Map([...itemTree, ...other.map((k) => [k, tree.get(k)!] as const)]);
    if (tree.size > 0 && !tree.has("items") && other.length === 0) return; // only the collection's own properties
    const items = this.itemModels(m).map((im) => {
      const p = this.itemProxy(im);
      p._bind(im);
      p._load(itemTree, s);
      return p;
    });
    s.put(this, "items", items, false);
  }
}

/** Office's ClientResult: `.value` only after the sync that computed it. */
export class ClientResult<T> implements Receiver {
  private loaded = false;
  private v: T | undefined;

  _receive(_key: string, value: unknown): void {
    this.loaded = true;
    this.v = value as T;
  }

  get value(): T {
    if (!this.loaded) throw new HostError("ValueNotLoaded", "ClientResult.value before sync()", "ClientResult.value");
    return this.v as T;
  }
}
