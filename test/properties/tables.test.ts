// Any table of cells under a valid header gives issues or results and never throws; every issue is
// well formed (a stable code with its severity, a real cell of that sheet, a Russian message).
import fc from "fast-check";
import { analyzeWorkbook } from "../../src/core/analyze";
import { computeCoverage } from "../../src/core/coverage/coverage";
import { ISSUE_CODES, severityOf } from "../../src/core/model/issues";
import { parsePeriod } from "../../src/core/model/period";
import { computeRoadmap } from "../../src/core/roadmap/roadmap";
import { SPECS, tableOf, workbookOf } from "./arbitraries";

const Q2 = parsePeriod("2021-Q2")!;
const AS_OF = Date.UTC(2021, 5, 30) / 864e5;

describe.each(Object.entries(SPECS))("random tables under the %s header", (_name, spec) => {
  it("analyse, count and rate without throwing; every issue is well formed", () => {
    fc.assert(
      fc.property(tableOf(spec), fc.boolean(), (t, date1904) => {
        const wb = { ...workbookOf(t), date1904 };
        const a = analyzeWorkbook(wb, { today: AS_OF });
        const c = computeCoverage(a, Q2);
        computeRoadmap(a, AS_OF, 2021, date1904);
        const sheetRows = new Map(wb.sheets.map((s) => [s.name, s.rows.length]));
        for (const i of a.issues) {
          expect(ISSUE_CODES).toContain(i.code);
          expect(i.severity).toBe(severityOf(i.code));
          expect(i.cell).toMatch(/^[A-Z]+[1-9]\d*$/);
          expect(i.cell.endsWith(String(i.row))).toBe(true);
          expect(i.row).toBeGreaterThanOrEqual(1);
          expect(i.row).toBeLessThanOrEqual(sheetRows.get(i.sheet)!);
          expect(i.message).toMatch(/[А-Яа-яЁё]/);
        }
        for (const n of [c.total.covered, c.rows.counted, c.rows.excluded]) expect(Number.isInteger(n) && n >= 0).toBe(true);
        for (const o of c.organizations) if (o.percentOfTarget !== null) expect(Number.isFinite(o.percentOfTarget)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
