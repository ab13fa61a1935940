import { Button, Field, ProgressBar, Text } from "@fluentui/react-components";
import { useState } from "react";
import { type CoverageCounts, type CoverageResult, type RowAccounting, exclusionNotes } from "../../core/coverage";
import { fmtPercent } from "../../core/format";
import { shortOrgName } from "../../core/orgname";
import { periodTitle } from "../../core/period";
import type { MonitorService } from "../../office/service";
import type { Dictionary } from "../i18n";
import { Status } from "./Status";
import { useAction } from "./useAction";

const COLOR = { выполнен: "success", "в графике": "warning", отстаёт: "error" } as const;

function Row({ title, c, t }: { title: string; c: CoverageCounts; t: Dictionary }) {
  const pct = c.percentOfTarget;
  return (
    <div style={{ padding: "6px 0", borderBottom: "1px solid #e1e1e1" }}>
      <Text weight="semibold" size={200} block>{title}</Text>
      <Field
        validationState="none"
        hint={`${t.plan}: ${c.target ?? "—"} · ${t.covered}: ${c.covered} · ${t.ofPlan}: ${fmtPercent(pct)} · ${t.status[c.status] ?? c.status}`}
      >
        <ProgressBar
          value={pct === null ? 0 : Math.min(1, pct / 100)}
          color={COLOR[c.status as keyof typeof COLOR] ?? "brand"}
          aria-label={`${title}: ${fmtPercent(pct)}`}
        />
      </Field>
      {c.excludedRows > 0 && <Text size={100}>{t.excludedRows(c.excludedRows)}</Text>}
    </div>
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
      <Text size={200} block>{parts.map(([label, n]) => `${label}: ${n}`).join(" · ")}</Text>
      {notes.map((n) => (
        <Text key={n} size={100} block>{n}</Text>
      ))}
    </div>
  );
}

export function CoverageTab({ service, t, period }: { service: MonitorService; t: Dictionary; period: string }) {
  const { busy, outcome, run } = useAction();
  const [result, setResult] = useState<CoverageResult | null>(null);
  return (
    <section aria-label={t.tabCoverage}>
      <Button
        appearance="primary"
        disabled={busy}
        onClick={() =>
          run(async () => {
            const r = await service.coverage(period);
            if ("problem" in r) throw new Error(r.problem);
            setResult(r);
          })
        }
      >
        {t.showCoverage} ({period})
      </Button>
      {result && (
        <div style={{ marginTop: 8 }}>
          <Text size={200} block>{periodTitle(result.period)}</Text>
          <Row title={t.total} c={result.total} t={t} />
          {result.organizations.map((o) => (
            <Row key={o.code} title={o.name ? `${o.code} — ${shortOrgName(o.name)}` : o.code} c={o} t={t} />
          ))}
          <RowsSummary r={result.rows} notes={exclusionNotes(result)} t={t} />
        </div>
      )}
      <Status busy={busy} outcome={outcome} t={t} />
    </section>
  );
}
