// Reads the data rows of a located sheet into typed records: every cell through its tolerant reader,
// every row through its row type (zod's verdict, see schemas.ts), every problem as an issue at its cell.
import { type CellValue, cellAddress, isBlank } from "../model/cells";
import type { ColumnSpec } from "../model/columns";
import { type Dictionaries, type ListIndex, type ListName, indexList } from "../model/dictionaries";
import type { LocatedSheet } from "./headers";
import { type Issue, type IssueCode, makeIssue } from "../model/issues";
import { z } from "zod";
import { keepShape } from "./shapes";
import { CellProblem, type Read, readDate, readList, readNumber, readText } from "./readers";
import { ROW_TYPES, type RowType, issueOfSchemaFailure, missingValue } from "./schemas";

export interface RowRecord<T, K extends string> {
  /** Worksheet row number (1-based). */
  readonly row: number;
  /** The valid row, or null when a cell or the schema failed. */
  readonly value: T | null;
  /** What could be read of each cell, also on invalid rows (for messages and cross-row rules). */
  readonly fields: Partial<Record<K, unknown>>;
  /** Errors found on this row so far; cross-sheet rules add to it. */
  errors: number;
  /**
   * The row's person number, when its sheet's cross-row rules give one (participants: see persons.ts),
   * kept so that counting later does not look the person up again.
   */
  identity?: number;
}

// zod's safeParse builds its error as a real Error, with a stack trace nobody reads; a few thousand
// invalid rows paid more for those traces than for the parse. Same issues, no trace.
const parseRow = z.core._safeParse(z.core.$ZodError);

export interface TableResult<T, K extends string> {
  readonly records: RowRecord<T, K>[];
  /** Rows after the header with nothing in any known column. */
  readonly emptyRows: number;
  readonly issues: Issue[];
}

export interface ReadContext {
  readonly dictionaries: Dictionaries;
  readonly date1904: boolean;
}

/** Issues at a cell of a located sheet, so every rule reports addresses the same way. */
export class IssueSink<K extends string> {
  readonly issues: Issue[] = [];
  // A pair row's two view rows share cells: each cell's problem is reported once per row (view.dedupe).
  private dedupeRow = -1;
  private readonly dedupeSeen = new Map<string, Issue>();

  constructor(private readonly located: LocatedSheet<K>) {}

  columnOf(key: K): ColumnSpec<K> {
    return this.located.spec.columns.find((c) => c.key === key)!;
  }

  /** The header a message names for a field: the template's, or the user's own when the sheet is read through a view. */
  headerOf(key: K, fields: Readonly<Partial<Record<K, unknown>>> | null = null): string {
    const view = this.located.view;
    return view === undefined ? this.columnOf(key).header : view.locate(fields, key).header || this.columnOf(key).header;
  }

  at(row: number, key: K | null, code: IssueCode, message: string, suggestion?: string, column?: string): Issue {
    return this.put(row, key, null, code, message, suggestion, column);
  }

  /** An issue at a worksheet column given directly (1-based), for problems a layout finds before any row is read. */
  atColumn(row: number, col: number, header: string, code: IssueCode, message: string, suggestion?: string): Issue {
    const issue = makeIssue({ sheet: this.located.sheet.name, cell: cellAddress(row, col), row, column: header }, code, message, suggestion);
    this.issues.push(issue);
    return issue;
  }

  private put(
    row: number,
    key: K | null,
    fields: Readonly<Partial<Record<K, unknown>>> | null,
    code: IssueCode,
    message: string,
    suggestion: string | undefined,
    column: string | undefined,
  ): Issue {
    const sheet = this.located.sheet;
    const view = this.located.view;
    let col: number;
    let header: string;
    if (view === undefined) {
      const idx = key === null ? undefined : this.located.columnIndex[key];
      col = (sheet.firstColumn ?? 1) + (idx ?? 0);
      header = column ?? (key === null ? "" : this.columnOf(key).header);
    } else {
      const place = view.locate(fields, key);
      col = place.col;
      header = column ?? (place.header || (key === null ? "" : this.columnOf(key).header));
    }
    const cell = cellAddress(row, col);
    if (view?.dedupe) {
      if (row !== this.dedupeRow) {
        this.dedupeRow = row;
        this.dedupeSeen.clear();
      }
      const seen = this.dedupeSeen.get(`${cell}|${code}`);
      if (seen !== undefined) return seen;
    }
    const issue = makeIssue({ sheet: sheet.name, cell, row, column: header }, code, message, suggestion);
    this.issues.push(issue);
    if (view?.dedupe) this.dedupeSeen.set(`${cell}|${code}`, issue);
    return issue;
  }

  /** Issues found before, put again as they were (a cached row's, see ReadCache). */
  replay(issues: readonly Issue[]): void {
    for (let i = 0; i < issues.length; i++) this.issues.push(issues[i]);
  }

  /** Adds an issue for a record and counts it against the row when it is an error. */
  onRecord(rec: RowRecord<unknown, K>, key: K | null, code: IssueCode, message: string, suggestion?: string): void {
    if (this.put(rec.row, key, rec.fields as Partial<Record<K, unknown>>, code, message, suggestion, undefined).severity === "error") rec.errors++;
  }
}

/**
 * What reading each row of one table gave, by the row's index in the sheet, for the next analysis of the
 * same cells (a live re-check: a few rows pasted into a roster of thousands). An entry serves a row only
 * while the row is the very array it was read from: the adapters and the engine never change a row array,
 * they replace it (engine.ts, `InputBuilder.patch`). The record itself is reused, put back as the read left
 * it: cross-row rules add errors, give the person's number and write the code over an organization's name
 * (participants.ts, targets.ts). Parallel arrays rather than an object per row, so filling the cache costs
 * the first check next to nothing.
 */
class TableRows {
  /** The row arrays read; undefined where nothing is cached. */
  readonly cells: (readonly CellValue[] | undefined)[] = [];
  /** The records read, null for a row with every known column blank. */
  readonly recs: (RowRecord<unknown, string> | null)[] = [];
  /** Each record's value, errors and organization as the read left them. */
  readonly values: unknown[] = [];
  readonly errors: number[] = [];
  readonly orgCodes: unknown[] = [];
  /** The issues the read put at the row's cells (undefined for none, as on most rows). */
  readonly issues: (readonly Issue[] | undefined)[] = [];

  has(i: number, cells: readonly CellValue[]): boolean {
    return this.cells[i] === cells;
  }

  put(i: number, cells: readonly CellValue[], rec: RowRecord<unknown, string> | null, issues: readonly Issue[] | undefined): void {
    this.cells[i] = cells;
    this.recs[i] = rec;
    this.values[i] = rec === null ? null : rec.value;
    this.errors[i] = rec === null ? 0 : rec.errors;
    this.orgCodes[i] = rec === null ? undefined : (rec.fields as { orgCode?: unknown }).orgCode;
    this.issues[i] = issues;
  }

  /** The cached row's record as the read left it, or null when the row was blank. */
  record<T, K extends string>(i: number): RowRecord<T, K> | null {
    const rec = this.recs[i] as { value: unknown; fields: { orgCode?: unknown }; errors: number; identity?: number } | null;
    if (rec === null) return null;
    const value = this.values[i] as { orgCode?: unknown } | null;
    const orgCode = this.orgCodes[i];
    rec.value = value;
    rec.errors = this.errors[i];
    rec.identity = undefined;
    if (rec.fields.orgCode !== orgCode) rec.fields.orgCode = orgCode;
    if (value !== null && value.orgCode !== orgCode) value.orgCode = orgCode;
    return rec as unknown as RowRecord<T, K>;
  }

  /** Forgets rows past the sheet's end. */
  truncate(n: number): void {
    if (this.cells.length <= n) return;
    for (const a of [this.cells, this.recs, this.values, this.errors, this.orgCodes, this.issues]) a.length = n;
  }
}

/**
 * Row reads kept between analyses of one workbook that changes a few rows at a time (the task pane's live
 * re-check, engine.ts). One table's rows are reused only when it is read again in the same place, with
 * the same columns, lists and date system; tables a later analysis does not read are dropped. The
 * records of a cached row are reused too: only the latest analysis over a cache is valid.
 */
export class ReadCache {
  private tables = new Map<string, TableRows>();
  private next = new Map<string, TableRows>();

  /** The cached rows of a table read with `key`; empty when it was not read so before. */
  table(key: string): TableRows {
    let t = this.next.get(key) ?? this.tables.get(key);
    if (t === undefined) t = new TableRows();
    this.next.set(key, t);
    return t;
  }

  /** The end of an analysis: what it did not read is forgotten. */
  settle(): void {
    this.tables = this.next;
    this.next = new Map();
  }
}

/**
 * Reads one column's cells. One class with a switch rather than a closure per column type: the row loop
 * then calls one function a million times, which V8 can inline, instead of five it cannot.
 */
class ColumnReader<K extends string> {
  // A list column repeats a handful of spellings down 100 000 rows: each one's reading is remembered.
  private readonly known: Map<string, Read<string>> | undefined;

  constructor(
    readonly key: K,
    readonly pos: number, // the column's place in the sheet spec, which is the row type's field order
    readonly idx: number, // the column's place in the sheet
    private readonly kind: ColumnSpec["type"]["kind"],
    private readonly date1904: boolean,
    private readonly index?: ListIndex,
    private readonly allowed?: readonly string[],
  ) {
    this.known = kind === "list" ? new Map() : undefined;
  }

  // The previous cell and its reading: rosters come grouped (a school's code, a group's pair id, its
  // form, the consent «Да» repeat down the rows), and every reader is a function of the cell alone.
  private lastIn: CellValue | undefined = undefined;
  private lastOut: Read<unknown> = null;

  read(v: CellValue): Read<unknown> {
    if (Object.is(v, this.lastIn)) return this.lastOut; // not ===: a number reader gives −0 for −0
    const r = this.readNew(v);
    this.lastIn = v;
    this.lastOut = r;
    return r;
  }

  private readNew(v: CellValue): Read<unknown> {
    switch (this.kind) {
      case "text":
        return readText(v);
      case "date":
        return readDate(v, this.date1904);
      case "number":
        return readNumber(v);
      case "deadline":
        return isBlank(v) ? null : v; // the raw cell: the deadline grammar reads it later
      case "list": {
        if (typeof v !== "string") return readList(v, this.index!, this.allowed!);
        let r = this.known!.get(v);
        if (r === undefined) {
          r = readList(v, this.index!, this.allowed!);
          if (this.known!.size < 1000) this.known!.set(v, r);
        }
        return r;
      }
    }
  }
}

keepShape(new ColumnReader("", 0, 0, "text", false));
keepShape(new IssueSink(null as unknown as LocatedSheet<string>));
keepShape(makeIssue({ sheet: "", cell: "A1", row: 1, column: "" }, "unknown-value", "", "")); // an issue with a suggestion
// zod's failure results, errors and issues: a row of blanks, and one whose end comes before its start
const endBeforeStart = { fio: "А", birthDate: null, orgCode: "1", role: "1", category: "1", form: "1", pair: null, start: 2, end: 1, consent: null };
keepShape([parseRow(ROW_TYPES.participants.schema, {}).error, parseRow(ROW_TYPES.participants.schema, endBeforeStart).error]);

/** What a row read depends on besides its cells: the table's place and columns, the lists, the date system. */
function cacheKey(located: LocatedSheet<string>, ctx: ReadContext): string {
  const { sheet, spec, headerIndex, columnIndex } = located;
  return JSON.stringify([spec.kind, sheet.name, sheet.firstRow ?? 1, sheet.firstColumn ?? 1, headerIndex, columnIndex, ctx.date1904, ctx.dictionaries]);
}

export function readTable<T, K extends string>(
  located: LocatedSheet<K>,
  type: RowType<T>,
  ctx: ReadContext,
  sink: IssueSink<K>,
  cache?: ReadCache,
): TableResult<T, K> {
  const { spec, sheet, headerIndex, missing, view } = located;
  // A view's rows are in the spec's columns already; the template's layout is read as it is.
  const columnIndex = view === undefined ? located.columnIndex : view.columnIndex;
  const rows = view === undefined ? sheet.rows : view.rows;
  const rowNumbers = view?.rowNumbers;
  const firstRow = sheet.firstRow ?? 1;
  for (const c of missing) {
    const msg = `Нет обязательного столбца «${c.header}» в строке заголовков`;
    sink.at(firstRow + headerIndex, null, "missing-column", msg, undefined, c.header);
  }
  const present = spec.columns.filter((c) => columnIndex[c.key] !== undefined);
  const lists = new Map<ListName, ListIndex>();
  const readers = present.map((c) => readerFor(c, spec.columns.indexOf(c), columnIndex[c.key]!, ctx, lists));
  const values = new Array<unknown>(spec.columns.length).fill(null); // one row's values, reused
  const records: RowRecord<T, K>[] = [];
  // Blank rows count as skipped only when data follows them: rows after the last filled one are not
  // "inside the data" (a stray value far down a sheet must not report a million skipped rows).
  let emptyRows = 0;
  let blankRun = 0;
  // A view's rows are built anew by every analysis: only a sheet read as it is can be cached.
  const cached = cache !== undefined && view === undefined ? cache.table(cacheKey(located, ctx)) : undefined;
  cached?.truncate(rows.length);
  for (let i = view === undefined ? headerIndex + 1 : 0; i < rows.length; i++) {
    const cells = rows[i];
    const row = rowNumbers === undefined ? firstRow + i : rowNumbers[i];
    let rec: RowRecord<T, K> | null;
    // An empty array is the adapters' shared empty row: a sheet may have a million of them.
    if (cells.length === 0) rec = null;
    else if (cached === undefined) rec = readRow<T, K>(cells, row, readers, values, type, sink, columnIndex);
    else if (cached.has(i, cells)) {
      rec = cached.record<T, K>(i);
      const issues = cached.issues[i];
      if (issues !== undefined) sink.replay(issues);
    } else {
      const before = sink.issues.length;
      rec = readRow<T, K>(cells, row, readers, values, type, sink, columnIndex);
      cached.put(i, cells, rec as RowRecord<unknown, string> | null, sink.issues.length > before ? sink.issues.slice(before) : undefined);
    }
    if (rec === null) {
      blankRun++;
      continue;
    }
    emptyRows += blankRun;
    blankRun = 0;
    if (view !== undefined) view.recordCells.set(rec, cells);
    if (missing.length > 0) {
      (rec as { value: T | null }).value = null;
      if (rec.errors === 0) rec.errors++; // unreadable without its required columns
    }
    records.push(rec);
  }
  return { records, emptyRows, issues: sink.issues };
}

/**
 * One data row: each cell through its reader, then the whole row through the schema; null when every
 * known column is blank (readers return null exactly for blank cells). Hot: once per row.
 */
function readRow<T, K extends string>(
  cells: readonly CellValue[],
  row: number,
  readers: readonly ColumnReader<K>[],
  values: unknown[],
  type: RowType<T>,
  sink: IssueSink<K>,
  columnIndex: Partial<Record<K, number>>,
): RowRecord<T, K> | null {
  // Values by column position (nulls for absent columns), then one row object of one shape for all rows,
  // which is also what the schema checks. Problems wait for the row object to be counted against it.
  // Every present column writes its slot (null when blank or refused); absent columns' slots stay null.
  let problems: [K, CellProblem][] | undefined; // most rows have none: no array for them
  let filled = false;
  // Indexed: `for (const r of readers)` allocated an iterator per row.
  for (let i = 0; i < readers.length; i++) {
    const r = readers[i];
    const res = r.read(cells[r.idx] ?? null);
    if (res === null) {
      values[r.pos] = null;
      continue;
    }
    filled = true;
    // Most readings are strings and numbers: `instanceof` only for objects.
    if (typeof res === "object" && res instanceof CellProblem) {
      (problems ??= []).push([r.key, res]);
      values[r.pos] = null;
    } else values[r.pos] = res;
  }
  if (!filled) return null;
  const fields = type.row(values) as unknown as Partial<Record<K, unknown>>;
  const rec: RowRecord<T, K> = { row, value: null, fields, errors: 0, identity: undefined };
  let failed: Set<K> | undefined;
  if (problems !== undefined) {
    failed = new Set<K>();
    for (const [key, pr] of problems) {
      failed.add(key);
      sink.onRecord(rec, key, pr.code, pr.message, pr.suggestion);
    }
  }
  if (failed === undefined && type.acceptsRow(values, fields)) {
    (rec as { value: T | null }).value = fields as T; // what zod would return: the same keys and values
    return rec;
  }
  // What zod would report: the fields failing their own checks or, when none does, the broken rules.
  // A blank required cell needs no words from zod, and a cell a reader refused is reported already, so
  // zod runs only for a value it refuses for a reason of its own, or for the rules.
  const failing = type.failing(fields) as K[];
  const bad = failing.filter((key) => !failed?.has(key) && columnIndex[key] !== undefined);
  if (failing.length > 0 && bad.every((key) => fields[key] === null)) {
    for (const key of bad) {
      (failed ??= new Set<K>()).add(key);
      const { code, message } = missingValue(sink.headerOf(key, fields));
      sink.onRecord(rec, key, code, message);
    }
    return rec;
  }
  const parsed = parseRow(type.schema, fields);
  if (parsed.success) {
    if (failed === undefined) (rec as { value: T | null }).value = parsed.data;
    return rec;
  }
  for (const zi of parsed.error.issues) {
    const key = zi.path[0] as K;
    if (failed?.has(key) || columnIndex[key] === undefined) continue;
    (failed ??= new Set<K>()).add(key);
    const blankCell = fields[key] === null || fields[key] === undefined;
    const { code, message } = issueOfSchemaFailure(zi, blankCell, sink.headerOf(key, fields));
    sink.onRecord(rec, key, code, message);
  }
  return rec;
}

function readerFor<K extends string>(c: ColumnSpec<K>, pos: number, idx: number, ctx: ReadContext, lists: Map<ListName, ListIndex>): ColumnReader<K> {
  if (c.type.kind !== "list") return new ColumnReader(c.key, pos, idx, c.type.kind, ctx.date1904);
  const name = c.type.list;
  const allowed = ctx.dictionaries[name];
  if (!lists.has(name)) lists.set(name, indexList(allowed));
  return new ColumnReader(c.key, pos, idx, "list", ctx.date1904, lists.get(name)!, allowed);
}
