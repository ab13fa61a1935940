// Every roster row is accounted for: counted, outside the period, or excluded with an error on its row;
// blank rows are skipped (inside the data) or trail after it; the parts add up to the rows under the header.
import fc from "fast-check";
import { analyzeWorkbook, isExcluded } from "../../src/core/analyze";
import { type CellValue, isBlank } from "../../src/core/cells";
import { computeCoverage } from "../../src/core/coverage";
import { parsePeriod } from "../../src/core/period";
import { SPECS, tableOf, workbookOf } from "./arbitraries";

const periods = fc.constantFrom("2021-Q1", "2021-Q2", "2021-Q4", "2020-Q3").map((p) => parsePeriod(p)!);

it("counted + outside the period + excluded + empty + trailing blank = the rows under the header", () => {
  const seen = { counted: 0, outside: 0, excluded: 0, empty: 0 };
  fc.assert(
    fc.property(tableOf(SPECS.PARTICIPANTS, 40), periods, (t, period) => {
      const wb = workbookOf(t);
      const a = analyzeWorkbook(wb);
      const c = computeCoverage(a, period);
      const [p] = a.participants;
      expect(p.located.headerIndex).toBe(t.above);
      const known = Object.values(p.located.columnIndex) as number[];
      const blank = (r: readonly CellValue[]) => known.every((i) => isBlank(r[i] ?? null));
      const data = wb.sheets[0].rows.slice(t.above + 1);
      let trailing = 0;
      while (trailing < data.length && blank(data[data.length - 1 - trailing])) trailing++;

      expect(p.records.length + p.emptyRows + trailing).toBe(data.length);
      expect(p.records.map((r) => r.row)).toEqual(data.flatMap((r, i) => (blank(r) ? [] : [t.above + 2 + i])));
      expect(c.rows.counted + c.rows.outsidePeriod + c.rows.excluded).toBe(p.records.length);
      expect(c.rows.empty).toBe(p.emptyRows);
      expect(c.organizations.reduce((s, o) => s + o.excludedRows, 0) + c.unattributedExcluded).toBe(c.rows.excluded);
      for (const rec of p.records) {
        const errors = a.issues.filter((i) => i.sheet === wb.sheets[0].name && i.row === rec.row && i.severity === "error");
        // Excluded exactly when the row has an error, and the error says so at the row's own cells.
        expect(errors.length > 0).toBe(isExcluded(rec));
      }
      expect(c.total.covered).toBeLessThanOrEqual(c.rows.counted);
      seen.counted += c.rows.counted;
      seen.outside += c.rows.outsidePeriod;
      seen.excluded += c.rows.excluded;
      seen.empty += c.rows.empty;
    }),
    { numRuns: 400 },
  );
  // The generator reaches every outcome, so the sum above is not vacuous.
  for (const n of Object.values(seen)) expect(n).toBeGreaterThan(20);
});
