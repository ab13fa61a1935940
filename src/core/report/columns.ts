// The coverage table's columns, in one place: a region that wants another order edits this list only.
import type { CoverageCounts, OrgCoverage } from "../coverage/coverage";
import { shortOrgName } from "../read/orgname";
import type { NumberFormat, ReportValue } from "./model";

export interface CoverageColumn {
  readonly key: string;
  readonly header: string;
  readonly width: number;
  readonly format?: NumberFormat;
  readonly wrap?: boolean;
  /** The cell for an organization (`org` set) or for the total row (`org` null). */
  readonly value: (c: CoverageCounts, org: OrgCoverage | null) => ReportValue;
}

const pct = (x: number | null) => (x === null ? null : x / 100);

/** Per-form columns are inserted before the last two (excluded rows, status). */
export const COVERAGE_COLUMNS: readonly CoverageColumn[] = [
  { key: "code", header: "Код", width: 9, value: (_c, o) => (o ? o.code : "") },
  { key: "name", header: "Организация", width: 42, wrap: true, value: (_c, o) => (o ? shortOrgName(o.name) : "ИТОГО по муниципалитету") },
  { key: "target", header: "План, чел.", width: 9, format: "0", value: (c) => c.target },
  { key: "covered", header: "Охвачено, чел.", width: 10, format: "0", value: (c) => c.covered },
  { key: "percentOfTarget", header: "% плана", width: 10, format: "0.0%", value: (c) => pct(c.percentOfTarget) },
  { key: "contingent", header: "Контингент", width: 11, format: "0", value: (c) => c.contingent },
  { key: "share", header: "Доля контингента", width: 11, format: "0.0%", value: (c) => pct(c.share) },
  { key: "mentors", header: "Наставников", width: 11, format: "0", value: (c) => c.mentors },
  { key: "pairs", header: "Пар/групп", width: 9, format: "0", value: (c) => c.pairs },
  { key: "excludedRows", header: "Исключено строк", width: 10, format: "0", value: (c) => c.excludedRows },
  { key: "status", header: "Статус", width: 11, value: (c) => c.status },
];
