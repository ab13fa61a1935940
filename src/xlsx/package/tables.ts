// Growing an Excel table (ECMA-376 Part 1, §18.5) over the rows and columns an import added, so the
// district's table, its filter and its style cover the new rows. A table with a totals row, or one the
// new cells do not continue, is left as it was and the caller says so.
import { columnLetter } from "../../core/model/cells";
import type { Package } from "./opc";
import { REL } from "./opc";
import { columnIndexOf } from "./rows";
import { attrsOf, elementsIn, escapeAttr, findElement, withAttr } from "./xml";
import { mainPrefix, prefixed } from "./styles";

const parseRef = (ref: string) => {
  const [a, b = a] = ref.split(":");
  const row = (x: string) => Number(x.replace(/^[A-Z]+/, ""));
  return { c1: columnIndexOf(a), r1: row(a), c2: columnIndexOf(b), r2: row(b) };
};

/**
 * Extends the table of `sheetPart` whose header row is `headerRow` down to `lastRow` and right over the
 * added header columns. Returns a sentence for the user when the table could not be extended.
 */
export function extendTable(pkg: Package, sheetPart: string, headerRow: number, lastRow: number, added: ReadonlyArray<readonly [number, string]>, firstColumn: number): string | null {
  for (const rel of pkg.rels(sheetPart)) {
    if (rel.type !== REL.table || !rel.part || !pkg.has(rel.part)) continue;
    let xml = pkg.text(rel.part);
    const table = findElement(xml, "table");
    if (!table) continue;
    const a = attrsOf(xml, table.tag);
    const ref = parseRef(a.get("ref") ?? "A1");
    if (ref.r1 !== headerRow) continue;
    const name = a.get("displayName") ?? a.get("name") ?? "";
    if (Number(a.get("totalsRowCount") ?? 0) > 0) {
      return `Таблица Excel «${name}» со строкой итогов не расширена: новые строки записаны ниже неё`;
    }
    const cols = added.map(([c]) => c + firstColumn - 1).sort((x, y) => x - y);
    let c2 = ref.c2;
    const prefix = mainPrefix(xml, "table");
    const columns = findElement(xml, "tableColumns");
    const newColumns: string[] = [];
    if (columns) {
      const ids = elementsIn(xml, columns, "tableColumn").map((e) => Number(attrsOf(xml, e.tag).get("id") ?? 0));
      let id = Math.max(0, ...ids);
      for (const c of cols) {
        if (c !== c2 + 1) break; // only columns that continue the table
        c2 = c;
        newColumns.push(`<tableColumn id="${++id}" name="${escapeAttr(added.find(([x]) => x + firstColumn - 1 === c)![1])}"/>`);
      }
    }
    const r2 = Math.max(ref.r2, lastRow);
    if (r2 === ref.r2 && c2 === ref.c2) return null;
    const newRef = `${columnLetter(ref.c1 + 1)}${ref.r1}:${columnLetter(c2 + 1)}${r2}`;
    if (columns && newColumns.length > 0) {
      const count = elementsIn(xml, columns, "tableColumn").length + newColumns.length;
      const open = withAttr(xml.slice(columns.tag.start, columns.tag.end), "count", String(count));
      xml = xml.slice(0, columns.tag.start) + open + xml.slice(columns.tag.end, columns.contentEnd) + prefixed(newColumns.join(""), prefix) + xml.slice(columns.contentEnd);
    }
    const t = findElement(xml, "table")!;
    xml = xml.slice(0, t.tag.start) + withAttr(xml.slice(t.tag.start, t.tag.end), "ref", newRef) + xml.slice(t.tag.end);
    const filter = findElement(xml, "autoFilter");
    if (filter) {
      const fr = parseRef(attrsOf(xml, filter.tag).get("ref") ?? "A1");
      const fref = `${columnLetter(fr.c1 + 1)}${fr.r1}:${columnLetter(c2 + 1)}${r2}`;
      xml = xml.slice(0, filter.tag.start) + withAttr(xml.slice(filter.tag.start, filter.tag.end), "ref", fref) + xml.slice(filter.tag.end);
    }
    pkg.set(rel.part, xml);
    if (cols.length > newColumns.length) return `Таблица Excel «${name}» не расширена на добавленные справа столбцы`;
    return null;
  }
  return null;
}
