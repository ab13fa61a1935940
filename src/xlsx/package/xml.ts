// Just enough XML for surgical edits of OOXML parts: a tag scanner that reports where each tag starts
// and ends in the text, attribute reading and rewriting of one tag, and escaping for what we write.
// Edits splice text at those positions, so everything around an edit keeps its exact bytes: a DOM would
// re-serialize the whole part (namespace prefixes, quotes, whitespace, entity choices).

export interface Tag {
  /** Qualified name as written (`x:row`, `row`). */
  readonly name: string;
  /** Name without its prefix. */
  readonly local: string;
  readonly kind: "open" | "close" | "empty";
  /** Offsets in the text: `xml.slice(start, end)` is the whole tag, `<` to `>`. */
  readonly start: number;
  readonly end: number;
}

export class XmlError extends Error {}

const isNameChar = (c: number) => c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x2f && c !== 0x3e;

/** Every element tag in xml[from, to), in order. Comments, CDATA, processing instructions are skipped. */
export function* tags(xml: string, from = 0, to = xml.length): Generator<Tag> {
  let i = xml.indexOf("<", from);
  while (i >= 0 && i < to) {
    const next = xml.charCodeAt(i + 1);
    if (next === 0x21 /* ! */) {
      const close = xml.startsWith("<!--", i) ? xml.indexOf("-->", i) + 3 : xml.startsWith("<![CDATA[", i) ? xml.indexOf("]]>", i) + 3 : xml.indexOf(">", i) + 1;
      if (close <= 2) throw new XmlError("unterminated markup declaration");
      i = xml.indexOf("<", close);
      continue;
    }
    if (next === 0x3f /* ? */) {
      const close = xml.indexOf("?>", i);
      if (close < 0) throw new XmlError("unterminated processing instruction");
      i = xml.indexOf("<", close + 2);
      continue;
    }
    const closing = next === 0x2f;
    let j = i + (closing ? 2 : 1);
    const nameStart = j;
    while (j < xml.length && isNameChar(xml.charCodeAt(j))) j++;
    const name = xml.slice(nameStart, j);
    // Find the tag's end, skipping '>' inside quoted attribute values.
    let quote = 0;
    for (; j < xml.length; j++) {
      const c = xml.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e) break;
    }
    if (j >= xml.length) throw new XmlError(`unterminated tag <${name}`);
    const end = j + 1;
    const kind = closing ? "close" : xml.charCodeAt(j - 1) === 0x2f ? "empty" : "open";
    const colon = name.indexOf(":");
    yield { name, local: colon < 0 ? name : name.slice(colon + 1), kind, start: i, end };
    i = xml.indexOf("<", end);
  }
}

/** The first tag with this local name (open or empty) in xml[from, to). */
export function findTag(xml: string, local: string, from = 0, to = xml.length): Tag | undefined {
  for (const t of tags(xml, from, to)) if (t.local === local && t.kind !== "close") return t;
  return undefined;
}

/** An element: its start tag, and where its content ends and its end tag ends (equal to the tag's for an empty one). */
export interface Element {
  readonly tag: Tag;
  readonly contentEnd: number;
  readonly end: number;
}

/** The element started by `open` (which must be an open or empty tag), with its matching end tag. */
export function elementAt(xml: string, open: Tag): Element {
  if (open.kind === "empty") return { tag: open, contentEnd: open.end, end: open.end };
  let depth = 0;
  for (const t of tags(xml, open.end)) {
    if (t.name !== open.name) continue;
    if (t.kind === "open") depth++;
    else if (t.kind === "close") {
      if (depth === 0) return { tag: open, contentEnd: t.start, end: t.end };
      depth--;
    }
  }
  throw new XmlError(`no end tag for <${open.name}>`);
}

export function findElement(xml: string, local: string, from = 0, to = xml.length): Element | undefined {
  const t = findTag(xml, local, from, to);
  return t ? elementAt(xml, t) : undefined;
}

/** The direct and nested elements of this local name inside `parent`. */
export function elementsIn(xml: string, parent: Element, local: string): Element[] {
  const out: Element[] = [];
  let from = parent.tag.end;
  for (;;) {
    const t = findTag(xml, local, from, parent.contentEnd);
    if (!t) return out;
    const e = elementAt(xml, t);
    out.push(e);
    from = e.end;
  }
}

const ATTR = /([^\s=/<>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** The attributes of a tag, values unescaped. */
export function attrsOf(xml: string, tag: Tag): Map<string, string> {
  const text = xml.slice(tag.start + 1 + tag.name.length, tag.end - 1);
  const m = new Map<string, string>();
  for (const a of text.matchAll(ATTR)) m.set(a[1], unescapeXml(a[3] ?? a[4] ?? ""));
  return m;
}

export function attr(xml: string, tag: Tag, name: string): string | undefined {
  return attrsOf(xml, tag).get(name);
}

/** The tag's text with attribute `name` set to `value` (added before the tag's end when absent). */
export function withAttr(tagText: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*)("[^"]*"|'[^']*')`);
  const v = `"${escapeAttr(value)}"`;
  if (re.test(tagText)) return tagText.replace(re, (_m, pre: string) => `${pre}${v}`);
  const cut = tagText.endsWith("/>") ? tagText.length - 2 : tagText.length - 1;
  return `${tagText.slice(0, cut).replace(/\s+$/, "")} ${name}=${v}${tagText.slice(cut)}`;
}

/** The tag's text without attribute `name`. */
export function withoutAttr(tagText: string, name: string): string {
  return tagText.replace(new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*("[^"]*"|'[^']*')`), "");
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * A text for a cell or a shared string (ECMA-376 Part 1, §22.9.2.19 ST_Xstring): characters XML 1.0 cannot
 * hold are written as `_xHHHH_`, and a literal `_xHHHH_` in the text gets its underscore escaped as
 * `_x005F_`, so Excel reads back exactly what was written.
 */
export function escapeCellText(s: string): string {
  const escaped = s
    .replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F${m}`)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeAttr(escaped);
}

/** The inverse of escapeCellText's `_xHHHH_` step, for texts read from a part. */
export function unescapeCellText(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}
