// Writes the benchmark workbooks: the example's own writers (title above the roster, shuffled columns,
// an empty row inside, tables on the other sheets) fed with the synthetic district and roster.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { writeLists, writeOrganizations, writeRoadmap, writeRoster, writeSettings, writeTargets } from "../example/workbook";
import { makeDistrict } from "./district";
import { makeBenchRoster } from "./roster";

/** Bump when the generator changes, so cached files are not reused. */
const GENERATOR_VERSION = 2;

export const BENCH_PERIOD = "2021-Q2";

export function buildBenchWorkbook(rows: number): ExcelJS.Workbook {
  const orgs = makeDistrict(rows);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Mentorship Monitor (benchmark)";
  writeOrganizations(wb, orgs);
  writeTargets(wb, orgs, orgs.reduce((s, o) => s + o.plan, 0));
  writeRoster(wb, makeBenchRoster(orgs, rows));
  writeRoadmap(wb);
  writeLists(wb);
  writeSettings(wb, BENCH_PERIOD, new Date(Date.UTC(2021, 5, 30)), "Условный муниципальный район (бенчмарк)");
  return wb;
}

/** The workbook of `rows` roster rows in `dir`, written once and reused while the generator is unchanged. */
export async function benchFile(dir: string, rows: number): Promise<{ path: string; bytes: number; generatedMs: number | null }> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `bench-v${GENERATOR_VERSION}-${rows}.xlsx`);
  if (existsSync(path)) return { path, bytes: statSync(path).size, generatedMs: null };
  const t0 = performance.now();
  await buildBenchWorkbook(rows).xlsx.writeFile(path);
  return { path, bytes: statSync(path).size, generatedMs: performance.now() - t0 };
}
