// Texts of shared strings (`<si>`, xl/sharedStrings.xml) and inline strings (`<is>`, in a cell): the `<t>`
// of the element, or of its rich text runs `<r><t>` joined, never the phonetic runs `<rPh><t>` (furigana
// above Japanese text is not part of the value). `_xHHHH_` escapes are undone per `<t>`, as Excel and
// ExcelJS do. Whitespace is kept whether or not `xml:space="preserve"` says so: an XML parser keeps it too
// (ExcelJS's saxes does), and the core trims where it must.
import type { ZipEntry } from "../package/zip";
import { type ChunkScanner, LT, SLASH, TagName, scanEntry, skipMarkup, tagEnd, textOf, unescapeXstring } from "./bytes";

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true }); // a text's U+FEFF is kept (see bytes.ts)

/**
 * Reads character data up to the next end tag: the text of `<v>`, `<f>`, `<t>`. Sets `text` and returns
 * the index after the end tag, or -1 when the buffer ends first. CDATA sections are taken literally.
 */
export class TextReader {
  text = "";
  /** Whether the content was empty (no characters at all). */
  empty = true;

  read(b: Uint8Array, from: number, n: number): number {
    let lt = b.indexOf(LT, from);
    if (lt < 0 || lt + 1 >= n) return -1;
    if (b[lt + 1] === SLASH) {
      // The usual case: plain text, then the end tag.
      const gt = tagEnd(b, lt, n);
      if (gt < 0) return -1;
      this.empty = lt === from;
      this.text = this.empty ? "" : textOf(b, from, lt);
      return gt + 1;
    }
    let out = "";
    let s = from;
    for (;;) {
      if (lt < 0 || lt + 1 >= n) return -1;
      out += textOf(b, s, lt);
      if (b[lt + 1] === SLASH) {
        const gt = tagEnd(b, lt, n);
        if (gt < 0) return -1;
        this.text = out;
        this.empty = out.length === 0 && lt === from;
        return gt + 1;
      }
      const skip = skipMarkup(b, lt, n);
      if (skip < 0) return -1;
      if (skip > 0) {
        // CDATA: its characters, line ends normalised, no references; a comment or PI: nothing.
        if (b[lt + 1] === 0x21 && b[lt + 2] === 0x5b) out += utf8.decode(b.subarray(lt + 9, skip - 3)).replace(/\r\n?/g, "\n");
        s = skip;
      } else {
        const gt = tagEnd(b, lt, n); // an element inside text: not in SpreadsheetML; its tags are ignored
        if (gt < 0) return -1;
        s = gt + 1;
      }
      lt = b.indexOf(LT, s);
    }
  }
}

/** The text of an `<si>` or `<is>` element, from after its start tag to after its end tag. */
export class RichTextReader {
  text = "";
  private readonly name = new TagName();
  private readonly t = new TextReader();

  /** Returns the index after the end tag `</close>`, or -1 when the buffer ends first. */
  read(b: Uint8Array, from: number, n: number, close: string): number {
    let text = "";
    let phonetic = 0;
    let i = from;
    const name = this.name;
    for (;;) {
      const lt = b.indexOf(LT, i);
      if (lt < 0) return -1;
      const skip = skipMarkup(b, lt, n);
      if (skip < 0) return -1;
      if (skip > 0) {
        i = skip;
        continue;
      }
      const gt = tagEnd(b, lt, n);
      if (gt < 0) return -1;
      name.read(b, lt, n);
      if (name.close) {
        if (name.is(b, close)) {
          this.text = text;
          return gt + 1;
        }
        if (name.is(b, "rPh")) phonetic--;
        i = gt + 1;
        continue;
      }
      const empty = b[gt - 1] === SLASH;
      if (!empty && name.is(b, "t")) {
        const end = this.t.read(b, gt + 1, n);
        if (end < 0) return -1;
        if (phonetic === 0) text += unescapeXstring(this.t.text);
        i = end;
        continue;
      }
      if (!empty && name.is(b, "rPh")) phonetic++;
      i = gt + 1;
    }
  }
}

export class SharedStringsScanner implements ChunkScanner {
  readonly strings: string[] = [];
  private readonly name = new TagName();
  private readonly rich = new RichTextReader();

  scan(b: Uint8Array, n: number): number {
    const name = this.name;
    let i = 0;
    for (;;) {
      const lt = b.indexOf(LT, i);
      if (lt < 0) return n;
      const skip = skipMarkup(b, lt, n);
      if (skip < 0) return lt;
      if (skip > 0) {
        i = skip;
        continue;
      }
      const gt = tagEnd(b, lt, n);
      if (gt < 0) return lt;
      name.read(b, lt, n);
      if (!name.close && name.is(b, "si")) {
        if (b[gt - 1] === SLASH) {
          this.strings.push("");
          i = gt + 1;
          continue;
        }
        const end = this.rich.read(b, gt + 1, n, "si");
        if (end < 0) return lt;
        this.strings.push(this.rich.text);
        i = end;
        continue;
      }
      i = gt + 1;
    }
  }
}

/** The shared string table, streamed: the part is scanned in chunks like a worksheet. */
export function readSharedStrings(e: ZipEntry): string[] {
  const s = new SharedStringsScanner();
  scanEntry(e, s);
  return s.strings;
}
