// A purpose-built .xlsx reader: the bytes of a workbook → the core's WorkbookInput, without a workbook
// model in between. The same input as the ExcelJS path (src/xlsx/read.ts: loadWorkbook + workbookInputOf)
// cell for cell, except where ExcelJS is wrong (test/reader/equivalence.test.ts lists each case), in a
// fraction of its time and memory: worksheets and shared strings are inflated and scanned in chunks as
// bytes, and only the cell texts are decoded. Node and browser alike: no node: imports, fflate inflates.
import type { SheetInput, WorkbookInput } from "../../core/model/cells";
import { tags } from "../package/xml";
import { DEFAULT_LIMITS, ZipError, type ZipEntry, readZip } from "../package/zip";
import { type ChunkScanner, scanEntry } from "./bytes";
import { ReaderError } from "./errors";
import { Parts, attributesOf, prefixed, relType } from "./parts";
import { type CellBudget, SheetScanner } from "./sheet";
import { readSharedStrings } from "./strings";
import { styleKinds } from "./styles";

export { ReaderError, messageOf } from "./errors";
export type { ReaderErrorCode } from "./errors";

export interface ReadOptions {
  /** Refuse a package whose parts inflate to more than this many bytes in all (default 2 000 000 000). */
  readonly maxTotalSize?: number;
  /** Refuse a package of more entries (default 20 000). */
  readonly maxEntries?: number;
  /** Refuse a workbook of more cells with values, merged cells filled in included (default 30 000 000). */
  readonly maxCells?: number;
  /**
   * Called while a worksheet is read (at most every `progressMs`, and once when it is done): the rows read
   * so far and the sheet's rows — as its `<dimension>` declares them, or estimated from the bytes read so
   * far when it declares none (exact once the sheet is done).
   */
  readonly onProgress?: (p: SheetProgress) => void;
  /** Default 100 ms. */
  readonly progressMs?: number;
}

export interface SheetProgress {
  readonly sheet: string;
  readonly done: number;
  readonly total: number;
}

export const DEFAULT_MAX_CELLS = 30_000_000;

/** Formula cells of one column whose file holds no cached result: they read as empty. */
export interface FormulaWithoutValue {
  readonly kind: "formula-without-value";
  readonly sheet: string;
  /** 1-based column. */
  readonly column: number;
  readonly count: number;
}

export type ReadWarning = FormulaWithoutValue;

export interface ReadResult {
  readonly input: WorkbookInput;
  readonly date1904: boolean;
  readonly warnings: readonly ReadWarning[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

export function readWorkbookInput(bytes: Uint8Array, opts: ReadOptions = {}): ReadResult {
  if (bytes.length === 0) throw new ReaderError("empty", "the file is empty");
  if (startsWith(bytes, OLE)) throw new ReaderError("encrypted", "an OLE compound file: password-protected or .xls");
  if (!startsWith(bytes, ZIP) && !startsWith(bytes, EMPTY_ZIP)) throw new ReaderError("not-xlsx", "not a zip package");
  let entries: ZipEntry[];
  const limits = { maxTotalSize: opts.maxTotalSize ?? DEFAULT_LIMITS.maxTotalSize, maxEntries: opts.maxEntries ?? DEFAULT_LIMITS.maxEntries };
  try {
    entries = readZip(bytes, limits);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof ZipError && /^(too many entries|inflated size over)/.test(message)) throw new ReaderError("too-large", message, { limit: limits.maxTotalSize });
    throw new ReaderError("corrupt", message);
  }
  try {
    return readParts(new Parts(entries), { used: 0, limit: opts.maxCells ?? DEFAULT_MAX_CELLS }, opts);
  } catch (e) {
    if (e instanceof ReaderError) throw e;
    throw new ReaderError("corrupt", e instanceof Error ? e.message : String(e)); // fflate's "invalid block type" and the like
  }
}

interface SheetEntry {
  readonly name: string;
  readonly rid: string;
  readonly hidden: boolean;
}

function readParts(parts: Parts, budget: CellBudget, opts: ReadOptions): ReadResult {
  const root = [...parts.rels("").values()].find((r) => relType(r.type, "officeDocument") && r.part !== null);
  const wbPart = root?.part ?? "xl/workbook.xml";
  const wbXml = parts.text(wbPart);
  if (wbXml === null) throw new ReaderError("not-xlsx", "no workbook part");

  let date1904 = false;
  const entries: SheetEntry[] = [];
  for (const t of tags(wbXml)) {
    if (t.kind === "close") continue;
    if (t.local === "workbookPr") {
      const v = attributesOf(wbXml, t).get("date1904");
      date1904 = v === "1" || v === "true"; // xsd:boolean; ExcelJS takes "1" only
    } else if (t.local === "sheet") {
      const a = attributesOf(wbXml, t);
      const state = a.get("state");
      entries.push({ name: a.get("name") ?? "", rid: prefixed(a, "id") ?? "", hidden: state === "hidden" || state === "veryHidden" });
    }
  }

  const wbRels = parts.rels(wbPart);
  const dir = wbPart.includes("/") ? wbPart.slice(0, wbPart.lastIndexOf("/") + 1) : "";
  const partOf = (type: string, fallback: string) => [...wbRels.values()].find((r) => relType(r.type, type) && r.part !== null)?.part ?? dir + fallback;
  const kinds = styleKinds(parts.text(partOf("styles", "styles.xml")));
  const sst = parts.entry(partOf("sharedStrings", "sharedStrings.xml"));
  const strings = sst === undefined ? [] : readSharedStrings(sst);

  const sheets: SheetInput[] = [];
  const warnings: ReadWarning[] = [];
  for (const s of entries) {
    const rel = wbRels.get(s.rid);
    // Chart sheets, dialog sheets and macro sheets hold no cells; a sheet whose part is missing is skipped, as ExcelJS does.
    if (rel === undefined || rel.part === null || !relType(rel.type, "worksheet")) continue;
    const entry = parts.entry(rel.part);
    if (entry === undefined) continue;
    const scanner = new SheetScanner(s.name, strings, kinds, date1904, budget);
    scanEntry(entry, opts.onProgress ? new ProgressScanner(scanner, s.name, entry.size, opts.onProgress, opts.progressMs ?? 100) : scanner);
    scanner.finish();
    opts.onProgress?.({ sheet: s.name, done: scanner.rows.length, total: scanner.rows.length });
    const percentCells = scanner.percentCells.length > 0 ? { percentCells: scanner.percentCells } : {};
    sheets.push({ name: s.name, rows: scanner.rows, firstRow: 1, firstColumn: 1, tables: tableNames(parts, rel.part, scanner.tableRids), hidden: s.hidden, ...percentCells });
    const cols = [...scanner.formulasWithoutValue.entries()].sort((x, y) => x[0] - y[0]);
    for (const [column, count] of cols) warnings.push({ kind: "formula-without-value", sheet: s.name, column, count });
  }
  if (sheets.length === 0) throw new ReaderError("no-sheets", "no worksheets");
  return { input: { sheets, date1904 }, date1904, warnings };
}

/**
 * A sheet's scanner that says how far it got: the rows read and the sheet's rows, from `<dimension ref>`
 * (looked for in the first chunk, before the data) when it agrees with the share of the part's bytes scanned,
 * or else from that share.
 */
class ProgressScanner implements ChunkScanner {
  private scanned = 0;
  private declared = 0;
  private first = true;
  private last = -Infinity;

  constructor(
    private readonly inner: SheetScanner,
    private readonly sheet: string,
    private readonly size: number,
    private readonly report: (p: SheetProgress) => void,
    private readonly every: number,
  ) {}

  scan(b: Uint8Array, n: number): number {
    if (this.first) {
      this.first = false;
      let head = "";
      for (let i = 0; i < Math.min(n, 4096); i++) head += String.fromCharCode(b[i]);
      const m = /<(?:\w+:)?dimension\b[^>]*\bref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(head);
      if (m) this.declared = Number(m[1]);
    }
    const used = this.inner.scan(b, n);
    this.scanned += used;
    const now = performance.now();
    if (now - this.last >= this.every && this.inner.rows.length > 0) {
      this.last = now;
      const done = this.inner.rows.length;
      const estimate = this.size > 0 ? Math.round((done * this.size) / this.scanned) : done;
      // A dimension that formatted empty rows stretch far beyond the data is not believed.
      const declared = this.declared >= done && this.declared <= estimate * 1.5 ? this.declared : 0;
      this.report({ sheet: this.sheet, done, total: Math.max(done, declared || estimate) });
    }
    return used;
  }
}

/** The names of the sheet's Excel tables, from its table parts. */
function tableNames(parts: Parts, sheetPart: string, rids: readonly string[]): string[] {
  if (rids.length === 0) return [];
  const rels = parts.rels(sheetPart);
  const names: string[] = [];
  for (const rid of rids) {
    const rel = rels.get(rid);
    if (rel === undefined || rel.part === null || !relType(rel.type, "table")) continue;
    const xml = parts.text(rel.part);
    if (xml === null) continue;
    for (const t of tags(xml)) {
      if (t.local !== "table" || t.kind === "close") continue;
      const a = attributesOf(xml, t);
      const name = a.get("name") ?? a.get("displayName");
      if (name !== undefined) names.push(name);
      break;
    }
  }
  return names;
}
