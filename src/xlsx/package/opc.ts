// An OOXML package (ECMA-376 Part 2, Open Packaging Conventions) opened for surgical edits: parts are
// read on demand, a changed part is replaced whole, and every part nobody touched is written back as
// the exact entry it was (see zip.ts). Relationship targets are resolved whether relative or absolute
// (openpyxl writes `/xl/worksheets/sheet1.xml`).
import { type OutEntry, type ZipEntry, type ZipLimits, DEFAULT_LIMITS, inflateEntry, readZip, writeZip } from "./zip";
import { attr, attrsOf, elementAt, escapeAttr, findElement, findTag, tags } from "./xml";

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRels: "http://schemas.openxmlformats.org/package/2006/relationships",
} as const;

export const REL = {
  officeDocument: `${NS.rel}/officeDocument`,
  worksheet: `${NS.rel}/worksheet`,
  styles: `${NS.rel}/styles`,
  sharedStrings: `${NS.rel}/sharedStrings`,
  table: `${NS.rel}/table`,
} as const;

export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
} as const;

/** A package that is not a spreadsheet we can edit (no workbook part, a broken relationship…). */
export class PackageError extends Error {}

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target as written. */
  readonly target: string;
  /** The target part's name without a leading slash (`xl/worksheets/sheet1.xml`); null for external targets. */
  readonly part: string | null;
}

export interface SheetEntry {
  readonly name: string;
  readonly sheetId: number;
  readonly rid: string;
  readonly state: string;
  /** The worksheet part; null for a chart sheet or a dialog sheet, whose parts we never edit. */
  readonly part: string | null;
  /** 0-based position in `<sheets>`: the localSheetId of its defined names. */
  readonly index: number;
}

const decoder = new TextDecoder("utf-8", { fatal: false });
const encoder = new TextEncoder();

const dirOf = (part: string) => (part.includes("/") ? part.slice(0, part.lastIndexOf("/")) : "");
export const relsPartOf = (part: string) => `${dirOf(part) ? `${dirOf(part)}/` : ""}_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;

/** Resolves a relationship target against the source part's folder (RFC 3986 §5.2, as OPC says). */
export function resolveTarget(source: string, target: string): string {
  const path = target.split("#")[0];
  const segments = path.startsWith("/") ? [] : dirOf(source).split("/").filter(Boolean);
  for (const s of path.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") segments.pop();
    else segments.push(decodeURIComponent(s));
  }
  return segments.join("/");
}

/** A target for `part` written relative to the source part's folder, as Excel writes them. */
export function relativeTarget(source: string, part: string): string {
  const from = dirOf(source).split("/").filter(Boolean);
  const to = part.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

export class Package {
  private readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  /** Lower-cased names → real names: part names are case-insensitive (OPC §9.1.1.2). */
  private readonly folded = new Map<string, string>();
  private readonly changed = new Map<string, Uint8Array>();
  private readonly removed = new Set<string>();
  private readonly added: string[] = [];
  private readonly texts = new Map<string, string>();

  constructor(bytes: Uint8Array, limits: ZipLimits = DEFAULT_LIMITS) {
    this.entries = readZip(bytes, limits);
    for (const e of this.entries) {
      this.byName.set(e.name, e);
      this.folded.set(e.name.toLowerCase(), e.name);
    }
  }

  private real(name: string): string | undefined {
    if (this.removed.has(name)) return undefined;
    if (this.changed.has(name) || this.byName.has(name)) return name;
    const r = this.folded.get(name.toLowerCase());
    return r !== undefined && !this.removed.has(r) ? r : undefined;
  }

  has(name: string): boolean {
    return this.real(name) !== undefined;
  }

  /** Part names in the package's order, new parts last. */
  names(): string[] {
    return [...this.entries.map((e) => e.name).filter((n) => !this.removed.has(n)), ...this.added];
  }

  /** The uncompressed size of a part, from the zip directory (nothing is inflated). */
  size(name: string): number {
    const r = this.real(name);
    if (r === undefined) return 0;
    return this.changed.get(r)?.length ?? this.byName.get(r)!.size;
  }

  bytes(name: string): Uint8Array {
    const r = this.real(name);
    if (r === undefined) throw new PackageError(`part ${name} is missing`);
    return this.changed.get(r) ?? inflateEntry(this.byName.get(r)!);
  }

  text(name: string): string {
    const r = this.real(name);
    if (r === undefined) throw new PackageError(`part ${name} is missing`);
    let t = this.texts.get(r);
    if (t === undefined) this.texts.set(r, (t = decoder.decode(this.bytes(r))));
    return t;
  }

  /** Replaces (or adds) a part. */
  set(name: string, content: string | Uint8Array): void {
    const r = this.real(name) ?? name;
    if (!this.byName.has(r) && !this.added.includes(r)) this.added.push(r);
    this.removed.delete(r);
    if (typeof content === "string") {
      this.texts.set(r, content);
      this.changed.set(r, encoder.encode(content));
    } else {
      this.texts.delete(r);
      this.changed.set(r, content);
    }
  }

  remove(name: string): void {
    const r = this.real(name);
    if (r === undefined) return;
    this.changed.delete(r);
    this.texts.delete(r);
    const i = this.added.indexOf(r);
    if (i >= 0) this.added.splice(i, 1);
    else this.removed.add(r);
  }

  /** Names of the parts this edit changed, added or removed. */
  touched(): string[] {
    return [...this.changed.keys(), ...this.removed];
  }

  toBytes(): Uint8Array {
    const out: OutEntry[] = [];
    for (const e of this.entries) {
      if (this.removed.has(e.name)) continue;
      const c = this.changed.get(e.name);
      out.push(c ? { name: e.name, data: c } : { copy: e });
    }
    for (const n of this.added) out.push({ name: n, data: this.changed.get(n)! });
    return writeZip(out);
  }

  // --- relationships -------------------------------------------------------------------------------

  /** The relationships of a part ('' for the package's own). */
  rels(source: string): Relationship[] {
    const relsPart = source === "" ? "_rels/.rels" : relsPartOf(source);
    if (!this.has(relsPart)) return [];
    const xml = this.text(relsPart);
    const out: Relationship[] = [];
    for (const t of tags(xml)) {
      if (t.local !== "Relationship" || t.kind === "close") continue;
      const a = attrsOf(xml, t);
      const target = a.get("Target") ?? "";
      const external = a.get("TargetMode") === "External";
      out.push({ id: a.get("Id") ?? "", type: a.get("Type") ?? "", target, part: external ? null : resolveTarget(source, target) });
    }
    return out;
  }

  /** Adds a relationship from `source` to part `target`; returns its new id. */
  addRel(source: string, type: string, target: string): string {
    const relsPart = relsPartOf(source);
    const existing = this.rels(source);
    const ids = new Set(existing.map((r) => r.id));
    let n = existing.length + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const rel = `<Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(relativeTarget(source, target))}"/>`;
    if (!this.has(relsPart)) {
      this.set(relsPart, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRels}">${rel}</Relationships>`);
      return id;
    }
    this.set(relsPart, insertChild(this.text(relsPart), "Relationships", rel));
    return id;
  }

  removeRel(source: string, id: string): void {
    const relsPart = relsPartOf(source);
    if (!this.has(relsPart)) return;
    const xml = this.text(relsPart);
    for (const t of tags(xml)) {
      if (t.local === "Relationship" && t.kind !== "close" && attr(xml, t, "Id") === id) {
        this.set(relsPart, xml.slice(0, t.start) + xml.slice(elementAt(xml, t).end));
        return;
      }
    }
  }

  // --- content types -------------------------------------------------------------------------------

  contentTypeOf(part: string): string | undefined {
    const xml = this.text("[Content_Types].xml");
    const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
    let byDefault: string | undefined;
    for (const t of tags(xml)) {
      if (t.kind === "close") continue;
      const a = attrsOf(xml, t);
      if (t.local === "Override" && (a.get("PartName") ?? "").replace(/^\//, "").toLowerCase() === part.toLowerCase()) return a.get("ContentType");
      if (t.local === "Default" && (a.get("Extension") ?? "").toLowerCase() === ext) byDefault = a.get("ContentType");
    }
    return byDefault;
  }

  setOverride(part: string, contentType: string): void {
    if (this.contentTypeOf(part) === contentType) return;
    const el = `<Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(contentType)}"/>`;
    this.set("[Content_Types].xml", insertChild(this.text("[Content_Types].xml"), "Types", el));
  }

  removeOverride(part: string): void {
    const xml = this.text("[Content_Types].xml");
    for (const t of tags(xml)) {
      if (t.local === "Override" && t.kind !== "close" && (attr(xml, t, "PartName") ?? "").replace(/^\//, "").toLowerCase() === part.toLowerCase()) {
        this.set("[Content_Types].xml", xml.slice(0, t.start) + xml.slice(t.end));
        return;
      }
    }
  }

  /** A part name not yet in the package: `prefix` + the lowest free number + `suffix`. */
  freeName(prefix: string, suffix: string): string {
    for (let n = 1; ; n++) if (!this.has(`${prefix}${n}${suffix}`)) return `${prefix}${n}${suffix}`;
  }

  // --- the workbook --------------------------------------------------------------------------------

  workbookPart(): string {
    const rel = this.rels("").find((r) => r.type === REL.officeDocument || r.type.endsWith("/officeDocument"));
    if (!rel?.part || !this.has(rel.part)) throw new PackageError("the package has no workbook part");
    return rel.part;
  }

  sheets(): SheetEntry[] {
    const wbPart = this.workbookPart();
    const xml = this.text(wbPart);
    const rels = this.rels(wbPart);
    const sheetsEl = findElement(xml, "sheets");
    if (!sheetsEl) throw new PackageError("the workbook lists no sheets");
    const out: SheetEntry[] = [];
    for (const t of tags(xml, sheetsEl.tag.end, sheetsEl.contentEnd)) {
      if (t.local !== "sheet" || t.kind === "close") continue;
      const a = attrsOf(xml, t);
      const rid = [...a.entries()].find(([k]) => k === "r:id" || k.endsWith(":id"))?.[1] ?? "";
      const rel = rels.find((r) => r.id === rid);
      const isWorksheet = rel?.type === REL.worksheet || !!rel?.type.endsWith("/worksheet");
      out.push({
        name: a.get("name") ?? "",
        sheetId: Number(a.get("sheetId") ?? 0),
        rid,
        state: a.get("state") ?? "visible",
        part: isWorksheet && rel?.part ? (this.real(rel.part) ?? rel.part) : null,
        index: out.length,
      });
    }
    return out;
  }

  /** The prefix the workbook part binds to the relationships namespace (`r` nearly always). */
  relPrefix(xml: string): string | null {
    const root = findTag(xml, "workbook");
    if (!root) return null;
    for (const [k, v] of attrsOf(xml, root)) if (k.startsWith("xmlns:") && v === NS.rel) return k.slice(6);
    return null;
  }
}

/** Inserts `child` as the last child of the first element `parent` (expanding `<parent/>`). */
export function insertChild(xml: string, parent: string, child: string): string {
  const el = findElement(xml, parent);
  if (!el) throw new PackageError(`no <${parent}> element`);
  if (el.tag.kind === "empty") {
    const open = xml.slice(el.tag.start, el.tag.end - 2).replace(/\s+$/, "");
    return `${xml.slice(0, el.tag.start)}${open}>${child}</${el.tag.name}>${xml.slice(el.end)}`;
  }
  return xml.slice(0, el.contentEnd) + child + xml.slice(el.contentEnd);
}
