// School workbooks as schools send them to the district, built from the seed organizations: the test
// set of consolidation (and what a curator can try it on).
import ExcelJS from "exceljs";
import { templateModel } from "../../src/core/template/template";
import { writeTemplate } from "../../src/xlsx/template";
import { ORGANIZATIONS } from "./boksitogorsk";
import { type RosterRow, makeName, rng } from "./roster";
import { writeLists, writeOrganizations, writeRoadmap, writeRoster, writeSettings, writeTargets } from "./workbook";

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

export function schoolRoster(code: string, size: number, seed: number): RosterRow[] {
  const r = rng(seed);
  const used = new Set<string>();
  const rows: RosterRow[] = [];
  for (let g = 0; g * 4 < size; g++) {
    const pair = `${code}-${String(g + 1).padStart(2, "0")}`;
    const start = utc(2021, 2 + (g % 3), 1 + g);
    rows.push({ fio: makeName(r, used), birthDate: utc(1975 + g, 3, 10), orgCode: code, role: "Наставник", category: "Педагог", form: "Учитель – ученик", pair, start, end: null, consent: "Да" });
    for (let k = 0; k < 4 && g * 4 + k < size; k++) {
      rows.push({ fio: makeName(r, used), birthDate: utc(2008 + (k % 3), 1 + k, 5 + g), orgCode: code, role: "Наставляемый", category: "Обучающийся", form: "Учитель – ученик", pair, start, end: null, consent: "Да" });
    }
  }
  return rows;
}

/** A school's copy of the template with its roster typed in (template column order, from row 2). */
export function templateSchool(rows: RosterRow[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  writeTemplate(wb, templateModel(2021));
  const ws = wb.getWorksheet("Участники")!;
  rows.forEach((p, i) => {
    const line = ws.getRow(i + 2);
    [p.fio, p.birthDate, p.orgCode, p.role, p.category, p.form, p.pair, p.start, p.end, p.consent].forEach((v, j) => {
      line.getCell(j + 1).value = v as ExcelJS.CellValue;
    });
  });
  return wb;
}

/** A school's own sheet: a title row, shuffled columns, an extra column (the example's layout). */
export function ownLayoutSchool(rows: RosterRow[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  writeRoster(wb, rows, "Наставничество 2021");
  return wb;
}

/** The district workbook before consolidation: its organizations, plans, roadmap; no roster yet. */
export function districtBase(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  writeOrganizations(wb, ORGANIZATIONS);
  writeTargets(wb, ORGANIZATIONS);
  writeRoster(wb, []);
  writeRoadmap(wb);
  writeLists(wb);
  writeSettings(wb, "2021-Q2", utc(2021, 6, 30));
  return wb;
}

/** The four school files of the test set, by file name. */
export function schoolSet() {
  const clean = schoolRoster("БДЮСШ", 12, 1);
  const own = schoolRoster("БЦДО", 8, 2);
  const withMistakes: RosterRow[] = [
    ...schoolRoster("ДЮСШП", 8, 3),
    { ...schoolRoster("ДЮСШП", 1, 4)[0], orgCode: "ДЮСШ-П" }, // a code the district does not know
    { ...schoolRoster("ДЮСШП", 1, 5)[0], orgCode: null }, // no code at all
    { ...schoolRoster("ДЮСШП", 1, 6)[0], start: "31.02.2021" }, // imported; the district's check flags it
    { ...clean[1], orgCode: "ДЮСШП" }, // the same child also reported by БДЮСШ
  ];
  const corrected = withMistakes.filter((r) => r.orgCode === "ДЮСШП" && r.start !== "31.02.2021");
  return {
    "bdyussh.xlsx": templateSchool(clean),
    "bcdo.xlsx": ownLayoutSchool(own),
    "dyusshp.xlsx": templateSchool(withMistakes),
    /** The same school re-sending its file with the mistakes fixed (same file name). */
    corrected: templateSchool(corrected),
    rows: { clean, own, withMistakes, corrected },
  };
}
