import { basename, resolve } from "node:path";
import { computeCoverage, exclusionNotes, rowsSummary } from "../../core/coverage/coverage";
import { type Day, isoOf, stampOf, todayDay, ymdOf } from "../../core/model/dates";
import { type Period, periodCode } from "../../core/model/period";
import { buildReport } from "../../core/report/model";
import { layoutReport } from "../../core/report/layout";
import { renderReport } from "../../core/report/renderer";
import { computeRoadmap } from "../../core/roadmap/roadmap";
import { roadmapPlanYear } from "../../core/read/settings";
import { openWorkbookFile, requireRoster, requireXlsx } from "../../xlsx/open";
import { openPackage } from "../../xlsx/package/open";
import { PackageReportRenderer } from "../../xlsx/report";
import { withOutputLock, writeOutputFile } from "../io";
import type { CommandResult } from "../types";

export async function reportCommand(file: string, period: Period, asOfArg: Day | null, out: string, json: boolean): Promise<CommandResult> {
  // The lock covers reading too: with `-o` naming the input, a second run waits and adds to the first's result.
  return withOutputLock(out, async () => {
    const opened = await openWorkbookFile(file);
    const { analysis, bytes, date1904 } = opened;
    requireRoster(analysis, basename(file));
    requireXlsx(opened, basename(file), "Свод");
    const asOf = asOfArg ?? analysis.settings.asOf ?? todayDay();
    const coverage = computeCoverage(analysis, period);
    const roadmap = analysis.roadmap ? computeRoadmap(analysis, asOf, roadmapPlanYear(analysis.settings, ymdOf(asOf).y), date1904) : null;
    const model = buildReport({ analysis, coverage, roadmap, asOf, madeAt: stampOf(new Date()) });
    const pkg = openPackage(bytes, basename(file));
    const sheet = await renderReport(layoutReport(model), new PackageReportRenderer(pkg));
    await writeOutputFile(out, pkg.toBytes());
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
        rows: coverage.rows,
      };
      return { stdout: JSON.stringify(doc, null, 2), exitCode: 0 };
    }
    const same = resolve(out) === resolve(file) ? " (исходный файл дополнен по вашему указанию: остальные листы не изменены)" : "";
    const lines = [`Свод «${sheet}» записан в «${out}»${same}. Просроченных мероприятий: ${overdue}.`, rowsSummary(coverage.rows), ...exclusionNotes(coverage)];
    return { stdout: lines.join("\n"), exitCode: 0 };
  });
}
