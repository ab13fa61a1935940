// Adding a sheet to the user's package surgically. The new sheet is written by ExcelJS into a scratch
// workbook of its own; its worksheet part is then moved into the user's package with its texts inline
// (so the user's shared strings stay as they were), its styles appended to the user's styles, and its
// defined names added to the workbook part. What changes: the new sheet's part, the workbook part and its
// relationships, the content types and the styles part. Every other part keeps its exact bytes.
import { CONTENT_TYPE, Package, PackageError, REL, type SheetEntry, relsPartOf } from "./opc";
import { appendStyles, mainPrefix, prefixed } from "./styles";
import { attrsOf, elementsIn, escapeAttr, escapeCellText, findElement, tags, unescapeXml, withAttr } from "./xml";

export interface DefinedName {
  readonly name: string;
  readonly value: string;
  /** The sheet-scoped names (print titles) are scoped to the new sheet. */
  readonly local: boolean;
}

export interface ScratchSheet {
  readonly xml: string;
  readonly styles: string | null;
  readonly names: DefinedName[];
}

/**
 * Reads the only sheet of a scratch workbook ExcelJS wrote: its part with texts inline, its styles, its
 * names. `texts` gives the exact text of each string cell by address: ExcelJS writes a literal `_x0041_`
 * unescaped (Excel then reads «A») and drops control characters, so texts are written from `texts`, escaped
 * here, and ExcelJS's shared strings serve only a cell missing from it.
 */
export function scratchSheet(bytes: Uint8Array, texts: ReadonlyMap<string, string> = new Map()): ScratchSheet {
  const pkg = new Package(bytes);
  const wbPart = pkg.workbookPart();
  const [sheet] = pkg.sheets();
  if (!sheet?.part) throw new PackageError("the scratch workbook has no sheet");
  const rels = pkg.rels(wbPart);
  const sstPart = rels.find((r) => r.type === REL.sharedStrings)?.part;
  const stylesPart = rels.find((r) => r.type === REL.styles)?.part;
  const strings: string[] = [];
  if (sstPart && pkg.has(sstPart)) {
    const sst = pkg.text(sstPart);
    const root = findElement(sst, "sst")!;
    for (const si of elementsIn(sst, root, "si")) strings.push(sst.slice(si.tag.end, si.contentEnd));
  }
  const xml = pkg.text(sheet.part).replace(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g, (m, attrs: string, body: string | undefined) => {
    if (!/\st="s"/.test(attrs) || body === undefined) return m;
    const n = Number(/<v>(\d+)<\/v>/.exec(body)?.[1]);
    const exact = texts.get(/\sr="([A-Z]+\d+)"/.exec(attrs)?.[1] ?? "");
    const space = exact !== undefined && /^\s|\s$/.test(exact) ? ' xml:space="preserve"' : "";
    const inner = exact === undefined ? (strings[n] ?? "") : `<t${space}>${escapeCellText(exact)}</t>`;
    return `<c${attrs.replace(/\st="s"/, ' t="inlineStr"')}><is>${inner}</is></c>`;
  });
  const names: DefinedName[] = [];
  const wb = pkg.text(wbPart);
  const dn = findElement(wb, "definedNames");
  if (dn) {
    for (const e of elementsIn(wb, dn, "definedName")) {
      const a = attrsOf(wb, e.tag);
      names.push({ name: a.get("name") ?? "", value: unescapeXml(wb.slice(e.tag.end, e.contentEnd)), local: a.has("localSheetId") });
    }
  }
  return { xml, styles: stylesPart && pkg.has(stylesPart) ? pkg.text(stylesPart) : null, names };
}

/** Rewrites a sheet's style references (`s`, `style`, `dxfId`) through the maps; unselects its tab. */
function restyle(xml: string, xf: number[], dxf: number[]): string {
  const map = (m: number[], v: string) => String(m[Number(v)] ?? 0);
  return xml
    .replace(/(<c\b[^>]*?\ss=")(\d+)"/g, (_m, pre: string, v: string) => `${pre}${map(xf, v)}"`)
    .replace(/(<row\b[^>]*?\ss=")(\d+)"/g, (_m, pre: string, v: string) => `${pre}${map(xf, v)}"`)
    .replace(/(<col\b[^>]*?\sstyle=")(\d+)"/g, (_m, pre: string, v: string) => `${pre}${map(xf, v)}"`)
    .replace(/(\sdxfId=")(\d+)"/g, (_m, pre: string, v: string) => `${pre}${map(dxf, v)}"`)
    .replace(/\stabSelected="1"/g, "");
}

/** The defined names of the workbook part, with where each sits in the text. */
interface NameAt {
  readonly name: string;
  readonly local: number | null;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

function definedNames(wb: string): NameAt[] {
  const el = findElement(wb, "definedNames");
  if (!el) return [];
  return elementsIn(wb, el, "definedName").map((e) => {
      const a = attrsOf(wb, e.tag);
      const local = a.get("localSheetId");
    return { name: a.get("name") ?? "", local: local === undefined ? null : Number(local), start: e.tag.start, end: e.end, value: unescapeXml(wb.slice(e.tag.end, e.contentEnd)) };
  });
}

/** The workbook's defined names: name, sheet scope (localSheetId) and formula. */
export function definedNameValues(pkg: Package): { name: string; local: number | null; value: string }[] {
  return definedNames(pkg.text(pkg.workbookPart())).map(({ name, local, value }) => ({ name, local, value }));
}

/**
 * Puts the scratch sheet into the package under `name`: in place of the sheet `replace` (our own earlier
 * report, whose position, part and relationship are reused), or as a new last sheet.
 */
export function putSheet(pkg: Package, scratch: ScratchSheet, name: string, replace: SheetEntry | null): void {
  const wbPart = pkg.workbookPart();
  const wbRels = pkg.rels(wbPart);

  // Styles: appended to the user's, or the scratch's own part when the package has none.
  let maps: { xf: number[]; dxf: number[] } = { xf: [], dxf: [] };
  const stylesPart = wbRels.find((r) => r.type === REL.styles)?.part;
  if (scratch.styles !== null) {
    if (stylesPart && pkg.has(stylesPart)) {
      const r = appendStyles(pkg.text(stylesPart), scratch.styles);
      pkg.set(stylesPart, r.xml);
      maps = r.maps;
    } else {
      const part = pkg.freeName("xl/styles", ".xml").replace(/styles1\.xml$/, "styles.xml");
      pkg.set(part, scratch.styles);
      pkg.setOverride(part, CONTENT_TYPE.styles);
      pkg.addRel(wbPart, REL.styles, part);
      const count = (parent: string) => (scratch.styles!.match(new RegExp(`<${parent === "cellXfs" ? "xf" : "dxf"}\\b`, "g")) ?? []).length;
      maps = { xf: [...Array(count("cellXfs") + 64).keys()], dxf: [...Array(count("dxfs") + 64).keys()] };
    }
  }
  const sheetXml = restyle(scratch.xml, maps.xf, maps.dxf);

  let wb = pkg.text(wbPart);
  const prefix = mainPrefix(wb, "workbook");
  let index: number;
  if (replace) {
    if (!replace.part) throw new PackageError(`sheet ${replace.name} is not a worksheet`);
    pkg.set(replace.part, sheetXml);
    pkg.remove(relsPartOf(replace.part)); // the earlier report's own relationships (a chart's drawing), if any
    index = replace.index;
    const sheetsEl = findElement(wb, "sheets")!;
    for (const t of tags(wb, sheetsEl.tag.end, sheetsEl.contentEnd)) {
      if (t.local === "sheet" && t.kind !== "close" && attrsOf(wb, t).get("name") === replace.name) {
        wb = wb.slice(0, t.start) + withAttr(wb.slice(t.start, t.end), "name", name) + wb.slice(t.end);
        break;
      }
    }
  } else {
    const folder = pkg.sheets().find((s) => s.part)?.part?.replace(/[^/]*$/, "") ?? "xl/worksheets/";
    const part = pkg.freeName(`${folder}sheet`, ".xml");
    pkg.set(part, sheetXml);
    pkg.setOverride(part, CONTENT_TYPE.worksheet);
    const rid = pkg.addRel(wbPart, REL.worksheet, part);
    const existing = pkg.sheets();
    index = existing.length;
    const sheetId = Math.max(0, ...existing.map((s) => s.sheetId)) + 1;
    let relPrefix = pkg.relPrefix(wb);
    let nsDecl = "";
    if (relPrefix === null) {
      relPrefix = "r";
      nsDecl = ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;
    }
    const el = prefixed(`<sheet name="${escapeAttr(name)}" sheetId="${sheetId}"${nsDecl} ${relPrefix}:id="${rid}"/>`, prefix);
    const sheetsEl = findElement(wb, "sheets")!;
    wb = wb.slice(0, sheetsEl.contentEnd) + el + wb.slice(sheetsEl.contentEnd);
  }

  // Defined names: drop the earlier report's, add the new sheet's.
  const names = definedNames(wb);
  const ours = new Set(scratch.names.map((n) => n.name));
  for (const n of [...names].reverse()) {
    if ((n.local === index && n.name.startsWith("_xlnm.")) || (n.local === null && ours.has(n.name))) wb = wb.slice(0, n.start) + wb.slice(n.end);
  }
  const add = scratch.names
    .map((n) => `<definedName name="${escapeAttr(n.name)}"${n.local ? ` localSheetId="${index}"` : ""}>${escapeAttr(n.value)}</definedName>`)
    .join("");
  if (add) {
    const dn = findElement(wb, "definedNames");
    if (dn && dn.tag.kind === "open") wb = wb.slice(0, dn.contentEnd) + prefixed(add, prefix) + wb.slice(dn.contentEnd);
    else if (dn) wb = wb.slice(0, dn.tag.start) + prefixed(`<definedNames>${add}</definedNames>`, prefix) + wb.slice(dn.end);
    else {
      // CT_Workbook's order: sheets, functionGroups, externalReferences, definedNames — a workbook that
      // links other files has externalReferences, and definedNames must come after them.
      const before = ["externalReferences", "functionGroups", "sheets"].map((n) => findElement(wb, n)).find((e) => e !== undefined)!;
      wb = wb.slice(0, before.end) + prefixed(`<definedNames>${add}</definedNames>`, prefix) + wb.slice(before.end);
    }
  }
  // A <definedNames> left without children is invalid (CT_DefinedNames needs one): remove it.
  const dn = findElement(wb, "definedNames");
  if (dn && elementsIn(wb, dn, "definedName").length === 0) wb = wb.slice(0, dn.tag.start) + wb.slice(dn.end);
  pkg.set(wbPart, wb);
}

/**
 * Removes a worksheet we added (the highlight store): its `<sheet>`, relationship, part, own
 * relationships and content type; its sheet-scoped names go, later sheets' names and the workbook view's
 * tab indexes move down by one. Nothing else changes.
 */
export function removeSheet(pkg: Package, name: string): boolean {
  const entry = pkg.sheets().find((s) => s.name === name);
  if (!entry) return false;
  const wbPart = pkg.workbookPart();
  let wb = pkg.text(wbPart);
  const sheetsEl = findElement(wb, "sheets")!;
  for (const t of tags(wb, sheetsEl.tag.end, sheetsEl.contentEnd)) {
    if (t.local === "sheet" && t.kind !== "close" && attrsOf(wb, t).get("name") === name) {
      wb = wb.slice(0, t.start) + wb.slice(t.kind === "empty" ? t.end : elementsIn(wb, sheetsEl, "sheet").find((e) => e.tag.start === t.start)!.end);
      break;
    }
  }
  for (const n of [...definedNames(wb)].reverse()) {
    if (n.local === null || n.local < entry.index) continue;
    const text = wb.slice(n.start, n.end);
    const next = n.local === entry.index ? "" : text.replace(/(\slocalSheetId=")(\d+)"/, (_m, pre: string) => `${pre}${n.local! - 1}"`);
    wb = wb.slice(0, n.start) + next + wb.slice(n.end);
  }
  const dn = findElement(wb, "definedNames");
  if (dn && elementsIn(wb, dn, "definedName").length === 0) wb = wb.slice(0, dn.tag.start) + wb.slice(dn.end);
  wb = wb.replace(/(<(?:\w+:)?workbookView\b[^>]*>)/g, (view) =>
    view.replace(/(\s(?:activeTab|firstSheet)=")(\d+)"/g, (_m, pre: string, v: string) => `${pre}${Number(v) > entry.index ? Number(v) - 1 : Number(v) === entry.index ? 0 : Number(v)}"`),
  );
  pkg.set(wbPart, wb);
  pkg.removeRel(wbPart, entry.rid);
  if (entry.part) {
    pkg.remove(entry.part);
    pkg.remove(relsPartOf(entry.part));
    pkg.removeOverride(entry.part);
  }
  return true;
}
