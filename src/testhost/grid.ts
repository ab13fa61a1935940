// Sparse storage for one layer of a sheet (values, formulas, styles, validation): rows of arrays, so a
// 100 000-row roster costs one array per row, and an empty cell costs nothing.
import type { Rect } from "./address";

export class Grid<T> {
  private rows: (T | undefined)[][] = [];

  get(r: number, c: number): T | undefined {
    return this.rows[r]?.[c];
  }

  set(r: number, c: number, v: T | undefined): void {
    if (v === undefined) {
      const row = this.rows[r];
      if (row && c < row.length) row[c] = undefined;
      return;
    }
    (this.rows[r] ??= [])[c] = v;
  }

  /** The smallest block holding every defined cell, or null when there is none. */
  bounds(): Rect | null {
    let r0 = -1, r1 = -1, c0 = Infinity, c1 = -1;
    this.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === undefined) return;
        if (r0 < 0) r0 = r;
        r1 = r;
        if (c < c0) c0 = c;
        if (c > c1) c1 = c;
      });
    });
    return r0 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  /** Calls back for every defined cell inside the block (used to clear or copy a range). */
  forEachIn(rect: Rect, fn: (r: number, c: number, v: T) => void): void {
    for (let r = rect.row; r < rect.row + rect.rows && r < this.rows.length; r++) {
      const row = this.rows[r];
      if (!row) continue;
      for (let c = rect.col; c < rect.col + rect.cols && c < row.length; c++) {
        const v = row[c];
        if (v !== undefined) fn(r, c, v);
      }
    }
  }
}
