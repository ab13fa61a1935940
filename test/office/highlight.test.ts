// Highlights are reversible: issue cells take the tone fills, and «Снять выделение» puts back exactly
// what was there (a user's fill, or no fill), removes the very hidden store sheet, and no value changes.
import { PALETTE } from "../../src/core/report/layout";
import { HIGHLIGHT_STORE } from "../../src/office/highlight";
import { createService } from "../../src/office/service";
import { createHost } from "../../src/testhost";
import { NOW, ROSTER, exampleInput, snapshot } from "./example";

const RED = `#${PALETTE.tones.red.fill}`;
const AMBER = `#${PALETTE.tones.amber.fill}`;
const USER_BLUE = "#00B0F0";

async function setUp(rename?: string) {
  const input = await exampleInput(rename ? (wb) => void (wb.getWorksheet(ROSTER)!.name = rename) : undefined);
  const host = createHost(input);
  const roster = rename ?? ROSTER;
  // What the user had done: one issue cell coloured blue, one non-issue cell coloured too.
  host.sheet(roster).setFill("G609", USER_BLUE).setFill("A5", "#FFFF00");
  return { host, roster, service: createService(host.run, () => NOW) };
}

test("issue cells get the tone fills; the saved fills sit in a very hidden sheet; values stay", async () => {
  const { host, roster, service } = await setUp();
  const { issues } = await service.check();
  const unfilled = snapshot(host, host.sheetNames(), { fills: false });
  expect(await service.highlightIssues()).toBe(issues.length);
  for (const i of issues) {
    expect(host.sheet(i.sheet).cell(i.cell).fill).toEqual({ color: i.severity === "error" ? RED : AMBER, pattern: "Solid" });
  }
  expect(host.sheet(roster).cell("A5").fill).toEqual({ color: "#FFFF00", pattern: "Solid" }); // not an issue: untouched
  const store = host.sheet(HIGHLIGHT_STORE);
  expect(store.visibility).toBe("VeryHidden");
  expect(store.values()).toContainEqual([roster, "G609", "Solid", USER_BLUE]);
  expect(store.values()).toContainEqual([roster, "B612", "None", "#FFFFFF"]);
  // Nothing but fills changed in the user's sheets.
  expect(snapshot(host, Object.keys(unfilled), { fills: false })).toEqual(unfilled);
});

test("clearing restores every fill exactly, «no fill» included, and removes the store sheet", async () => {
  const { host, roster, service } = await setUp();
  const before = snapshot(host);
  const count = await service.highlightIssues();
  expect(await service.clearHighlights()).toBe(count);
  expect(host.hasSheet(HIGHLIGHT_STORE)).toBe(false);
  expect(host.sheet(roster).cell("G609").fill).toEqual({ color: USER_BLUE, pattern: "Solid" });
  expect(host.sheet(roster).cell("B612").fill).toBeNull();
  expect(snapshot(host)).toEqual(before);
  expect(await service.clearHighlights()).toBe(0); // nothing to restore twice
});

test("highlighting again first restores, so clearing still returns the user's own fills", async () => {
  const { host, service } = await setUp();
  const before = snapshot(host);
  await service.highlightIssues();
  await service.highlightIssues();
  expect(host.sheetNames().filter((n) => n === HIGHLIGHT_STORE)).toHaveLength(1);
  await service.clearHighlights();
  expect(snapshot(host)).toEqual(before);
});

test("highlight and clear work twice in a row, as Excel allows: the very hidden store is made Hidden before it is deleted", async () => {
  const { host, roster, service } = await setUp();
  await service.check();
  for (let round = 0; round < 2; round++) {
    expect(await service.highlightIssues()).toBeGreaterThan(0);
    expect(host.sheet(HIGHLIGHT_STORE).visibility).toBe("VeryHidden");
    await service.clearHighlights();
    expect(host.sheetNames()).not.toContain(HIGHLIGHT_STORE);
    expect(host.sheet(roster).cell("G609").fill).toEqual({ color: USER_BLUE, pattern: "Solid" });
  }
});

test("a roster sheet named like a number («2021») is restored too: the store keeps its names as text", async () => {
  const { host, roster, service } = await setUp("2021");
  const before = snapshot(host);
  expect(await service.highlightIssues()).toBeGreaterThan(0);
  expect(host.sheet(HIGHLIGHT_STORE).cell("A2")).toMatchObject({ value: "2021", valueType: "String" });
  await service.clearHighlights();
  expect(host.sheet(roster).cell("G609").fill).toEqual({ color: USER_BLUE, pattern: "Solid" });
  expect(snapshot(host)).toEqual(before);
});

test("roadmap highlights use the status tones and clear the same way", async () => {
  const { host, service } = await setUp();
  const before = snapshot(host);
  const marked = await service.highlightRoadmap("2021-06-30");
  expect(marked).toBeGreaterThan(0);
  const fills = new Set(host.sheet("Дорожная карта").values().flatMap((row, r) => row.map((_, c) => host.sheet("Дорожная карта").cell(`${String.fromCharCode(65 + c)}${r + 1}`).fill?.color)));
  expect([...fills].some((c) => c === RED || c === AMBER || c === `#${PALETTE.tones.green.fill}`)).toBe(true);
  await service.clearHighlights();
  expect(snapshot(host)).toEqual(before);
});
