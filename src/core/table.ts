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
  const readers = present.map((c) => ({ col: c, idx: columnIndex[c.key]!, read: readerFor(c, ctx, lists) }));

  const records: RowRecord<T, K>[] = [];
  let emptyRows = 0;
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i];
    if (readers.every((r) => isBlank(cells[r.idx] ?? null))) {
      emptyRows++;
      continue;
    }
    const row = firstRow + i;
    const fields: Partial<Record<K, unknown>> = {};
    const failed = new Set<K>();
    const rec: RowRecord<T, K> = { row, value: null, fields, errors: 0 };
    for (const r of readers) {
      const res = r.read(cells[r.idx] ?? null);
      if (res.ok) fields[r.col.key] = res.value;
      else {
        failed.add(r.col.key);
        fields[r.col.key] = null;
        sink.onRecord(rec, r.col.key, res.code, res.message, res.suggestion);
      }
    }
    const candidate: Record<string, unknown> = {};
    for (const c of spec.columns) candidate[c.key] = fields[c.key] ?? null;
    const parsed = schema.safeParse(candidate);
    if (parsed.success) {
      if (failed.size === 0 && missing.length === 0) (rec as { value: T | null }).value = parsed.data;
    } else {
      for (const zi of parsed.error.issues) {
        const key = zi.path[0] as K;
        if (failed.has(key) || columnIndex[key] === undefined) continue;
        failed.add(key);
        const blankCell = fields[key] === null || fields[key] === undefined;
        const { code, message } = issueOfSchemaFailure(zi, blankCell, sink.columnOf(key).header);
        sink.onRecord(rec, key, code, message);
      }
    }
    if (missing.length > 0 && rec.errors === 0) rec.errors++; // unreadable without its required columns
    records.push(rec);
  }
  return { records, emptyRows, issues: sink.issues };
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
