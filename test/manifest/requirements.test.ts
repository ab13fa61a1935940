// The manifest's ExcelApi minimum must be exactly what the code needs: lower and Excel would load an
// add-in whose calls then fail; higher and users of Excel versions that could run it are turned away.
import * as fs from "node:fs";
import * as path from "node:path";
import { CALL_TABLE, ROOT, maxSet, sourceFiles, tableHits, typedApiUses } from "./apisets";
import { child, childrenNamed, parseXml } from "./xml";

const manifest = parseXml(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"));

function manifestSets(): Map<string, string> {
  const sets = child(child(manifest, "Requirements")!, "Sets")!;
  const fallback = sets.attrs.DefaultMinVersion ?? "1.1";
  return new Map(childrenNamed(sets, "Set").map((s) => [s.attrs.Name, s.attrs.MinVersion ?? fallback]));
}

const OFFICE_FILES = sourceFiles("src/office");
// Everything that runs in the add-in and may talk to Excel; the test host only imitates it.
const ADDIN_FILES = [...OFFICE_FILES, ...sourceFiles("src/commands"), ...sourceFiles("src/taskpane")];

describe("requirement set in manifest.xml", () => {
  test("the manifest asks for ExcelApi only, once", () => {
    const sets = manifestSets();
    expect([...sets.keys()]).toEqual(["ExcelApi"]);
    expect(sets.get("ExcelApi")).toMatch(/^1\.\d+$/);
  });

  test("the adapter exists to be checked", () => {
    expect(OFFICE_FILES.length).toBeGreaterThan(0);
  });

  test("ExcelApi MinVersion equals the highest set among the calls in CALL_TABLE found in src/office", () => {
    const hits = tableHits(OFFICE_FILES);
    const needed = maxSet(hits.map((h) => h.entry.set));
    const declared = manifestSets().get("ExcelApi");
    const at = hits
      .filter((h) => h.entry.set === needed)
      .map((h) => `${h.entry.call} (${h.file}:${h.line})`)
      .join(", ");
    expect({ declared, needed, because: at }).toEqual({ declared: needed, needed, because: at });
  });

  describe("checked against the typings", () => {
    let uses: ReturnType<typeof typedApiUses>;
    beforeAll(() => {
      uses = typedApiUses(ADDIN_FILES);
    }, 120_000);

    test("the add-in code uses Excel members from numbered ExcelApi sets only (no Online, Desktop or Preview sets)", () => {
      const other = uses
        .filter((u) => u.setName.startsWith("Excel") && u.setName !== "ExcelApi")
        .map((u) => `${u.member} — ${u.setName} ${u.version} (${u.file}:${u.line})`);
      expect(other).toEqual([]);
    });

    test("ExcelApi MinVersion equals the highest set of every Excel member the code touches", () => {
      const excel = uses.filter((u) => u.setName === "ExcelApi");
      expect(excel.length).toBeGreaterThan(0);
      const needed = maxSet(excel.map((u) => u.version));
      const declared = manifestSets().get("ExcelApi");
      const at = [...new Set(excel.filter((u) => u.version === needed).map((u) => `${u.member} (${u.how}, ${u.file}:${u.line})`))]
        .slice(0, 8)
        .join(", ");
      expect({ declared, needed, because: at }).toEqual({ declared: needed, needed, because: at });
    });

    test("each CALL_TABLE entry found in the code has the set the typings give it", () => {
      const disagreements: string[] = [];
      for (const hit of tableHits(OFFICE_FILES)) {
        const there = uses.filter((u) => u.file === hit.file && u.line === hit.line && u.setName === "ExcelApi");
        if (there.length === 0) continue; // e.g. an object not typed as Excel.*: nothing to compare
        const same = there.filter((u) => hit.entry.members.some((n) => u.member.endsWith(`.${n}`)));
        if (same.length > 0 && !same.some((u) => u.version === hit.entry.set)) {
          disagreements.push(`${hit.entry.call}: table ${hit.entry.set}, typings ${same.map((u) => u.version).join("/")} (${hit.file}:${hit.line})`);
        }
      }
      expect(disagreements).toEqual([]);
    });
  });

  test("CALL_TABLE has no duplicate calls", () => {
    const calls = CALL_TABLE.map((e) => e.call);
    expect(new Set(calls).size).toBe(calls.length);
  });
});
