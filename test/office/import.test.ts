// «Импорт файлов школ» in the pane's service, on the test host: school files read locally, the
// consolidation previewed, then written into the open district workbook and checked again.
import { districtBase, schoolSet } from "../../scripts/example/schools";
import { createService } from "../../src/office/service";
import { createHost } from "../../src/testhost";
import { workbookInputOf } from "../../src/xlsx/read";
import { roundTrip } from "../helpers/xlsx";
import { NOW } from "./example";

const set = schoolSet();
const bytes = async (wb: typeof set.corrected) => new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);

async function setup() {
  const host = createHost(workbookInputOf(await roundTrip(districtBase())));
  const service = createService(host.run, () => NOW);
  const files = [
    { name: "bdyussh.xlsx", bytes: await bytes(set["bdyussh.xlsx"]) },
    { name: "bcdo.xlsx", bytes: await bytes(set["bcdo.xlsx"]) },
    { name: "dyusshp.xlsx", bytes: await bytes(set["dyusshp.xlsx"]) },
  ];
  return { host, service, files };
}

/** The district roster's data rows as values (header on row 3 of the example's roster sheet). */
function roster(host: ReturnType<typeof createHost>): (string | number | boolean)[][] {
  const out: (string | number | boolean)[][] = [];
  for (let r = 4; ; r++) {
    const line = "ABCDEFGHIJKL".split("").map((c) => host.sheet("Участники").cell(`${c}${r}`).value);
    if (line.every((v) => v === "")) return out;
    out.push(line);
  }
}

describe("importing school files in the add-in", () => {
  it("previews without writing anything, with the same per-file summary as the command line", async () => {
    const { host, service, files } = await setup();
    const before = roster(host);
    const p = await service.importSchools(files, false);
    expect(p.applied).toBe(false);
    expect(p.summaries.map((f) => [f.file, f.read, f.added, f.excluded.length])).toEqual([
      ["bdyussh.xlsx", set.rows.clean.length, set.rows.clean.length, 0],
      ["bcdo.xlsx", set.rows.own.length, set.rows.own.length, 0],
      ["dyusshp.xlsx", set.rows.withMistakes.length, set.rows.withMistakes.length - 2, 2],
    ]);
    expect(p.unknownOrganizations).toEqual(["ДЮСШ-П"]);
    expect(p.duplicates).toHaveLength(1);
    expect(roster(host)).toEqual(before);
  });

  it("writes the rows with their source, re-checks, and importing again changes nothing", async () => {
    const { host, service, files } = await setup();
    const r = await service.importSchools(files, true);
    const rows = roster(host);
    const total = set.rows.clean.length + set.rows.own.length + set.rows.withMistakes.length - 2;
    expect(rows).toHaveLength(total);
    expect(host.sheet("Участники").cell("L3").value).toBe("Источник"); // after the example's 11 columns
    expect(rows[0][0]).toBe(set.rows.clean[0].fio);
    expect(rows[0][11]).toBe("bdyussh.xlsx, стр. 2");
    expect(r.check!.issues.filter((i) => i.code === "invalid-date")).toHaveLength(1);
    const again = await service.importSchools(files, true);
    expect(again.summaries.map((f) => f.replaced)).toEqual(again.summaries.map((f) => f.added));
    expect(roster(host)).toEqual(rows);
  });

  it("a corrected file re-sent under the same name replaces the school's earlier rows", async () => {
    const { host, service, files } = await setup();
    await service.importSchools(files, true);
    const r = await service.importSchools([{ name: "dyusshp.xlsx", bytes: await bytes(set.corrected) }], true);
    expect(r.summaries[0]).toMatchObject({ added: set.rows.corrected.length, replaced: set.rows.withMistakes.length - 2 });
    const rows = roster(host);
    expect(rows.filter((x) => String(x[11]).startsWith("dyusshp.xlsx"))).toHaveLength(set.rows.corrected.length);
    expect(rows.filter((x) => String(x[11]).startsWith("bdyussh.xlsx"))).toHaveLength(set.rows.clean.length);
    expect(r.check!.issues.filter((i) => i.code === "invalid-date")).toHaveLength(0);
  });

  it("a file that is not a workbook is reported, the others still preview", async () => {
    const { service, files } = await setup();
    const p = await service.importSchools([{ name: "notes.xlsx", bytes: new TextEncoder().encode("ФИО;Роль") }, files[0]], false);
    expect(p.failed).toEqual([{ file: "notes.xlsx", message: "Файл «notes.xlsx» — не книга Excel (.xlsx)" }]);
    expect(p.summaries).toHaveLength(1);
  });
});
