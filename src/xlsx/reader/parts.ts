// The package's small parts (workbook, relationships, styles, tables) read as strings with the tag
// scanner of ../package/xml; part names looked up case-insensitively (OPC §9.1.1.2), relationship targets
// resolved whether relative or absolute (openpyxl writes `/xl/worksheets/sheet1.xml`).
import { resolveTarget, relsPartOf } from "../package/opc";
import { type Tag, tags } from "../package/xml";
import { type ZipEntry, inflateEntry } from "../package/zip";
import { unescapeEntities } from "./bytes";
import { ReaderError } from "./errors";

const utf8 = new TextDecoder("utf-8");

const ATTR = /([^\s=/<>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** An attribute value as an XML parser gives it: literal tabs and line ends as spaces, references undone. */
function attrValue(raw: string): string {
  const v = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n?/g, "\n").replace(/[\t\n]/g, " ") : raw;
  return v.indexOf("&") < 0 ? v : unescapeEntities(v);
}

/** The attributes of a tag by their names as written (`r:id`), values unescaped. */
export function attributesOf(xml: string, tag: Tag): Map<string, string> {
  const text = xml.slice(tag.start + 1 + (tag.kind === "close" ? 1 : 0) + tag.name.length, tag.end - 1);
  const m = new Map<string, string>();
  for (const a of text.matchAll(ATTR)) m.set(a[1], attrValue(a[2] ?? a[3] ?? ""));
  return m;
}

/** The value of the prefixed attribute with this local name (`r:id`, whatever the prefix). */
export function prefixed(a: Map<string, string>, local: string): string | undefined {
  for (const [k, v] of a) if (k.endsWith(`:${local}`)) return v;
  return undefined;
}

export interface Rel {
  readonly type: string;
  /** The target part's name, resolved; null for an external target. */
  readonly part: string | null;
}

/** Relationship types end the same in transitional and strict OOXML. */
export const relType = (type: string, name: string) => type.endsWith(`/${name}`);

export class Parts {
  private readonly byName = new Map<string, ZipEntry>();

  constructor(entries: readonly ZipEntry[]) {
    for (const e of entries) {
      const key = (e.name.startsWith("/") ? e.name.slice(1) : e.name).toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The part as text, or null when it is missing. */
  text(name: string): string | null {
    const e = this.entry(name);
    if (e === undefined) return null;
    let bytes: Uint8Array;
    try {
      bytes = inflateEntry(e);
    } catch {
      throw new ReaderError("corrupt", `${name}: does not inflate`);
    }
    return utf8.decode(bytes);
  }

  /** The relationships of a part (`""` for the package's own), by id. */
  rels(source: string): Map<string, Rel> {
    const name = source === "" ? "_rels/.rels" : relsPartOf(source);
    const xml = this.text(name);
    const out = new Map<string, Rel>();
    if (xml === null) return out;
    for (const t of tags(xml)) {
      if (t.local !== "Relationship" || t.kind === "close") continue;
      const a = attributesOf(xml, t);
      const target = a.get("Target") ?? "";
      const external = a.get("TargetMode") === "External";
      let part: string | null = null;
      if (!external) {
        try {
          part = resolveTarget(source, target);
        } catch {
          part = null; // a malformed %-escape: a target no part can have
        }
      }
      out.set(a.get("Id") ?? "", { type: a.get("Type") ?? "", part });
    }
    return out;
  }
}
