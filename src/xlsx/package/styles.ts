// Appending the styles a new sheet needs to the user's styles part (ECMA-376 Part 1, §18.8): number
// formats, fonts, fills, borders, cell formats and differential formats are added at the end of their
// lists — or found there already, so regenerating a report adds nothing — and nothing the user's cells
// point at is ever renumbered.
import { DATE_FORMAT } from "../../core/template/template";
import { type Package, REL } from "./opc";
import { type CellStyles, UnsafeEditError } from "./rows";
import { type Element, attrsOf, elementAt, elementsIn, findElement, findTag, withAttr } from "./xml";

/** Where a style list goes when the part lacks it: CT_Stylesheet's element order. */
const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];
const CHILD: Record<string, string> = { numFmts: "numFmt", fonts: "font", fills: "fill", borders: "border", cellXfs: "xf", dxfs: "dxf" };

export interface StyleMaps {
  /** Index in the source's cellXfs → index in the target's. */
  readonly xf: number[];
  /** Index in the source's dxfs → index in the target's. */
  readonly dxf: number[];
}

/** The main namespace's prefix of a part's root ('' when it is the default namespace). */
export function mainPrefix(xml: string, root: string): string {
  const t = findTag(xml, root);
  if (!t) return "";
  const colon = t.name.indexOf(":");
  return colon < 0 ? "" : t.name.slice(0, colon);
}

/** Writes a fragment's unprefixed element names with `prefix`, for a part that uses a prefixed main namespace. */
export function prefixed(fragment: string, prefix: string): string {
  if (prefix === "") return fragment;
  return fragment.replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, (m, slash: string, name: string) => (name.includes(":") ? m : `<${slash}${prefix}:${name}`));
}

class StyleList {
  constructor(
    readonly items: string[],
    readonly added: string[] = [],
  ) {}
  indexOf(item: string): number {
    const i = this.items.indexOf(item);
    if (i >= 0) return i;
    const j = this.added.indexOf(item);
    if (j >= 0) return this.items.length + j;
    this.added.push(item);
    return this.items.length + this.added.length - 1;
  }
}

function listOf(xml: string, parent: string): { el: Element | undefined; items: string[] } {
  const el = findElement(xml, parent);
  if (!el) return { el, items: [] };
  return { el, items: elementsIn(xml, el, CHILD[parent]).map((e) => xml.slice(e.tag.start, e.end)) };
}

/** Rewrites numFmtId and the *Id attributes of one xf or dxf's fragments through the maps. */
function remapAttrs(fragment: string, maps: Record<string, (v: number) => number>): string {
  let out = fragment;
  const first = findTag(out, fragment.match(/^<([^\s/>]+)/)![1].replace(/^.*:/, ""))!;
  let head = out.slice(first.start, first.end);
  for (const [name, f] of Object.entries(maps)) {
    const v = attrsOf(out, first).get(name);
    if (v !== undefined) head = withAttr(head, name, String(f(Number(v))));
  }
  out = head + out.slice(first.end);
  // A dxf carries its own <numFmt numFmtId=…/>.
  if (maps.numFmtId) out = out.replace(/(<(?:\w+:)?numFmt\b[^>]*\snumFmtId=")(\d+)"/g, (_m, pre: string, id: string) => `${pre}${maps.numFmtId(Number(id))}"`);
  return out;
}

/**
 * Adds what the source styles (a part ExcelJS wrote for the new sheet alone) need to the target styles.
 * Returns the new target part and the index maps for the new sheet's `s` and `dxfId` attributes.
 */
export function appendStyles(target: string, source: string): { xml: string; maps: StyleMaps } {
  const prefix = mainPrefix(target, "styleSheet");

  // Number formats: built-in ids (below 164) mean the same everywhere; custom ones are matched by code.
  const targetFmts = listOf(target, "numFmts").items.map((f) => {
    const a = attrsOf(f, findTag(f, "numFmt")!);
    return { id: Number(a.get("numFmtId")), code: a.get("formatCode") ?? "" };
  });
  let nextFmt = Math.max(163, ...targetFmts.map((f) => f.id)) + 1;
  const newFmts: string[] = [];
  const fmtMap = new Map<number, number>();
  for (const f of listOf(source, "numFmts").items) {
    const a = attrsOf(f, findTag(f, "numFmt")!);
    const id = Number(a.get("numFmtId"));
    const code = a.get("formatCode") ?? "";
    const hit = targetFmts.find((t) => t.code === code);
    if (hit) fmtMap.set(id, hit.id);
    else {
      const nid = nextFmt++;
      targetFmts.push({ id: nid, code });
      fmtMap.set(id, nid);
      newFmts.push(withAttr(f, "numFmtId", String(nid)));
    }
  }
  const numFmt = (id: number) => (id < 164 ? id : (fmtMap.get(id) ?? 0));

  const lists: Record<string, StyleList> = {};
  for (const p of ["fonts", "fills", "borders", "cellXfs", "dxfs"]) lists[p] = new StyleList(listOf(target, p).items);
  const mapList = (p: string, fix: (s: string) => string = (s) => s) => listOf(source, p).items.map((s) => lists[p].indexOf(fix(s)));
  const font = mapList("fonts");
  const fill = mapList("fills");
  const border = mapList("borders");
  const at = (m: number[], what: string) => (v: number) => {
    if (m[v] === undefined) throw new Error(`styles: ${what} ${v} out of range`);
    return m[v];
  };
  const xf = mapList("cellXfs", (s) =>
    remapAttrs(s, { numFmtId: numFmt, fontId: at(font, "font"), fillId: at(fill, "fill"), borderId: at(border, "border"), xfId: () => 0 }),
  );
  const dxf = mapList("dxfs", (s) => remapAttrs(s, { numFmtId: numFmt }));

  let xml = target;
  const append = (parent: string, items: string[], countNow: number) => (xml = appendItems(xml, prefix, parent, items, countNow));
  append("numFmts", newFmts, targetFmts.length - newFmts.length);
  for (const p of ["fonts", "fills", "borders", "cellXfs", "dxfs"]) append(p, lists[p].added, lists[p].items.length);
  return { xml, maps: { xf, dxf } };
}

/** Appends items to one of the part's style lists (created in schema order when missing), updating its count. */
function appendItems(xml: string, prefix: string, parent: string, items: readonly string[], countNow: number): string {
  if (items.length === 0) return xml;
  let el = findElement(xml, parent);
  if (!el) {
    // Insert the list in schema order: before the first later list the part has, or at the end.
    const later = ORDER.slice(ORDER.indexOf(parent) + 1).map((n) => findElement(xml, n)).find((e) => e !== undefined);
    const root = findElement(xml, "styleSheet")!;
    const pos = later ? later.tag.start : root.contentEnd;
    const empty = prefixed(`<${parent} count="0"></${parent}>`, prefix);
    xml = xml.slice(0, pos) + empty + xml.slice(pos);
    el = findElement(xml, parent)!;
  }
  const body = prefixed(items.join(""), prefix);
  let open = xml.slice(el.tag.start, el.tag.end);
  if (attrsOf(xml, el.tag).has("count")) open = withAttr(open, "count", String(countNow + items.length));
  if (el.tag.kind === "empty") {
    open = open.replace(/\s*\/>$/, ">");
    return `${xml.slice(0, el.tag.start)}${open}${body}</${el.tag.name}>${xml.slice(el.end)}`;
  }
  return xml.slice(0, el.tag.start) + open + xml.slice(el.tag.end, el.contentEnd) + body + xml.slice(el.contentEnd);
}

/**
 * A cell's fill as the add-in's highlight store keeps it: Excel's pattern name, `#RRGGBB` ('' unknown) and
 * the tint as text ('' for no fill, as Excel's tintAndShade is null only then).
 */
export interface FillOf {
  readonly pattern: string;
  readonly color: string;
  readonly tint: string;
}

// ST_PatternType (ECMA-376 §18.18.55) → Excel.FillPattern.
const PATTERNS: Record<string, string> = {
  none: "None", solid: "Solid", mediumGray: "Gray50", darkGray: "Gray75", lightGray: "Gray25", gray125: "Gray16", gray0625: "Gray8",
  darkHorizontal: "Horizontal", darkVertical: "Vertical", darkDown: "Down", darkUp: "Up", darkGrid: "Checker", darkTrellis: "SemiGray75",
  lightHorizontal: "LightHorizontal", lightVertical: "LightVertical", lightDown: "LightDown", lightUp: "LightUp", lightGrid: "Grid", lightTrellis: "CrissCross",
};

/** The fill of cell format `xf` (a theme or indexed colour is reported as unknown: ''). */
export function fillOfXf(styles: string, xf: number): FillOf {
  const xfs = listOf(styles, "cellXfs").items;
  const item = xfs[xf];
  if (item === undefined) return { pattern: "None", color: "", tint: "" };
  const fillId = Number(attrsOf(item, findTag(item, "xf")!).get("fillId") ?? 0);
  const fill = listOf(styles, "fills").items[fillId];
  const pf = fill === undefined ? undefined : findTag(fill, "patternFill");
  const type = pf === undefined ? "none" : (attrsOf(fill!, pf).get("patternType") ?? "none");
  const fg = fill === undefined ? undefined : findTag(fill, "fgColor");
  const rgb = fg === undefined ? undefined : attrsOf(fill!, fg).get("rgb");
  const color = rgb && /^[0-9A-Fa-f]{8}$/.test(rgb) ? `#${rgb.slice(2).toUpperCase()}` : "";
  if (type === "none") return { pattern: "None", color: "", tint: "" };
  const tint = fg === undefined ? undefined : attrsOf(fill!, fg).get("tint");
  return { pattern: PATTERNS[type] ?? "Solid", color, tint: tint ?? "0" };
}

/**
 * For each request, the index of a cell format equal to cell format `xf` but with a solid fill of `rgb`
 * (`RRGGBB`), or no fill for null: found or appended; nothing already in the part changes or moves.
 */
export function solidFillXfs(target: string, requests: readonly { readonly xf: number; readonly rgb: string | null }[]): { xml: string; xfs: number[] } {
  const prefix = mainPrefix(target, "styleSheet");
  const fills = new StyleList(listOf(target, "fills").items);
  const xfs = new StyleList(listOf(target, "cellXfs").items);
  const plain = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
  const out = requests.map(({ xf, rgb }) => {
    // null: no fill, the styles part's first fill (ECMA-376 Part 1, §18.8.21: fills 0 and 1 are reserved, 0 is none).
    const fillId = rgb === null ? 0 : fills.indexOf(prefixed(`<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb.toUpperCase()}"/><bgColor indexed="64"/></patternFill></fill>`, prefix));
    const base = xfs.items[xf] ?? prefixed(plain, prefix);
    const head = findTag(base, "xf")!;
    const tag = withAttr(withAttr(base.slice(head.start, head.end), "fillId", String(fillId)), "applyFill", "1");
    return xfs.indexOf(tag + base.slice(head.end));
  });
  let xml = appendItems(target, prefix, "fills", fills.added, fills.items.length);
  xml = appendItems(xml, prefix, "cellXfs", xfs.added, xfs.items.length);
  return { xml, xfs: out };
}

/**
 * The index of a cell format equal to cell format `xf` but with the built-in number format `numFmtId`
 * (49 is Text, «@»): found or appended, so the cell keeps its font, fill and borders.
 */
export function withNumberFormatXf(target: string, xf: number, numFmtId: number): { xml: string; xf: number } {
  const prefix = mainPrefix(target, "styleSheet");
  const xfs = new StyleList(listOf(target, "cellXfs").items);
  const base = xfs.items[xf] ?? prefixed('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', prefix);
  const head = findTag(base, "xf")!;
  const tag = withAttr(withAttr(base.slice(head.start, head.end), "numFmtId", String(numFmtId)), "applyNumberFormat", "1");
  const index = xfs.indexOf(tag + base.slice(head.end));
  return { xml: appendItems(target, prefix, "cellXfs", xfs.added, xfs.items.length), xf: index };
}

/** The xf index of a cell format with this number format and nothing else, appended when missing. */
export function ensureNumberFormatXf(target: string, formatCode: string): { xml: string; xf: number } {
  const source =
    `<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="${formatCode}"/></numFmts>` +
    `<fonts count="1">${firstOf(target, "fonts", "font") ?? "<font/>"}</fonts>` +
    `<fills count="1">${firstOf(target, "fills", "fill") ?? '<fill><patternFill patternType="none"/></fill>'}</fills>` +
    `<borders count="1">${firstOf(target, "borders", "border") ?? "<border/>"}</borders>` +
    `<cellXfs count="1"><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  const { xml, maps } = appendStyles(target, source.replace(/<(\/?)\w+:/g, "<$1"));
  return { xml, xf: maps.xf[0] };
}

function firstOf(xml: string, parent: string, child: string): string | undefined {
  const el = findElement(xml, parent);
  if (!el) return undefined;
  const c = findTag(xml, child, el.tag.end, el.contentEnd);
  if (!c) return undefined;
  const e = elementAt(xml, c);
  return xml.slice(e.tag.start, e.end);
}

/** Built-in number formats that show dates (ECMA-376 Part 1, §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 30, 36, 50, 57]);

/** The package's cell formats as the row writers need them (date and text formats appended on demand). */
export class PackageStyles implements CellStyles {
  private dateXfIndex: number | undefined;
  private textXfIndex: number | undefined;
  private readonly part: string | undefined;
  constructor(private readonly pkg: Package) {
    this.part = pkg.rels(pkg.workbookPart()).find((r) => r.type === REL.styles)?.part ?? undefined;
  }
  private xml(): string {
    return this.part && this.pkg.has(this.part) ? this.pkg.text(this.part) : "";
  }
  isDateXf(xf: number): boolean {
    const xml = this.xml();
    const cellXfs = findElement(xml, "cellXfs");
    if (!cellXfs) return false;
    const x = elementsIn(xml, cellXfs, "xf")[xf];
    if (!x) return false;
    const id = Number(attrsOf(xml, x.tag).get("numFmtId") ?? 0);
    if (BUILTIN_DATE_FORMATS.has(id)) return true;
    const fmts = findElement(xml, "numFmts");
    if (!fmts) return false;
    const f = elementsIn(xml, fmts, "numFmt").find((e) => Number(attrsOf(xml, e.tag).get("numFmtId")) === id);
    const code = f ? (attrsOf(xml, f.tag).get("formatCode") ?? "") : "";
    return /[dmy]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]/g, ""));
  }
  dateXf(): number {
    if (this.dateXfIndex !== undefined) return this.dateXfIndex;
    if (!this.part || !this.pkg.has(this.part)) throw new UnsafeEditError("в книге нет части стилей для формата даты");
    const r = ensureNumberFormatXf(this.pkg.text(this.part), DATE_FORMAT);
    if (r.xml !== this.pkg.text(this.part)) this.pkg.set(this.part, r.xml);
    return (this.dateXfIndex = r.xf);
  }
  /** Cell format `xf` with the text format «@» (built-in 49), its font, fill and borders kept. */
  textVariantOf(xf: number): number {
    if (!this.part || !this.pkg.has(this.part)) throw new UnsafeEditError("в книге нет части стилей для текстового формата");
    const r = withNumberFormatXf(this.pkg.text(this.part), xf, 49);
    if (r.xml !== this.pkg.text(this.part)) this.pkg.set(this.part, r.xml);
    return r.xf;
  }

  /** A cell format with the text format «@», so a value written there stays text when the user edits it. */
  textXf(): number {
    if (this.textXfIndex !== undefined) return this.textXfIndex;
    if (!this.part || !this.pkg.has(this.part)) throw new UnsafeEditError("в книге нет части стилей для текстового формата");
    const r = ensureNumberFormatXf(this.pkg.text(this.part), "@");
    if (r.xml !== this.pkg.text(this.part)) this.pkg.set(this.part, r.xml);
    return (this.textXfIndex = r.xf);
  }
}
