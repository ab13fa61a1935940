// What a file is, told by its bytes rather than its name, and reading the formats other than .xlsx:
// .ods, .xls, .xlsb and HTML tables through SheetJS (the `@e965/xlsx` republish of its 0.20 release), and a
// CSV export of a roster through our own decoding (UTF-8 or Windows-1251) and SheetJS's CSV parser with
// every value kept as text — the core's tolerant readers then read «15.05.2021» and «1 350» as Russian
// users write them, which SheetJS's own guessing (US dates) would not.
import type * as SheetJS from "@e965/xlsx";
import type { CellValue, SheetInput, WorkbookInput } from "../core/model/cells";
import { type ZipEntry, inflateEntry, readZip } from "./package/zip";

export type FileFormat = "xlsx" | "xlsb" | "ods" | "xls" | "html" | "csv";

// SheetJS (and its code pages) is loaded the first time a file needs it: .xlsx files, nearly all, never do.
let sheetJs: typeof SheetJS | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const XLSX = (): typeof SheetJS => (sheetJs ??= require("@e965/xlsx") as typeof SheetJS);

/** A file that is not a workbook we can read, with one Russian sentence naming what it is and what to do. */
export interface NotAWorkbook {
  readonly what: string;
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
const ascii = (b: Uint8Array, n = 512) => String.fromCharCode(...b.subarray(0, Math.min(n, b.length)));
/** Whether a UTF-16LE name occurs in the bytes (names in an OLE compound file's directory). */
const hasUtf16 = (b: Uint8Array, name: string) => {
  const needle = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) needle[i * 2] = name.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= b.length; i++) {
    for (let j = 0; j < needle.length; j++) if (b[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
};

const SAVE_AS = "откройте его в Excel, LibreOffice или Р7-Офис и сохраните как книгу Excel (.xlsx)";

/** The format of a file, or what it is when it is no workbook. */
export function detectFormat(bytes: Uint8Array, fileName: string): FileFormat | NotAWorkbook {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    let entries: ZipEntry[];
    try {
      entries = readZip(bytes);
    } catch {
      return { what: "повреждён или не является книгой Excel (.xlsx): архив не читается" };
    }
    const names = entries.map((e) => e.name);
    const has = (n: string) => names.includes(n);
    const mimetype = entries.find((e) => e.name === "mimetype");
    if (mimetype && mimetype.size < 200) {
      const mime = new TextDecoder().decode(inflateEntry(mimetype));
      if (mime.startsWith("application/vnd.oasis.opendocument.spreadsheet")) return "ods";
      if (mime.startsWith("application/vnd.oasis.opendocument.text")) return { what: `— текстовый документ (.odt), а не таблица: ${SAVE_AS}` };
    }
    if (has("xl/workbook.xml") || names.some((n) => /^xl\/workbook\d*\.xml$/i.test(n))) return "xlsx";
    if (has("xl/workbook.bin")) return "xlsb";
    if (names.some((n) => n.startsWith("word/"))) return { what: "— документ Word (.docx), а не таблица: перенесите таблицу в Excel и сохраните как .xlsx" };
    if (names.some((n) => n.startsWith("ppt/"))) return { what: "— презентация PowerPoint, а не таблица" };
    // A package with its workbook part elsewhere (relationships decide): let the reader try.
    if (has("[Content_Types].xml")) return "xlsx";
    return { what: "— zip-архив, а не книга Excel: распакуйте его и укажите файл книги" };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (hasUtf16(bytes, "EncryptedPackage") || hasUtf16(bytes, "EncryptionInfo")) {
      return { what: "защищён паролем: откройте его в Excel, снимите пароль (Файл → Сведения → Защитить книгу → Зашифровать паролем) и сохраните" };
    }
    if (hasUtf16(bytes, "Workbook") || hasUtf16(bytes, "Book")) return "xls";
    if (hasUtf16(bytes, "WordDocument")) return { what: "— документ Word (.doc), а не таблица: перенесите таблицу в Excel и сохраните как .xlsx" };
    if (hasUtf16(bytes, "PowerPoint Document")) return { what: "— презентация PowerPoint, а не таблица" };
    // A name that did not turn up: most often a workbook encrypted with a password, or a damaged .xls.
    return { what: "защищён паролем или сохранён в старом формате Excel 97–2003, который не читается. Снимите пароль или сохраните книгу как .xlsx" };
  }
  const head = ascii(bytes).replace(/^\ufeff/, "").trimStart().toLowerCase();
  if (head.startsWith("%pdf-")) return { what: "— документ PDF, а не таблица: попросите прислать файл Excel (.xlsx), из которого он сделан" };
  if (head.startsWith("{\\rtf")) return { what: "— документ RTF (Word), а не таблица: перенесите таблицу в Excel и сохраните как .xlsx" };
  if (/^<(!doctype html|html|table|meta)/.test(head)) return "html"; // «.xls» saved by web systems as an HTML table
  if (head.startsWith("<?xml")) return { what: `— XML-файл, а не книга Excel: ${SAVE_AS}` };
  if (looksLikeText(bytes)) {
    // Text named as a workbook is not read as one: Excel refuses it too, and a guess could be wrong.
    if (/\.(xlsx|xlsm|xls|xlsb|ods)$/i.test(fileName)) {
      return { what: "— не книга Excel (.xlsx), а текст. Если это выгрузка CSV, переименуйте файл в .csv; иначе сохраните таблицу как .xlsx" };
    }
    if (/\.(csv|txt|tsv)$/i.test(fileName) || /[;,\t]/.test(decodeText(bytes.subarray(0, 4096)).split(/\r?\n/)[0] ?? "")) return "csv";
  }
  return { what: `— не книга Excel (.xlsx): ${SAVE_AS}` };
}

/** No NUL bytes and no control characters but tab and line breaks in the first 4 KB. */
function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return n > 0;
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM dropped), else Windows-1251, as Russian Excel saves CSV. */
export function decodeText(b: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(b).replace(/^\ufeff/, "");
  } catch {
    return new TextDecoder("windows-1251").decode(b);
  }
}

/** The separator of a CSV text: the one of `;`, `,`, tab that splits the first lines most evenly. */
function separatorOf(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "").slice(0, 20);
  let best = ";";
  let bestScore = -1;
  for (const sep of [";", ",", "\t"]) {
    const counts = lines.map((l) => l.replace(/"[^"]*"/g, "").split(sep).length - 1);
    const max = Math.max(0, ...counts);
    const score = max === 0 ? 0 : counts.filter((c) => c === max).length * 1000 + max;
    if (score > bestScore) {
      bestScore = score;
      best = sep;
    }
  }
  return best;
}

// SheetJS error codes (its `v` of a `t: "e"` cell) as Excel names them.
const ERRORS: Record<number, string> = { 0: "#NULL!", 7: "#DIV/0!", 15: "#VALUE!", 23: "#REF!", 29: "#NAME?", 36: "#NUM!", 42: "#N/A", 43: "#GETTING_DATA" };

function cellOf(c: SheetJS.CellObject | undefined): CellValue {
  if (!c) return null;
  switch (c.t as string) {
    case "s":
    case "str": // a formula's text result
      return typeof c.v === "string" && c.v !== "" ? c.v : null;
    case "n":
      return typeof c.v === "number" ? c.v : null;
    case "b":
      return !!c.v;
    case "d":
      return c.v instanceof Date ? new Date(Date.UTC(c.v.getUTCFullYear(), c.v.getUTCMonth(), c.v.getUTCDate())) : null;
    case "e":
      return { error: typeof c.w === "string" ? c.w : (ERRORS[c.v as number] ?? "#VALUE!") };
    default:
      return null;
  }
}

/** A SheetJS workbook as the core's input; merged areas carry their value in every cell, as the .xlsx path does. */
function inputOf(wb: SheetJS.WorkBook): { input: WorkbookInput; date1904: boolean } {
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
  const sheets: SheetInput[] = wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name];
    const data = ((ws as { "!data"?: (SheetJS.CellObject | undefined)[][] })["!data"] ?? []) as (SheetJS.CellObject | undefined)[][];
    const rows: CellValue[][] = [];
    for (let r = 0; r < data.length; r++) {
      const line = data[r] ?? [];
      const cells: CellValue[] = new Array(line.length);
      for (let c = 0; c < line.length; c++) cells[c] = cellOf(line[c]);
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
      rows.push(cells);
    }
    while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    for (const m of ws["!merges"] ?? []) {
      const v = rows[m.s.r]?.[m.s.c] ?? null;
      if (v === null) continue;
      // Clipped to the rows and columns that hold values: a merge over a whole column costs nothing.
      for (let r = m.s.r; r <= Math.min(m.e.r, rows.length - 1); r++) {
        const line = rows[r];
        for (let c = m.s.c; c <= Math.min(m.e.c, width - 1); c++) {
          while (line.length <= c) line.push(null);
          line[c] = v;
        }
      }
    }
    const hidden = !!wb.Workbook?.Sheets?.[i]?.Hidden;
    return { name, rows, firstRow: 1, firstColumn: 1, tables: [], hidden };
  });
  return { input: { sheets, date1904 }, date1904 };
}

/** SheetJS prints some warnings of its ODS parser to the console; the command line's output is ours. */
function quietly<T>(f: () => T): T {
  const { error, warn } = console;
  console.error = () => undefined;
  console.warn = () => undefined;
  try {
    return f();
  } finally {
    console.error = error;
    console.warn = warn;
  }
}

/** Reads an .ods, .xls, .xlsb or HTML-table file. */
export function readWithSheetJs(bytes: Uint8Array, format: "ods" | "xls" | "xlsb" | "html"): { input: WorkbookInput; date1904: boolean } {
  const wb = quietly(() =>
    format === "html"
      ? XLSX().read(decodeText(bytes), { type: "string", dense: true, cellDates: true, cellText: false, cellNF: false, raw: true })
      : XLSX().read(bytes, { type: "array", dense: true, cellDates: true, cellText: false, cellNF: false, UTC: true } as SheetJS.ParsingOptions),
  );
  return inputOf(wb);
}

/** Reads a CSV export of a roster: one sheet, every value as written (text), named after the roster. */
export function readCsv(bytes: Uint8Array, sheetName: string): { input: WorkbookInput; date1904: boolean } {
  const text = decodeText(bytes);
  const wb = quietly(() => XLSX().read(text, { type: "string", dense: true, raw: true, FS: separatorOf(text), cellText: false } as SheetJS.ParsingOptions));
  const { input } = inputOf(wb);
  return { input: { sheets: input.sheets.map((s) => ({ ...s, name: sheetName })), date1904: false }, date1904: false };
}
