// Who is who in the rosters: one organization + ФИО + date of birth is one person (README, «Identity»).
// Each person gets a small number, so the duplicate check and coverage count numbers instead of building,
// hashing and keeping a `code|name|birth` string for each of 100 000 rows.
//
// The index is columnar: a person is a number, what is known of it sits in arrays by that number, and
// persons sharing an organization and a birth date are found through one open-addressing table of typed
// arrays. No object per person and no map per organization: on a 100 000-row roster those were about a
// fifth of the bytes an analysis allocated, and the garbage collector's work with them.
import type { Day } from "../model/dates";
import { sameKey, valueKeyUncached } from "../model/text";

/** A person's row in one more role and form; rows of other roles or forms chain on. */
interface Rows {
  readonly role: string;
  readonly form: string;
  readonly row: number;
  readonly next: Rows | undefined;
}

// Most (organization, birth date) pairs hold one person, some a few; a placeholder date typed for everyone
// (or no date at all) holds hundreds, which a list would scan quadratically: past this size, a map.
const LIST_LIMIT = 8;
const NO_BIRTH = -1e9; // no real Day is this far back (dates before 1900 are refused)
const EMPTY = -1; // a free slot of the table; the end of a bucket's chain

function grown(a: Int32Array, size: number, fill: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/**
 * An empty array for strings, born with elements of any kind: an array made as `[]` starts holding small
 * integers only, and its first string changes its kind, which threw away the optimized code that pushes
 * to it — once per analysis, as every analysis makes its index anew.
 */
function strings<T>(): T[] {
  const a: unknown[] = [""];
  a.pop();
  return a as T[];
}

/** A table of `n` free slots (n a power of two). */
function emptySlots(n: number): Int32Array<ArrayBuffer> {
  const t = new Int32Array(3 * n);
  for (let i = 2; i < t.length; i += 3) t[i] = EMPTY;
  return t;
}

export class PersonIndex {
  // Organizations by key → a small number; the previous row's is usually this row's.
  private readonly orgs = new Map<string, number>();
  private lastOrgKey: string | undefined = undefined;
  private lastOrg = 0;

  // The table: three numbers a slot, side by side so that a probe reads one cache line — the organization,
  // the birth date, and the bucket's first person (EMPTY: a free slot), or ≤ −2 for a bucket grown past
  // LIST_LIMIT, kept in `bigs` by name key.
  private slots: Int32Array<ArrayBuffer>;
  private used = 0;
  private readonly bigs = strings<Map<string, number>>();

  // Persons, by number.
  private count = 0;
  private readonly fio = strings<string>(); // as first written
  /** Names' matching keys, built only for persons sharing an organization and a birth date with another. */
  private readonly key = new Map<number, string>();
  private nextInBucket: Int32Array<ArrayBuffer>;
  private bucketSize: Int32Array<ArrayBuffer>; // for a bucket's first person: how many the bucket holds
  // The person's first row on the sheet being checked (duplicates are reported within a sheet), with its
  // role and form as one number (`kindOf`); rows in other roles or forms chain on in `more`, as most
  // persons have one row.
  private sheet: Int32Array<ArrayBuffer>;
  private row: Int32Array<ArrayBuffer>;
  private kind: Int32Array<ArrayBuffer>;
  private readonly more = new Map<number, Rows>();
  private readonly kinds = new Map<string, Map<string, number>>(); // role → form → number
  private kindCount = 0;
  private lastRole = "";
  private lastForm = "";
  private lastKind = -1;

  private fioKey: string | undefined = undefined; // the key of the name being looked up, once built

  /** `rows`: how many rows will be looked up, at most, so that the arrays are made once at their size. */
  constructor(rows = 0) {
    const persons = Math.max(1024, rows);
    let slots = 1024;
    while (slots < 2 * persons) slots *= 2;
    this.slots = emptySlots(slots);
    this.nextInBucket = new Int32Array(persons);
    this.bucketSize = new Int32Array(persons);
    this.sheet = new Int32Array(persons).fill(-1);
    this.row = new Int32Array(persons);
    this.kind = new Int32Array(persons);
  }

  /** Persons numbered so far; their numbers are 0 … size − 1. */
  get size(): number {
    return this.count;
  }

  /** The number of the person with this organization key (valueKey of the code), ФИО and birth date; new if unseen. */
  personOf(orgKey: string, fio: string, birth: Day | null): number {
    let org = this.lastOrg;
    if (orgKey !== this.lastOrgKey) {
      const known = this.orgs.get(orgKey);
      org = known ?? this.orgs.size;
      if (known === undefined) this.orgs.set(orgKey, org);
      this.lastOrgKey = orgKey;
      this.lastOrg = org;
    }
    const at = birth ?? NO_BIRTH;
    const slot = this.slotOf(org, at);
    const head = this.slots[slot + 2];
    if (head === EMPTY) {
      const p = this.create(fio, undefined);
      this.slots[slot] = org;
      this.slots[slot + 1] = at;
      this.slots[slot + 2] = p;
      this.bucketSize[p] = 1;
      if (++this.used * 6 > this.slots.length) this.rehash();
      return p;
    }
    if (head <= -2) {
      const bucket = this.bigs[-head - 2];
      const key = valueKeyUncached(fio);
      let p = bucket.get(key);
      if (p === undefined) bucket.set(key, (p = this.create(fio, key)));
      return p;
    }
    this.fioKey = undefined;
    for (let q = head; q !== EMPTY; q = this.nextInBucket[q]) if (this.same(q, fio)) return q;
    const p = this.create(fio, this.fioKey);
    const size = this.bucketSize[head];
    if (size < LIST_LIMIT) {
      this.nextInBucket[p] = head;
      this.bucketSize[p] = size + 1;
      this.slots[slot + 2] = p;
      return p;
    }
    const map = new Map<string, number>();
    for (let q = head; q !== EMPTY; q = this.nextInBucket[q]) map.set(this.keyOf(q), q);
    map.set(this.keyOf(p), p);
    this.slots[slot + 2] = -2 - this.bigs.length;
    this.bigs.push(map);
    return p;
  }

  /**
   * Notes a row of person `p` on sheet `sheetNo` in a role and form. Returns the row number of their earlier
   * row on that sheet in the same role and form (the new row is then a duplicate), or undefined.
   */
  earlierRow(p: number, sheetNo: number, role: string, form: string, row: number): number | undefined {
    const kind = this.kindOf(role, form);
    if (this.sheet[p] !== sheetNo) {
      this.sheet[p] = sheetNo;
      this.kind[p] = kind;
      this.row[p] = row;
      this.more.delete(p);
      return undefined;
    }
    if (this.kind[p] === kind) return this.row[p];
    const first = this.more.get(p);
    for (let e = first; e !== undefined; e = e.next) if (e.role === role && e.form === form) return e.row;
    this.more.set(p, { role, form, row, next: first });
    return undefined;
  }

  /** A number for a role and form; a group's rows share the form, and most rows are mentees. */
  private kindOf(role: string, form: string): number {
    if (role === this.lastRole && form === this.lastForm) return this.lastKind;
    let forms = this.kinds.get(role);
    if (forms === undefined) this.kinds.set(role, (forms = new Map()));
    let k = forms.get(form);
    if (k === undefined) forms.set(form, (k = this.kindCount++));
    this.lastRole = role;
    this.lastForm = form;
    this.lastKind = k;
    return k;
  }

  /** The slot of (org, at) (the index of its first number): where it is, or the free slot where it goes. */
  private slotOf(org: number, at: number): number {
    const t = this.slots;
    const mask = t.length / 3 - 1;
    let h = Math.imul(org + 1, 0x9e3779b1) ^ Math.imul(at, 0x85ebca6b);
    h ^= h >>> 15;
    let i = h & mask;
    while (t[3 * i + 2] !== EMPTY && (t[3 * i] !== org || t[3 * i + 1] !== at)) i = (i + 1) & mask;
    return 3 * i;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = emptySlots((old.length / 3) * 2);
    for (let i = 0; i < old.length; i += 3) {
      if (old[i + 2] === EMPTY) continue;
      const s = this.slotOf(old[i], old[i + 1]);
      this.slots[s] = old[i];
      this.slots[s + 1] = old[i + 1];
      this.slots[s + 2] = old[i + 2];
    }
  }

  /** Whether person q is named fio; builds fio's key (once per lookup, in fioKey) only when it must. */
  private same(q: number, fio: string): boolean {
    const name = this.fio[q];
    const quick = name === fio || sameKey(name, fio);
    if (quick !== undefined) return quick;
    return this.keyOf(q) === (this.fioKey ??= valueKeyUncached(fio));
  }

  private keyOf(q: number): string {
    let k = this.key.get(q);
    if (k === undefined) this.key.set(q, (k = valueKeyUncached(this.fio[q])));
    return k;
  }

  private create(fio: string, key: string | undefined): number {
    const p = this.count++;
    if (p === this.sheet.length) {
      this.sheet = grown(this.sheet, p + 1, -1);
      this.row = grown(this.row, p + 1, 0);
      this.kind = grown(this.kind, p + 1, 0);
      this.nextInBucket = grown(this.nextInBucket, p + 1, 0);
      this.bucketSize = grown(this.bucketSize, p + 1, 0);
    }
    this.fio.push(fio);
    if (key !== undefined) this.key.set(p, key);
    this.nextInBucket[p] = EMPTY;
    return p;
  }
}
