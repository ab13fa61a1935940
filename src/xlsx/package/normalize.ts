// A copy of a package for ExcelJS to read, with what ExcelJS 4.4 cannot follow put the way it can, or
// left out when the engine does not need it. The user's file is never changed by this: only the bytes
// handed to the reader are.
// - Absolute relationship targets (`/xl/tables/table1.xml`, as openpyxl writes them; OPC §9.3 allows
//   both) are written relative to their source part: ExcelJS joins them to the source's folder and fails
//   to find tables (ExcelJS issue #1468).
// - Drawings (charts, images, shapes) and notes are left out: the engine reads cells. ExcelJS matches
//   element names with their prefixes, so a drawing written with a default namespace (`<wsDr xmlns=…>`,
//   as openpyxl does) parses to nothing and the load fails («reading 'anchors'»); and it finds notes only
//   at `xl/commentsN.xml`, failing on openpyxl's `xl/comments/comment1.xml` («reading 'comments'»).
// - `_xHHHH_` escapes in inline strings (openpyxl writes every text inline) are undone as character
//   references: ExcelJS undoes them in shared strings only, so a literal `_x0041_` (written `_x005F_x0041_`)
//   would otherwise arrive as `_x005F_x0041_`. A control character, which XML cannot hold even as a
//   reference, stays escaped.
import { Package, REL, relativeTarget } from "./opc";
import { attrsOf, elementAt, tags, withAttr } from "./xml";

const LEFT_OUT = new Set([`${REL.worksheet.replace(/worksheet$/, "")}drawing`, `${REL.worksheet.replace(/worksheet$/, "")}comments`, `${REL.worksheet.replace(/worksheet$/, "")}vmlDrawing`]);

export function readableCopy(bytes: Uint8Array): Uint8Array {
  const pkg = new Package(bytes);
  let changed = false;
  for (const name of pkg.names()) {
    if (!name.endsWith(".rels")) continue;
    const xml = pkg.text(name);
    const sheetRels = /^xl\/worksheets\/_rels\//i.test(name);
    if (!xml.includes('Target="/') && !(sheetRels && /relationships\/(?:drawing|comments|vmlDrawing)"/.test(xml))) continue;
    // The source part of `xl/worksheets/_rels/sheet1.xml.rels` is `xl/worksheets/sheet1.xml`.
    const source = name === "_rels/.rels" ? "" : name.replace(/(^|\/)_rels\/([^/]+)\.rels$/, "$1$2");
    let out = "";
    let pos = 0;
    for (const t of tags(xml)) {
      if (t.local !== "Relationship" || t.kind === "close") continue;
      const a = attrsOf(xml, t);
      const target = a.get("Target") ?? "";
      if (sheetRels && LEFT_OUT.has(a.get("Type") ?? "")) {
        out += xml.slice(pos, t.start);
        pos = elementAt(xml, t).end;
        continue;
      }
      if (!target.startsWith("/") || a.get("TargetMode") === "External") continue;
      out += xml.slice(pos, t.start) + withAttr(xml.slice(t.start, t.end), "Target", source === "" ? target.slice(1) : relativeTarget(source, target.slice(1)));
      pos = t.end;
    }
    if (pos === 0) continue;
    pkg.set(name, out + xml.slice(pos));
    changed = true;
  }
  for (const name of pkg.names()) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(name) || pkg.size(name) === 0) continue;
    let xml = pkg.text(name);
    if (xml.includes("_x") && xml.includes("inlineStr")) {
      const decoded = xml.replace(/<is>([\s\S]*?)<\/is>/g, (m) =>
        m.replace(/_x([0-9A-Fa-f]{4})_/g, (e, h: string) => {
          const c = parseInt(h, 16);
          return c < 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd ? e : `&#x${h};`;
        }),
      );
      if (decoded !== xml) {
        pkg.set(name, (xml = decoded));
        changed = true;
      }
    }
    // The drawing element sits after the cells, near the end of the part.
    const at = xml.lastIndexOf("<drawing ");
    if (at < 0) continue;
    pkg.set(name, xml.slice(0, at) + xml.slice(xml.indexOf(">", at) + 1));
    changed = true;
  }
  for (const name of pkg.names()) {
    if (/^xl\/drawings\/(?:_rels\/)?drawing[^/]*\.xml(?:\.rels)?$/i.test(name)) {
      pkg.remove(name);
      changed = true;
    }
  }
  return changed ? pkg.toBytes() : bytes;
}
