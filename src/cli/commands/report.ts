import { basename, resolve } from "node:path";
import { computeCoverage } from "../../core/coverage";
import { type Day, isoOf, stampOf, todayDay, ymdOf } from "../../core/dates";
import { type Period, periodCode } from "../../core/period";
import { buildReport } from "../../core/report/model";
import { layoutReport } from "../../core/report/layout";
import { renderReport } from "../../core/report/renderer";
import { computeRoadmap, roadmapPlanYear } from "../../core/roadmap";
import { openWorkbookFile, requireRoster } from "../../xlsx/open";
import { ExcelJsReportRenderer } from "../../xlsx/report";
import type { CommandResult } from "../types";


export async function reportCommand(file: string, period: Period, asOfArg: Day | null, out: string, json: boolean): Promise<CommandResult> {
  const { analysis, workbook } = await openWorkbookFile(file);
  requireRoster(analysis, basename(file));
  const asOf = asOfArg ?? analysis.settings.asOf ?? todayDay();
  const date1904 = !!(workbook.properties as { date1904?: boolean }).date1904;
  const coverage = computeCoverage(analysis, period);
  const roadmap = analysis.roadmap ? computeRoadmap(analysis, asOf, roadmapPlanYear(analysis.settings, ymdOf(asOf).y), date1904) : null;
  const model = buildReport({ analysis, coverage, roadmap, asOf, madeAt: stampOf(new Date()) });
  const sheet = await renderReport(layoutReport(model), new ExcelJsReportRenderer(workbook));
  await workbook.xlsx.writeFile(out);
  const overdue = roadmap?.counts.overdue ?? 0;
  if (json) {
    const doc = {
      output: resolve(out),
      sheet,
      period: periodCode(period),
      asOf: isoOf(asOf),
      total: { target: coverage.total.target, covered: coverage.total.covered, percentOfTarget: coverage.total.percentOfTarget },
      overdueItems: overdue,
      excludedRows: coverage.total.excludedRows,
    };
    return { stdout: JSON.stringify(doc, null, 2), exitCode: 0 };
  }
  const same = resolve(out) === resolve(file) ? " (исходный файл перезаписан по вашему указанию)" : "";
  return { stdout: `Свод «${sheet}» записан в «${out}»${same}. Просроченных мероприятий: ${overdue}; исключено строк с ошибками: ${coverage.total.excludedRows}.`, exitCode: 0 };
}
