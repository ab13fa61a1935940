// The proofs the hard-input tests rely on must be able to fail: a changed cell and a lost row are caught.
import { analyzeWorkbook } from "../../src/core/analyze";
import type { WorkbookInput } from "../../src/core/model/cells";
import { computeCoverage } from "../../src/core/coverage/coverage";
import { parsePeriod } from "../../src/core/model/period";
import { HEADERS, MENTOR, expectEveryRowAccounted, firstDifference, mentee } from "./helpers";

const input = (): WorkbookInput => ({
  sheets: [{ name: "Участники", rows: [HEADERS, MENTOR, mentee("Зайцев Илья Олегович")] as WorkbookInput["sheets"][0]["rows"] }],
});

it("firstDifference finds a changed value, a changed date and a changed error, and nothing in a copy", () => {
  expect(firstDifference(input(), structuredClone(input()))).toBeNull();
  const changed = (row: number, col: number, v: unknown) => {
    const wb = structuredClone(input());
    (wb.sheets[0].rows[row] as unknown[])[col] = v;
    return firstDifference(input(), wb);
  };
  expect(changed(2, 0, "Зайцев Илья")).toBe("Участники!3:1");
  expect(changed(2, 7, new Date(Date.UTC(2021, 1, 2)))).toBe("Участники!3:8");
  expect(changed(2, 2, { error: "#N/A" })).toBe("Участники!3:3");
});

it("the row accounting fails when a row goes missing", () => {
  const a = analyzeWorkbook(input());
  const c = computeCoverage(a, parsePeriod("2021-Q2")!);
  expect(() => expectEveryRowAccounted(a, c)).not.toThrow();
  const lost = { ...a, participants: [{ ...a.participants[0], records: a.participants[0].records.slice(1) }] };
  expect(() => expectEveryRowAccounted(lost, c)).toThrow();
});
