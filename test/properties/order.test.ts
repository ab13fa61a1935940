// The order of the roster rows does not matter: the same coverage numbers and the same multiset of issue
// codes whatever the order; and analysing the same workbook twice gives exactly the same result (the
// text-key memo in text.ts is state that must never show).
import fc from "fast-check";
import { type WorkbookAnalysis, analyzeWorkbook } from "../../src/core/analyze";
import { type CoverageResult, computeCoverage } from "../../src/core/coverage/coverage";
import { parsePeriod } from "../../src/core/model/period";
import { SPECS, tableOf, workbookOf } from "./arbitraries";

const Q2 = parsePeriod("2021-Q2")!;

/** Everything coverage reports except `empty`, which depends on where blank rows fall. */
function numbers(c: CoverageResult) {
  const counts = (o: CoverageResult["total"]) => ({
    target: o.target, covered: o.covered, percentOfTarget: o.percentOfTarget, share: o.share, mentors: o.mentors, pairs: o.pairs,
    excludedRows: o.excludedRows, byForm: o.byForm, youngTeachersCovered: o.youngTeachersCovered, status: o.status,
  });
  return {
    organizations: c.organizations.map((o) => ({ code: o.code, ...counts(o) })),
    total: counts(c.total),
    rows: { counted: c.rows.counted, outsidePeriod: c.rows.outsidePeriod, excluded: c.rows.excluded },
    unattributedExcluded: c.unattributedExcluded,
    indicators: c.indicators,
  };
}

const codes = (a: WorkbookAnalysis) => a.issues.map((i) => i.code).sort();

const tableAndOrder = tableOf(SPECS.PARTICIPANTS, 30).chain((t) => {
  const idx = t.rows.map((_r, i) => i);
  return fc.tuple(fc.constant(t), fc.shuffledSubarray(idx, { minLength: idx.length, maxLength: idx.length }));
});

it("shuffling the roster rows changes no coverage number and no issue count", () => {
  fc.assert(
    fc.property(tableAndOrder, ([t, order]) => {
      const a1 = analyzeWorkbook(workbookOf(t));
      const a2 = analyzeWorkbook(workbookOf(t, order.map((i) => t.rows[i])));
      expect(numbers(computeCoverage(a2, Q2))).toEqual(numbers(computeCoverage(a1, Q2)));
      expect(codes(a2)).toEqual(codes(a1));
    }),
    { numRuns: 400 },
  );
});

it("the same workbook analysed twice gives the same issues, records and coverage", () => {
  fc.assert(
    fc.property(tableOf(SPECS.PARTICIPANTS, 30), (t) => {
      const a1 = analyzeWorkbook(workbookOf(t));
      const a2 = analyzeWorkbook(workbookOf(t));
      expect(a2.issues).toEqual(a1.issues);
      expect(a2.participants[0].records).toEqual(a1.participants[0].records);
      expect(computeCoverage(a2, Q2)).toEqual(computeCoverage(a1, Q2));
    }),
    { numRuns: 200 },
  );
});
