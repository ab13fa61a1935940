// Reading through Office.js on the host gives the engine exactly what the .xlsx path gives it, although
// Office delivers dates as serial numbers and formula errors as text with value type "Error".
import { analyzeWorkbook } from "../../src/core/analyze";
import { computeCoverage } from "../../src/core/coverage/coverage";
import { todayDay } from "../../src/core/model/dates";
import { parsePeriod } from "../../src/core/model/period";
import { createService } from "../../src/office/service";
import { createHost } from "../../src/testhost";
import { NOW, ROSTER, exampleInput, snapshot } from "./example";

const today = todayDay(NOW);

test("the example sits in the host as Excel holds it: dates as serials, the broken lookup as #N/A", async () => {
  const host = createHost(await exampleInput());
  const roster = host.sheet(ROSTER);
  expect(roster.cell("G4")).toMatchObject({ valueType: "Double", numberFormat: "dd.mm.yyyy" }); // Дата начала
  expect(typeof roster.cell("G4").value).toBe("number");
  expect(roster.cell("B612")).toMatchObject({ value: "#N/A", valueType: "Error" });
  expect(roster.cell("G609")).toMatchObject({ value: "31.02.2021", valueType: "String" }); // a date that does not exist
});

test("check() on the host finds the issues the .xlsx path finds, cell for cell", async () => {
  const input = await exampleInput();
  const host = createHost(input);
  const expected = analyzeWorkbook(input, { today }).issues;
  const result = await createService(host.run, () => NOW).check();
  expect(expected.map((i) => i.code)).toEqual(expect.arrayContaining(["formula-error", "invalid-date", "date-order", "age-out-of-range"]));
  expect(result.issues).toEqual(expected.map((i) => expect.objectContaining(i))); // the pane may add fields (org)
  expect(result.errors).toBe(expected.filter((i) => i.severity === "error").length);
  expect(result.problems).toEqual([]);
});

test("coverage on the host equals coverage from the .xlsx path (1256 planned)", async () => {
  const input = await exampleInput();
  const host = createHost(input);
  const expected = computeCoverage(analyzeWorkbook(input, { today }), parsePeriod("2021-Q2")!);
  const result = await createService(host.run, () => NOW).coverage("2021-Q2");
  expect(result).toEqual(expected);
  expect(expected.total.target).toBe(1256);
});

test("a hidden roster sheet and a roster typed as text still read the same", async () => {
  const input = await exampleInput((wb) => {
    wb.getWorksheet(ROSTER)!.state = "hidden";
    wb.getWorksheet("Организации")!.getCell("D2").value = "202"; // a contingent typed as text
  });
  const host = createHost(input);
  expect(host.sheet(ROSTER).visibility).toBe("Hidden");
  const result = await createService(host.run, () => NOW).check();
  expect(result.issues).toEqual(analyzeWorkbook(input, { today }).issues.map((i) => expect.objectContaining(i)));
});

test("reading changes nothing in the workbook", async () => {
  const host = createHost(await exampleInput());
  const before = snapshot(host);
  await createService(host.run, () => NOW).check();
  expect(snapshot(host)).toEqual(before);
  expect(host.stats.opsByKind.set + host.stats.opsByKind.call).toBe(0);
});

test("a workbook in the 1904 date system (old Mac files) is read with its own dates: the same issues and coverage as in the 1900 system", async () => {
  const input = await exampleInput();
  const mac = createHost({ ...input, date1904: true });
  const pc = createHost(input);
  // Excel holds the same day 1462 serials lower in the 1904 system.
  expect(mac.sheet(ROSTER).cell("G4").value).toBe((pc.sheet(ROSTER).cell("G4").value as number) - 1462);
  const [onMac, onPc] = [createService(mac.run, () => NOW), createService(pc.run, () => NOW)];
  const coverage = await onMac.coverage("2021-Q2");
  expect(coverage).toEqual(await onPc.coverage("2021-Q2"));
  expect("total" in coverage && coverage.total.covered).toBeGreaterThan(400);
  const [a, b] = [await onMac.check(), await onPc.check()];
  expect(a.issues).toEqual(b.issues);
  expect(a.errors).toBe(b.errors);
});
