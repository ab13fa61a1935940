import { Button, Field, Select, Text } from "@fluentui/react-components";
import { startTransition, useMemo, useState } from "react";
import { type CoverageCounts, type CoverageResult, type OrgCoverage, type RowAccounting, exclusionNotes } from "../../core/coverage/coverage";
import { fmtNumber } from "../../core/model/format";
import { shortOrgName } from "../../core/read/orgname";
import { parsePeriod, periodTitle, yearShareElapsed } from "../../core/model/period";
import type { MonitorService } from "../../pane/service";
import type { Dictionary } from "../i18n";
import { STATUS_STYLE, type StatusName } from "../palette";
import { StaleMark } from "./CheckTab";
import { OutcomeBar, PeriodPicker, StatusBadge } from "./ui";
import { useAction } from "./useAction";

type Sort = "lag" | "code" | "percent";

const styleOf = (status: string) => STATUS_STYLE[(status in STATUS_STYLE ? status : "нет плана") as StatusName];

/** Percentage points ahead (+) or behind (−) of where the plan should be by the period's end. */
export function lagOf(c: CoverageCounts, expectedPct: number): number | null {
  return c.percentOfTarget === null ? null : c.percentOfTarget - expectedPct;
}

/** A bar of covered against the plan, with a mark where the plan should be by the period's end. */
function PlanBar({ c, expectedPct, label, t }: { c: CoverageCounts; expectedPct: number; label: string; t: Dictionary }) {
  const pct = c.percentOfTarget;
  const s = styleOf(c.status);
  return (
    <div role="img" aria-label={`${label}: ${t.ofPlan(pct)}, ${t.expected(expectedPct)}`} style={{ position: "relative", height: 12, margin: "4px 0 2px", background: "#f5f5f5", border: "1px solid #8a8a8a", borderRadius: 2 }}>
      <div style={{ position: "absolute", inset: 0, width: `${Math.min(100, Math.max(0, pct ?? 0))}%`, background: s.bar, borderRight: pct !== null && pct > 0 && pct < 100 ? `1px solid ${s.border}` : undefined }} />
      <div data-plan-mark style={{ position: "absolute", top: -3, bottom: -3, left: `calc(${expectedPct}% - 1px)`, width: 2, background: "#000" }} />
    </div>
  );
}

function Row({ title, c, expectedPct, t }: { title: string; c: CoverageCounts; expectedPct: number; t: Dictionary }) {
  return (
    <div style={{ padding: "6px 0", borderBottom: "1px solid #e0e0e0" }} data-coverage-row>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "flex-start", gap: 6 }}>
        <Text weight="semibold" size={200} style={{ minWidth: 0 }}>{title}</Text>
        <StatusBadge status={c.status} t={t} />
      </div>
      <PlanBar c={c} expectedPct={expectedPct} label={title} t={t} />
      <Text size={200} block>
        {t.covered}: {t.coveredOf(c.covered, c.target)} · {t.ofPlan(c.percentOfTarget)}
      </Text>
      {c.excludedRows > 0 && <Text size={100} block>{t.excludedRows(c.excludedRows)}</Text>}
    </div>
  );
}

const SHAPES: Record<StatusName, (x: number, y: number, fill: string, stroke: string) => JSX.Element> = {
  выполнен: (x, y, f, s) => <circle cx={x} cy={y} r={4} fill={f} stroke={s} />,
  "в графике": (x, y, f, s) => <rect x={x - 3.5} y={y - 3.5} width={7} height={7} fill={f} stroke={s} />,
  отстаёт: (x, y, f, s) => <path d={`M${x} ${y - 4.5}L${x + 4.5} ${y + 3.5}H${x - 4.5}Z`} fill={f} stroke={s} />,
  "нет плана": (x, y, _f, s) => <circle cx={x} cy={y} r={3.5} fill="#fff" stroke={s} />,
};

/** Plan against covered, one mark per organization: on the solid line the plan is met, on the dashed line it is on schedule. */
function CoverageChart({ orgs, share, t }: { orgs: readonly OrgCoverage[]; share: number; t: Dictionary }) {
  const W = 300;
  const H = 170;
  const L = 36;
  const B = 22;
  const max = Math.max(1, ...orgs.map((o) => Math.max(o.target ?? 0, o.covered))) * 1.05;
  const x = (v: number) => L + ((W - L - 6) * v) / max;
  const y = (v: number) => H - B - ((H - B - 6) * v) / max;
  const behind = orgs.filter((o) => o.status === "отстаёт").length;
  return (
    <figure style={{ margin: "8px 0" }}>
      <svg role="img" aria-label={`${t.chartTitle}. ${t.chartSummary(behind, orgs.length)}`} viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W, display: "block" }}>
        <line x1={L} y1={H - B} x2={W - 4} y2={H - B} stroke="#616161" />
        <line x1={L} y1={H - B} x2={L} y2={4} stroke="#616161" />
        <line x1={x(0)} y1={y(0)} x2={x(max)} y2={y(max)} stroke="#424242" strokeWidth={1} />
        <line x1={x(0)} y1={y(0)} x2={x(max)} y2={y(max * share)} stroke="#424242" strokeDasharray="4 3" />
        <text x={L - 4} y={y(max / 1.05) + 4} fontSize={10} textAnchor="end" fill="#424242">{fmtNumber(Math.round(max / 1.05))}</text>
        <text x={L - 4} y={H - B + 4} fontSize={10} textAnchor="end" fill="#424242">0</text>
        <text x={x(max / 1.05)} y={H - 6} fontSize={10} textAnchor="end" fill="#424242">{t.plan}: {fmtNumber(Math.round(max / 1.05))}</text>
        <text x={L + 2} y={12} fontSize={10} fill="#424242">{t.covered}</text>
        {orgs.map((o) => {
          const st = (o.status in SHAPES ? o.status : "нет плана") as StatusName;
          const s = STATUS_STYLE[st];
          return (
            <g key={o.code}>
              <title>{`${o.code}: ${t.coveredOf(o.covered, o.target)}, ${t.status[o.status] ?? o.status}`}</title>
              {SHAPES[st](x(o.target ?? 0), y(o.covered), s.fill, st === "в графике" ? s.border : "#000")}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <Text size={100} block>{t.chartLegend}</Text>
      </figcaption>
    </figure>
  );
}

/** Where every roster row went: counted + outside the period + excluded + blank = the rows. */
export function RowsSummary({ r, notes, t }: { r: RowAccounting; notes: readonly string[]; t: Dictionary }) {
  const parts: [string, number][] = [
    [t.rowsCounted, r.counted],
    [t.rowsOutside, r.outsidePeriod],
    [t.rowsExcluded, r.excluded],
    [t.rowsBlank, r.blank],
  ];
  return (
    <div style={{ marginTop: 8 }} aria-label={t.rowsTitle(r.total)} role="group">
      <Text size={200} weight="semibold" block>{t.rowsTitle(r.total)}</Text>
      <Text size={200} block>{parts.map(([label, k]) => `${label}: ${fmtNumber(k)}`).join(" · ")}</Text>
      {notes.map((k) => (
        <Text key={k} size={100} block>{k}</Text>
      ))}
    </div>
  );
}

export function CoverageTab({ service, t, period, onPeriod, years, changeSeq = 0 }: { service: MonitorService; t: Dictionary; period: string; onPeriod: (p: string) => void; years: number[]; changeSeq?: number }) {
  const act = useAction();
  const [result, setResult] = useState<CoverageResult | null>(null);
  // The data's change number when the result was computed: a later change makes it «устарело».
  const [resultSeq, setResultSeq] = useState(0);
  const [sort, setSort] = useState<Sort>("lag");
  const share = result ? yearShareElapsed(result.period) : yearShareElapsed(parsePeriod(period) ?? { year: 2000, quarter: 4 });
  const expectedPct = share * 100;
  const orgs = useMemo(() => {
    if (!result) return [];
    const list = [...result.organizations];
    const lag = (o: OrgCoverage) => lagOf(o, expectedPct) ?? Infinity;
    if (sort === "lag") list.sort((a, b) => lag(a) - lag(b) || a.code.localeCompare(b.code, "ru", { numeric: true }));
    else if (sort === "percent") list.sort((a, b) => (b.percentOfTarget ?? -1) - (a.percentOfTarget ?? -1));
    else list.sort((a, b) => a.code.localeCompare(b.code, "ru", { numeric: true }));
    return list;
  }, [result, sort, expectedPct]);
  return (
    <div>
      <PeriodPicker period={period} onChange={onPeriod} t={t} years={years} idPrefix="coverage" />
      <Button
        appearance="primary"
        style={{ marginTop: 8 }}
        disabledFocusable={act.busy}
        onClick={() =>
          void act.run(
            async (onProgress) => {
              const r = await service.coverage(period, { onProgress });
              if ("problem" in r) throw new Error(r.problem);
              return r;
            },
            (r) => {
              startTransition(() => setResult(r));
              setResultSeq(changeSeq);
              return t.coverageDone(r.organizations.length);
            },
          )
        }
      >
        {t.showCoverage}
      </Button>
      <OutcomeBar state={act} t={t} />
      {result && changeSeq > resultSeq && <StaleMark text={t.staleResult} t={t} />}
      {result && (
        <div aria-busy={act.busy} style={{ opacity: act.busy ? 0.6 : 1 }}>
          <Text size={200} block weight="semibold">{periodTitle(result.period)}</Text>
          <Text size={200} block>{t.expected(expectedPct)}</Text>
          <Text size={100} block>{t.barLegend}</Text>
          <Row title={t.total} c={result.total} expectedPct={expectedPct} t={t} />
          <CoverageChart orgs={result.organizations} share={share} t={t} />
          <Field label={t.sortBy} size="small" style={{ maxWidth: 220 }}>
            <Select size="small" value={sort} onChange={(_, d) => setSort(d.value as Sort)}>
              <option value="lag">{t.sortLag}</option>
              <option value="percent">{t.sortPercent}</option>
              <option value="code">{t.sortCode}</option>
            </Select>
          </Field>
          {orgs.map((o) => (
            <Row key={o.code} title={o.name ? `${o.code} — ${shortOrgName(o.name)}` : o.code} c={o} expectedPct={expectedPct} t={t} />
          ))}
          <RowsSummary r={result.rows} notes={exclusionNotes(result)} t={t} />
        </div>
      )}
    </div>
  );
}
