// Highlights are reversible: issue cells take the tone fills, and «Снять выделение» puts back exactly
// what was there (a user's fill, a real white fill, a tinted fill, or no fill), removes the very hidden
// store sheet, and no value changes. The host reads "no fill" as Excel does: white, told apart from a
// real white fill only by tintAndShade null (office-js #4900, #6218).
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
  // The saved fill in A–E; G the tone coloured (a live re-check needs it), under a header saying what was highlighted.
  expect(store.values()[0]).toEqual(["Лист", "Ячейка", "Узор", "Цвет", "Оттенок", "", "Тон: замечания"]);
  expect(store.values()).toContainEqual([roster, "G609", "Solid", USER_BLUE, "0", "", "red"]);
  expect(store.values()).toContainEqual([roster, "B612", "None", "", "", "", "red"]); // no fill: no tint
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

test("a user's real white fill comes back white, a no-fill cell comes back with no fill, a tint keeps its tint", async () => {
  const { host, roster, service } = await setUp();
  const s = host.sheet(roster);
  s.setFill("A611", "#FFFFFF").setFill("H615", "#00B050", -0.25); // two issue cells: white, and a darker green
  expect(s.cell("B612").fill).toBeNull();
  // What Excel reports for the two white-looking cells: the same colour; only tintAndShade differs.
  const read = await host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(roster);
    const spec = { format: { fill: { color: true, pattern: true, tintAndShade: true } } };
    const white = ws.getRange("A611").getCellProperties(spec);
    const none = ws.getRange("B612").getCellProperties(spec);
    await ctx.sync();
    return [white.value[0][0].format?.fill, none.value[0][0].format?.fill];
  });
  expect(read).toEqual([{ color: "#FFFFFF", pattern: null, tintAndShade: 0 }, { color: "#FFFFFF", pattern: null, tintAndShade: null }]);

  const before = snapshot(host);
  await service.highlightIssues();
  expect(s.cell("A611").fill).toEqual({ color: RED, pattern: "Solid" });
  await service.clearHighlights();
  expect(s.cell("A611")).toMatchObject({ fill: { color: "#FFFFFF", pattern: "Solid" }, fillTintAndShade: 0 });
  expect(s.cell("B612")).toMatchObject({ fill: null, fillTintAndShade: null });
  expect(s.cell("H615")).toMatchObject({ fill: { color: "#00B050", pattern: "Solid" }, fillTintAndShade: -0.25 });
  expect(snapshot(host)).toEqual(before);
});

/** The store an earlier version left behind: four columns (no tint), still very hidden, its fills applied. */
function oldStore(host: ReturnType<typeof createHost>, roster: string) {
  const store = host.model.addSheet(HIGHLIGHT_STORE);
  const rows = [["Лист", "Ячейка", "Узор", "Цвет"], [roster, "G609", "Solid", USER_BLUE], [roster, "B612", "None", "#FFFFFF"]];
  const view = host.sheet(HIGHLIGHT_STORE);
  view.setNumberFormat("A1:D3", "@");
  rows.forEach((r, i) => r.forEach((v, j) => view.setValue(`${"ABCD"[j]}${i + 1}`, v)));
  store.visibility = "VeryHidden";
  host.sheet(roster).setFill("G609", RED).setFill("B612", RED);
}

test("a very hidden store left by an older version is repaired on the next clear: fills restored, store removed", async () => {
  const { host, roster, service } = await setUp();
  oldStore(host, roster);
  expect(await service.clearHighlights()).toBe(2);
  expect(host.sheetNames()).not.toContain(HIGHLIGHT_STORE);
  expect(host.sheet(roster).cell("G609").fill).toEqual({ color: USER_BLUE, pattern: "Solid" });
  expect(host.sheet(roster).cell("B612").fill).toBeNull();
});

test("highlighting over an older version's very hidden store restores it first, then highlight and clear work as usual", async () => {
  const { host, roster, service } = await setUp();
  oldStore(host, roster);
  expect(await service.highlightIssues()).toBeGreaterThan(0);
  expect(host.sheetNames().filter((n) => n === HIGHLIGHT_STORE)).toHaveLength(1);
  expect(host.sheet(HIGHLIGHT_STORE).values()[0]).toHaveLength(7);
  await service.clearHighlights();
  expect(host.sheetNames()).not.toContain(HIGHLIGHT_STORE);
  expect(host.sheet(roster).cell("G609").fill).toEqual({ color: USER_BLUE, pattern: "Solid" });
  expect(host.sheet(roster).cell("B612").fill).toBeNull();
});
