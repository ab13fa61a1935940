import { basename } from "node:path";
import { type CoverageResult, computeCoverage, exclusionNotes, rowsSummary } from "../../core/coverage/coverage";
import { type Period, periodCode, periodTitle } from "../../core/model/period";
import { openWorkbookFile, requireRoster } from "../../xlsx/open";
import { shortOrgName } from "../../core/read/orgname";
import { fmtNumber, fmtPercent, table } from "../format";
import { columnsText, indicatorsText, sections } from "../layouts";
import type { CommandResult } from "../types";

export function coverageJson(c: CoverageResult) {
  return {
    period: periodCode(c.period),
    organizations: c.organizations.map((o) => ({
      code: o.code,
      name: o.name,
      target: o.target,
      covered: o.covered,
      percentOfTarget: o.percentOfTarget,
      contingent: o.contingent,
      share: o.share,
      mentors: o.mentors,
      pairs: o.pairs,
      excludedRows: o.excludedRows,
      status: o.status,
    })),
    total: { target: c.total.target, covered: c.total.covered, percentOfTarget: c.total.percentOfTarget },
    indicators: c.indicators.map((i) => ({
      code: i.code,
      text: i.text,
      base: i.base,
      year: i.year,
      unit: i.unit,
      plan: i.plan,
      fact: i.fact,
      status: i.status,
    })),
    rows: { total: c.rows.total, counted: c.rows.counted, outsidePeriod: c.rows.outsidePeriod, excluded: c.rows.excluded, blank: c.rows.blank },
  };
}

export function coverageText(c: CoverageResult): string {
  const row = (code: string, name: string, x: CoverageResult["total"]) => [
    code,
    name,
    fmtNumber(x.target),
    String(x.covered),
    fmtPercent(x.percentOfTarget),
    fmtNumber(x.contingent),
    fmtPercent(x.share),
    String(x.mentors),
    String(x.pairs),
    String(x.excludedRows),
    x.status,
  ];
  // Organizations taken from a plan keyed by name have their short name for a code: shown once, in full.
  const named = c.organizations.length > 0 && c.organizations.every((o) => o.code === shortOrgName(o.name));
  const rows = [...c.organizations.map((o) => row(o.code, named ? "" : shortOrgName(o.name), o)), named ? row("ИТОГО", "", c.total) : row("", "ИТОГО", c.total)];
  const t = table(
    [named ? "Организация (код — краткое название)" : "Код", named ? "" : "Организация", "План", "Охвачено", "% плана", "Контингент", "Доля", "Наставников", "Пар/групп", "Искл. строк", "Статус"],
    rows,
    { align: ["l", "l", "r", "r", "r", "r", "r", "r", "r", "r", "l"], max: [named ? 70 : 10, 56] },
  );
  const notes = [rowsSummary(c.rows), ...exclusionNotes(c)];
  return sections(`Охват наставничеством: ${periodTitle(c.period)}, нарастающим итогом с начала года`, t, notes.join("\n"), indicatorsText(c));
}

export async function coverageCommand(file: string, period: Period, json: boolean): Promise<CommandResult> {
  const { analysis } = await openWorkbookFile(file);
  requireRoster(analysis, basename(file));
  const c = computeCoverage(analysis, period);
  return { stdout: json ? JSON.stringify(coverageJson(c), null, 2) : sections(coverageText(c), columnsText(analysis)), exitCode: 0 };
}
