// Who is who in the rosters: one organization + ФИО + date of birth is one person (README, «Identity»).
// Each person gets a small number, so the duplicate check and coverage count numbers instead of building,
// hashing and keeping a `code|name|birth` string for each of 100 000 rows.
import type { Day } from "../model/dates";
import { sameKey, valueKeyUncached } from "../model/text";

/** A person's row in one role and form; rows of other roles or forms chain on. */
interface Rows {
  readonly role: string;
  readonly form: string;
  readonly row: number;
  readonly next: Rows | undefined;
}

export interface Person {
  readonly id: number;
  readonly fio: string; // as first written
  /** The name's matching key, built only when another person shares the organization and birth date. */
  key: string | undefined;
  /**
   * The person's first row on the sheet being checked (duplicates are reported within a sheet), kept in
   * the person itself since most persons have one row; rows in other roles or forms chain on in `more`.
   */
  sheet: number;
  role: string;
  form: string;
  row: number;
  more: Rows | undefined;
}

// Most (organization, birth date) pairs hold one person, some a few; a placeholder date typed for everyone
// (or no date at all) holds hundreds, which a list would scan quadratically: past this size, a map.
const LIST_LIMIT = 8;
const NO_BIRTH = -1e9; // no real Day is this far back (dates before 1900 are refused)

type Bucket = Person | Person[] | Map<string, Person>;

export class PersonIndex {
  private readonly byOrg = new Map<string, Map<number, Bucket>>();
  private count = 0;
  private fioKey: string | undefined; // the key of the name being looked up, once built
  private lastOrg: string | undefined;
  private lastBirths: Map<number, Bucket> | undefined;

  /** Persons numbered so far; their numbers are 0 … size − 1. */
  get size(): number {
    return this.count;
  }

  /** The person with this organization key (valueKey of the code), ФИО and birth date; new if unseen. */
  personOf(orgKey: string, fio: string, birth: Day | null): Person {
    // Rosters come grouped by organization: the previous row's is usually this row's.
    let births = orgKey === this.lastOrg ? this.lastBirths : this.byOrg.get(orgKey);
    if (births === undefined) this.byOrg.set(orgKey, (births = new Map()));
    this.lastOrg = orgKey;
    this.lastBirths = births;
    const at = birth ?? NO_BIRTH;
    const bucket = births.get(at);
    if (bucket === undefined) {
      const p = this.create(fio);
      births.set(at, p);
      return p;
    }
    if (bucket instanceof Map) {
      const key = valueKeyUncached(fio);
      let p = bucket.get(key);
      if (p === undefined) bucket.set(key, (p = this.create(fio, key)));
      return p;
    }
    this.fioKey = undefined;
    if (!Array.isArray(bucket)) {
      if (this.same(bucket, fio)) return bucket;
      const p = this.create(fio, this.fioKey);
      births.set(at, [bucket, p]);
      return p;
    }
    for (const q of bucket) if (this.same(q, fio)) return q;
    const p = this.create(fio, this.fioKey);
    if (bucket.length < LIST_LIMIT) bucket.push(p);
    else {
      const map = new Map<string, Person>(bucket.map((q) => [keyOf(q), q]));
      map.set(keyOf(p), p);
      births.set(at, map);
    }
    return p;
  }

  /** Whether q is named fio; builds fio's key (once per lookup, in fioKey) only when it must. */
  private same(q: Person, fio: string): boolean {
    const quick = q.fio === fio || sameKey(q.fio, fio);
    if (quick !== undefined) return quick;
    return keyOf(q) === (this.fioKey ??= valueKeyUncached(fio));
  }

  private create(fio: string, key?: string): Person {
    return { id: this.count++, fio, key, sheet: -1, role: "", form: "", row: 0, more: undefined };
  }
}

const keyOf = (p: Person): string => (p.key ??= valueKeyUncached(p.fio));

/**
 * Notes a row of the person on sheet `sheetNo` in a role and form. Returns the row number of their earlier
 * row on that sheet in the same role and form (the new row is then a duplicate), or undefined.
 */
export function earlierRow(p: Person, sheetNo: number, role: string, form: string, row: number): number | undefined {
  if (p.sheet !== sheetNo) {
    p.sheet = sheetNo;
    p.role = role;
    p.form = form;
    p.row = row;
    p.more = undefined;
    return undefined;
  }
  if (p.role === role && p.form === form) return p.row;
  for (let e = p.more; e !== undefined; e = e.next) if (e.role === role && e.form === form) return e.row;
  p.more = { role, form, row, next: p.more };
  return undefined;
}
