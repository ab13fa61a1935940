import { Button, Field, Select, Text } from "@fluentui/react-components";
import { useState } from "react";
import { parsePeriod, quarterName } from "../../core/period";
import type { MonitorService } from "../../office/service";
import type { Dictionary } from "../i18n";
import { Status } from "./Status";
import { useAction } from "./useAction";

/** The quarters of the plan year and the year before: what a curator reports on. */
function periods(year: number): string[] {
  return [year, year - 1].flatMap((y) => [4, 3, 2, 1].map((q) => `${y}-Q${q}`));
}

export function ReportTab({ service, t, period, asOf, year }: { service: MonitorService; t: Dictionary; period: string; asOf: string; year: number }) {
  const { busy, outcome, run } = useAction();
  const [chosen, setChosen] = useState(period);
  return (
    <section aria-label={t.tabReport}>
      <Field label={t.period}>
        <Select value={chosen} onChange={(_, d) => setChosen(d.value)}>
          {[...new Set([period, ...periods(year)])].map((p) => (
            <option key={p} value={p}>
              {quarterName(parsePeriod(p)!)} ({p})
            </option>
          ))}
        </Select>
      </Field>
      <Text block size={200} style={{ margin: "6px 0" }}>{t.reportHint}</Text>
      <Button appearance="primary" disabled={busy} onClick={() => run(() => service.generateReport(chosen, asOf), (r) => t.reportDone(r.sheet))}>
        {t.generate}
      </Button>
      <Status busy={busy} outcome={outcome} t={t} />
    </section>
  );
}
