// Reads the data rows of a located sheet into typed records: every cell through its tolerant reader,
// every row through its zod schema, every problem as an issue at its own cell.
import type { z } from "zod";
import { type CellValue, cellAddress, isBlank } from "./cells";
import type { ColumnSpec } from "./columns";
import { type Dictionaries, type ListIndex, type ListName, indexList } from "./dictionaries";
import type { LocatedSheet } from "./headers";
import { type Issue, type IssueCode, makeIssue } from "./issues";
import { type Read, readDate, readList, readNumber, readText } from "./readers";
import { issueOfSchemaFailure } from "./schemas";

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
   * The row's identity key, when its sheet's cross-row rules build one (participants: the person key),
   * kept so that counting later does not rebuild it for every row.
   */
  identity?: string;
}

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
  constructor(private readonly located: LocatedSheet<K>) {}

  columnOf(key: K): ColumnSpec<K> {
    return this.located.spec.columns.find((c) => c.key === key)!;
  }

  at(row: number, key: K | null, code: IssueCode, message: string, suggestion?: string, column?: string): Issue {
    const sheet = this.located.sheet;
    const idx = key === null ? undefined : this.located.columnIndex[key];
    const col = (sheet.firstColumn ?? 1) + (idx ?? 0);
    const issue = makeIssue(
      { sheet: sheet.name, cell: cellAddress(row, col), row, column: column ?? (key === null ? "" : this.columnOf(key).header) },
      code,
      message,
      suggestion,
    );
    this.issues.push(issue);
    return issue;
  }

  /** Adds an issue for a record and counts it against the row when it is an error. */
  onRecord(rec: RowRecord<unknown, K>, key: K | null, code: IssueCode, message: string, suggestion?: string): void {
    if (this.at(rec.row, key, code, message, suggestion).severity === "error") rec.errors++;
  }
}

interface ColumnReader<K extends string> {
  readonly key: K;
  readonly idx: number;
  readonly read: (v: CellValue) => Read<unknown>;
}

export function readTable<T, K extends string>(
  located: LocatedSheet<K>,
  schema: z.ZodType<T>,
  ctx: ReadContext,
  sink: IssueSink<K>,
): TableResult<T, K> {
  const { spec, sheet, headerIndex, columnIndex, missing } = located;
  const firstRow = sheet.firstRow ?? 1;
  for (const c of missing) {
    const msg = `Нет обязательного столбца «${c.header}» в строке заголовков`;
    sink.at(firstRow + headerIndex, null, "missing-column", msg, undefined, c.header);
  }
  const present = spec.columns.filter((c) => columnIndex[c.key] !== undefined);
  const lists = new Map<ListName, ListIndex>();
  const readers: ColumnReader<K>[] = present.map((c) => ({ key: c.key, idx: columnIndex[c.key]!, read: readerFor(c, ctx, lists) }));
  // Every row's fields start as a copy of this: one shape for all rows (cheap to copy and to read), with
  // null for absent columns, so the same object is what the schema checks.
  const blankFields = Object.fromEntries(spec.columns.map((c) => [c.key, null])) as Partial<Record<K, unknown>>;

  const records: RowRecord<T, K>[] = [];
  // Blank rows count as skipped only when data follows them: rows after the last filled one are not
  // "inside the data" (a stray value far down a sheet must not report a million skipped rows).
  let emptyRows = 0;
  let blankRun = 0;
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i];
    if (isBlankRow(cells, readers)) {
      blankRun++;
      continue;
    }
    emptyRows += blankRun;
    blankRun = 0;
    const rec = readRow<T, K>(cells, firstRow + i, readers, blankFields, schema, sink, columnIndex);
    if (missing.length > 0) {
      (rec as { value: T | null }).value = null;
      if (rec.errors === 0) rec.errors++; // unreadable without its required columns
    }
    records.push(rec);
  }
  return { records, emptyRows, issues: sink.issues };
}

function isBlankRow<K extends string>(cells: readonly CellValue[], readers: readonly ColumnReader<K>[]): boolean {
  if (cells.length === 0) return true; // the adapters' shared empty row: a sheet may have a million of them
  for (const r of readers) if (!isBlank(cells[r.idx] ?? null)) return false;
  return true;
}

/** One data row: each cell through its reader, then the whole row through the schema. Hot: once per row. */
function readRow<T, K extends string>(
  cells: readonly CellValue[],
  row: number,
  readers: readonly ColumnReader<K>[],
  blankFields: Partial<Record<K, unknown>>,
  schema: z.ZodType<T>,
  sink: IssueSink<K>,
  columnIndex: Partial<Record<K, number>>,
): RowRecord<T, K> {
  const fields = { ...blankFields };
  const rec: RowRecord<T, K> = { row, value: null, fields, errors: 0, identity: undefined };
  let failed: Set<K> | undefined; // most rows never fail: no set for them
  for (const r of readers) {
    const res = r.read(cells[r.idx] ?? null);
    if (res.ok) fields[r.key] = res.value;
    else {
      (failed ??= new Set<K>()).add(r.key);
      sink.onRecord(rec, r.key, res.code, res.message, res.suggestion);
    }
  }
  const parsed = schema.safeParse(fields);
  if (parsed.success) {
    if (failed === undefined) (rec as { value: T | null }).value = parsed.data;
    return rec;
  }
  for (const zi of parsed.error.issues) {
    const key = zi.path[0] as K;
    if (failed?.has(key) || columnIndex[key] === undefined) continue;
    (failed ??= new Set<K>()).add(key);
    const blankCell = fields[key] === null || fields[key] === undefined;
    const { code, message } = issueOfSchemaFailure(zi, blankCell, sink.columnOf(key).header);
    sink.onRecord(rec, key, code, message);
  }
  return rec;
}

function readerFor(c: ColumnSpec, ctx: ReadContext, lists: Map<ListName, ListIndex>): (v: CellValue) => Read<unknown> {
  switch (c.type.kind) {
    case "text":
      return readText;
    case "number":
      return readNumber;
    case "date":
      return (v) => readDate(v, ctx.date1904);
    case "deadline":
      return (v) => ({ ok: true, value: isBlank(v) ? null : v });
    case "list": {
      const name = c.type.list;
      const allowed = ctx.dictionaries[name];
      if (!lists.has(name)) lists.set(name, indexList(allowed));
      const index = lists.get(name)!;
      return (v) => readList(v, index, allowed);
    }
  }
}
