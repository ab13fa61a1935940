// Helpers of the reader's tests: both readers on the same bytes, a cell-by-cell comparison that names
// every difference, and a minimal package builder for the XML ExcelJS cannot write.
import type { CellValue, WorkbookInput } from "../../src/core/model/cells";
import { cellAddress } from "../../src/core/model/cells";
import { crc32, writeZip } from "../../src/xlsx/package/zip";
import { loadWorkbook, workbookInputOf } from "../../src/xlsx/read";
import { type ReadResult, readWorkbookInput } from "../../src/xlsx/reader/workbook";

export async function viaExcelJS(bytes: Uint8Array, name = "test.xlsx"): Promise<WorkbookInput> {
  return workbookInputOf(await loadWorkbook(bytes, name));
}

export function viaReader(bytes: Uint8Array): ReadResult {
  return readWorkbookInput(bytes);
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === "[object Date]";

export function show(v: CellValue | undefined): string {
  if (v === undefined) return "(none)";
  if (isDate(v)) return Number.isNaN(v.getTime()) ? "Invalid Date" : `Date(${v.toISOString()})`;
  return JSON.stringify(v);
}

export function sameCell(x: CellValue, y: CellValue): boolean {
  if (x === y) return true;
  if (isDate(x) || isDate(y)) return isDate(x) && isDate(y) && Object.is(x.getTime(), y.getTime());
  if (typeof x === "number" && typeof y === "number") return Number.isNaN(x) && Number.isNaN(y);
  return typeof x === "object" && typeof y === "object" && x !== null && y !== null && !isDate(x) && !isDate(y) && x.error === y.error;
}

/**
 * Every difference between two inputs, as `sheet!A1: expected → actual` lines (first `max`). Rows and
 * cells are compared with their lengths: an empty row must be empty in both, a row's last cell the same.
 */
export function differences(expected: WorkbookInput, actual: WorkbookInput, max = 50): string[] {
  const out: string[] = [];
  const add = (s: string) => out.length < max && out.push(s);
  if (!!expected.date1904 !== !!actual.date1904) add(`date1904: ${expected.date1904} → ${actual.date1904}`);
  if (expected.sheets.length !== actual.sheets.length) add(`sheets: ${expected.sheets.map((s) => s.name)} → ${actual.sheets.map((s) => s.name)}`);
  for (let s = 0; s < Math.min(expected.sheets.length, actual.sheets.length); s++) {
    const x = expected.sheets[s];
    const y = actual.sheets[s];
    const n = x.name;
    if (x.name !== y.name) add(`sheet ${s}: name ${x.name} → ${y.name}`);
    if (x.firstRow !== y.firstRow || x.firstColumn !== y.firstColumn) add(`${n}: origin ${x.firstRow},${x.firstColumn} → ${y.firstRow},${y.firstColumn}`);
    if (!!x.hidden !== !!y.hidden) add(`${n}: hidden ${x.hidden} → ${y.hidden}`);
    if (JSON.stringify(x.tables ?? []) !== JSON.stringify(y.tables ?? [])) add(`${n}: tables ${JSON.stringify(x.tables)} → ${JSON.stringify(y.tables)}`);
    if (x.rows.length !== y.rows.length) add(`${n}: ${x.rows.length} rows → ${y.rows.length}`);
    for (let r = 0; r < Math.max(x.rows.length, y.rows.length); r++) {
      const rx = x.rows[r] ?? [];
      const ry = y.rows[r] ?? [];
      for (let c = 0; c < Math.max(rx.length, ry.length); c++) {
        if (c < rx.length && c < ry.length && sameCell(rx[c], ry[c])) continue;
        add(`${n}!${cellAddress(r + 1, c + 1)}: ${show(rx[c])} → ${show(ry[c])}`);
      }
      if (out.length >= max) return out;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// A minimal package from hand-written parts, for what ExcelJS never writes.

const enc = new TextEncoder();
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface HandSheet {
  name: string;
  /** The worksheet part's XML, whole; or the content of <sheetData> when `data` is used. */
  xml?: string;
  data?: string;
  /** After </sheetData>: <mergeCells>, <tableParts>, … */
  after?: string;
  state?: "hidden" | "veryHidden";
  /** The worksheet part's name under xl/worksheets/ (default sheet<N>.xml). */
  part?: string;
  /** Extra parts of this sheet: relationships (`Id`, `Type` suffix, `Target`) and their parts. */
  rels?: { id: string; type: string; target: string }[];
}

export interface HandBook {
  sheets: HandSheet[];
  /** <si> elements, whole. */
  sharedStrings?: string[];
  /** The <numFmts> and <cellXfs> content; default: xf 0 General, xf 1 dd.mm.yyyy (164), xf 2 built-in 14. */
  numFmts?: string;
  cellXfs?: string;
  workbookPr?: string;
  /** Parts added as they are (tables…), by name. */
  parts?: Record<string, string>;
  /** Store every part uncompressed (zip method 0) instead of deflating. */
  stored?: boolean;
}

export function handBook(b: HandBook): Uint8Array {
  const parts: { name: string; data: Uint8Array }[] = [];
  const put = (name: string, xml: string) => parts.push({ name, data: enc.encode(xml) });
  put(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${b.sheets.map((s, i) => `<Override PartName="/xl/worksheets/${s.part ?? `sheet${i + 1}.xml`}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${b.sharedStrings ? `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` : ""}</Types>`,
  );
  put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  put(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${R}">${b.workbookPr ?? "<workbookPr/>"}<sheets>${b.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
  );
  const n = b.sheets.length;
  put(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${b.sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/${s.part ?? `sheet${i + 1}.xml`}"/>`).join("")}<Relationship Id="rId${n + 1}" Type="${R}/styles" Target="styles.xml"/>${b.sharedStrings ? `<Relationship Id="rId${n + 2}" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`,
  );
  put(
    "xl/styles.xml",
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts>${b.numFmts ?? `<numFmt numFmtId="164" formatCode="dd.mm.yyyy"/>`}</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs>${b.cellXfs ?? `<xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0"/><xf numFmtId="14" xfId="0"/>`}</cellXfs></styleSheet>`,
  );
  if (b.sharedStrings) put("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${b.sharedStrings.length}" uniqueCount="${b.sharedStrings.length}">${b.sharedStrings.join("")}</sst>`);
  b.sheets.forEach((s, i) => {
    const part = s.part ?? `sheet${i + 1}.xml`;
    put(`xl/worksheets/${part}`, s.xml ?? `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}" xmlns:r="${R}"><sheetData>${s.data ?? ""}</sheetData>${s.after ?? ""}</worksheet>`);
    if (s.rels) {
      put(
        `xl/worksheets/_rels/${part}.rels`,
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${s.rels.map((r) => `<Relationship Id="${r.id}" Type="${R}/${r.type}" Target="${r.target}"/>`).join("")}</Relationships>`,
      );
    }
  });
  for (const [name, xml] of Object.entries(b.parts ?? {})) put(name, xml);
  return b.stored ? storedZip(parts) : writeZip(parts);
}

/** A zip of stored (uncompressed) entries. */
export function storedZip(parts: readonly { name: string; data: Uint8Array }[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const header = (size: number, sig: number) => {
    const h = new Uint8Array(size);
    new DataView(h.buffer).setUint32(0, sig, true);
    return h;
  };
  for (const p of parts) {
    const name = enc.encode(p.name);
    const crc = crc32(p.data);
    const local = header(30 + name.length, 0x04034b50);
    const lv = new DataView(local.buffer);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x800, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, p.data.length, true);
    lv.setUint32(22, p.data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const c = header(46 + name.length, 0x02014b50);
    const cv = new DataView(c.buffer);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x800, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, p.data.length, true);
    cv.setUint32(24, p.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    c.set(name, 46);
    chunks.push(local, p.data);
    central.push(c);
    offset += local.length + p.data.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const end = header(22, 0x06054b50);
  const ev = new DataView(end.buffer);
  ev.setUint16(8, parts.length, true);
  ev.setUint16(10, parts.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((s, c) => s + c.length, 0));
  let p = 0;
  for (const c of all) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
