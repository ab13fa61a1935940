// A small, strict XML reader for the manifest tests: element order matters to Office's schema, and
// xml2js (which office-addin-manifest uses) folds children by name and so loses it. Handles what a
// manifest contains: the declaration, comments, elements, double- or single-quoted attributes, text.
export interface XmlElement {
  /** Qualified name as written, e.g. "bt:Image". */
  readonly name: string;
  /** Name without the prefix, e.g. "Image". */
  readonly local: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  readonly line: number;
  text: string;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(parseInt(e.slice(1), 10));
    if (e in ENTITIES) return ENTITIES[e];
    throw new Error(`unknown entity ${m}`);
  });
}

const TOKEN =
  /<!--([\s\S]*?)-->|<\?[\s\S]*?\?>|<\/([A-Za-z_][\w.:-]*)\s*>|<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)/gy;
const ATTR = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;

/** The document's root element; throws on anything that is not well-formed. */
export function parseXml(src: string): XmlElement {
  const doc: XmlElement = { name: "#document", local: "#document", attrs: {}, children: [], line: 0, text: "" };
  const stack: XmlElement[] = [doc];
  let line = 1;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m) throw new Error(`not well-formed XML at line ${line}: ${JSON.stringify(src.slice(at, at + 40))}`);
    const [whole, , close, open, attrText, selfClose, text] = m;
    const top = stack[stack.length - 1];
    if (close) {
      if (top.name !== close) throw new Error(`line ${line}: </${close}> closes <${top.name}>`);
      stack.pop();
    } else if (open) {
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? "").matchAll(ATTR)) {
        if (a[1] in attrs) throw new Error(`line ${line}: duplicate attribute ${a[1]} on <${open}>`);
        attrs[a[1]] = decode(a[2] ?? a[3] ?? "");
      }
      if (top === doc && doc.children.length > 0) throw new Error(`line ${line}: a second root element <${open}>`);
      const el: XmlElement = { name: open, local: open.replace(/^.*:/, ""), attrs, children: [], line, text: "" };
      top.children.push(el);
      if (!selfClose) stack.push(el);
    } else if (text !== undefined) {
      if (top === doc) {
        if (text.trim()) throw new Error(`line ${line}: text outside the root element`);
      } else {
        top.text += decode(text);
      }
    }
    line += (whole.match(/\n/g) ?? []).length;
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (doc.children.length !== 1) throw new Error("no root element");
  return doc.children[0];
}

/** Every element below (and including) `el`, depth first, in document order. */
export function descendants(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(descendants)];
}

export function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

export function childrenNamed(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}
