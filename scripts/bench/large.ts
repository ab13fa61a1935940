// Workbooks beyond what ExcelJS can write in reasonable time and memory (issue 12): a region's 300 000 rows
// and Excel's limit of 1 048 576, made from the 100 000-row bench file by repeating its roster rows with new
// row numbers (the shared strings they point at stay valid); and the same file with what regional
// templates carry: drop-downs over whole columns and a merge over a whole column.
//   node dist/scripts/bench/large.js make SRC ROWS OUT | whole-column SRC OUT | read FILE RUNS
import { readFileSync, writeFileSync } from "node:fs";
import { Deflate } from "fflate";
import { Package } from "../../src/xlsx/package/opc";
import { type ZipEntry, crc32Update, entryHeaders, readZip } from "../../src/xlsx/package/zip";
import { readWorkbook } from "../../src/xlsx/read";
import { median } from "./stats";

const ROSTER = "Участники";

function rosterPart(pkg: Package): string {
  return pkg.sheets().find((s) => s.name === ROSTER)!.part!;
}

/** The roster's data rows (after the header on row 3) with their row numbers taken out. */
function dataRows(xml: string): { before: string; rows: string[]; after: string } {
  const start = xml.indexOf("<sheetData>") + "<sheetData>".length;
  const end = xml.indexOf("</sheetData>");
  const all = xml.slice(start, end).match(/<row\b[\s\S]*?<\/row>/g) ?? [];
  const data = all.filter((r) => Number(/\br="(\d+)"/.exec(r)![1]) > 3);
  const head = all.filter((r) => Number(/\br="(\d+)"/.exec(r)![1]) <= 3);
  return { before: xml.slice(0, start) + head.join(""), rows: data, after: xml.slice(end) };
}

/** A zip entry for big content, deflated in pieces (no single string of the whole part). */
function bigEntry(name: string, pieces: Iterable<Uint8Array>): { local: Uint8Array[]; central: Uint8Array } {
  const chunks: Uint8Array[] = [];
  const d = new Deflate({ level: 1 }, (c) => chunks.push(c));
  let crc = 0;
  let size = 0;
  for (const p of pieces) {
    crc = crc32Update(crc, p);
    size += p.length;
    d.push(p);
  }
  d.push(new Uint8Array(0), true);
  const { header, central } = entryHeaders(name, crc, chunks.reduce((s, c) => s + c.length, 0), size);
  return { local: [header, ...chunks], central };
}

/** Writes a zip of the source's entries, the roster part replaced by `pieces`. */
function writeWith(src: Uint8Array, part: string, pieces: Iterable<Uint8Array>, out: string): void {
  const entries = readZip(src);
  const blobs: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  const put = (local: Uint8Array[], central: Uint8Array) => {
    new DataView(central.buffer, central.byteOffset).setUint32(42, offset, true);
    for (const l of local) {
      blobs.push(l);
      offset += l.length;
    }
    centrals.push(central);
  };
  for (const e of entries as ZipEntry[]) {
    if (e.name === part) {
      const big = bigEntry(e.name, pieces);
      put(big.local, big.central);
    } else put([e.raw], new Uint8Array(e.central));
  }
  const cdSize = centrals.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, centrals.length, true);
  ev.setUint16(10, centrals.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  writeFileSync(out, Buffer.concat([...blobs, ...centrals, end]));
}

function* rowsUpTo(before: string, rows: string[], total: number, after: string): Generator<Uint8Array> {
  const enc = new TextEncoder();
  yield enc.encode(before);
  let batch: string[] = [];
  for (let i = 0; i < total; i++) {
    const r = 4 + i;
    // Each copy of a row is another person: the birth date (column I) a day earlier per copy.
    const copy = Math.floor(i / rows.length);
    let row = rows[i % rows.length].replace(/\br="(\d+)"/, `r="${r}"`).replace(/\br="([A-Z]+)\d+"/g, `r="$1${r}"`);
    if (copy > 0) row = row.replace(/(<c r="I\d+"[^>]*><v>)(\d+)(<\/v>)/, (_m, pre: string, v: string, post: string) => `${pre}${Number(v) - copy}${post}`);
    batch.push(row);
    if (batch.length === 5000) {
      yield enc.encode(batch.join(""));
      batch = [];
    }
  }
  yield enc.encode(batch.join("") + after.replace(/<dimension ref="[^"]*"\/>/, ""));
}

function make(src: string, rows: number, out: string): void {
  const bytes = new Uint8Array(readFileSync(src));
  const pkg = new Package(bytes);
  const part = rosterPart(pkg);
  const { before, rows: data, after } = dataRows(pkg.text(part));
  writeWith(bytes, part, rowsUpTo(before.replace(/<dimension ref="[^"]*"\/>/, ""), data, Math.min(rows, 1_048_576 - 3), after), out);
}

/** Eleven drop-downs over whole columns and a merge over a whole column, as regional templates have. */
function wholeColumn(src: string, out: string): void {
  const pkg = new Package(new Uint8Array(readFileSync(src)));
  const part = rosterPart(pkg);
  const cols = "ABCDEFGHIJK".split("");
  const dv = `<dataValidations count="${cols.length}">${cols.map((c) => `<dataValidation type="list" allowBlank="1" sqref="${c}4:${c}1048576"><formula1>"Да,Нет"</formula1></dataValidation>`).join("")}</dataValidations>`;
  let xml = pkg.text(part);
  xml = xml.replace(/<mergeCells[\s\S]*?<\/mergeCells>/, "");
  const at = xml.indexOf("</sheetData>") + "</sheetData>".length;
  xml = `${xml.slice(0, at)}<mergeCells count="1"><mergeCell ref="M1:M1048576"/></mergeCells>${xml.slice(at)}`;
  const pm = xml.search(/<pageMargins|<pageSetup|<tableParts|<extLst|<\/worksheet>/);
  xml = xml.slice(0, pm) + dv + xml.slice(pm);
  pkg.set(part, xml);
  writeFileSync(out, pkg.toBytes());
}

/** The reader's time on a file, median of `runs` in this process. */
function read(file: string, runs: number): void {
  const bytes = new Uint8Array(readFileSync(file));
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    readWorkbook(bytes, "bench.xlsx");
    ms.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify({ ms: median(ms) }));
}

const [cmd, a, b, c] = process.argv.slice(2);
if (cmd === "make") make(a, Number(b), c);
else if (cmd === "whole-column") wholeColumn(a, b);
else if (cmd === "read") read(a, Number(b));
else {
  console.error("usage: large.js make SRC ROWS OUT | whole-column SRC OUT | read FILE RUNS");
  process.exitCode = 2;
}
