import { Button, Text } from "@fluentui/react-components";
import { ruOf } from "../../core/dates";
import { parseIsoDay } from "../../core/dates";
import type { MonitorService } from "../../office/service";
import type { Dictionary } from "../i18n";
import { OutcomeBar, PeriodPicker } from "./ui";
import { useAction } from "./useAction";

export function ReportTab({ service, t, period, onPeriod, asOf, years }: { service: MonitorService; t: Dictionary; period: string; onPeriod: (p: string) => void; asOf: string; years: number[] }) {
  const act = useAction();
  const day = parseIsoDay(asOf);
  return (
    <div>
      <PeriodPicker period={period} onChange={onPeriod} t={t} years={years} idPrefix="report" />
      <Text block size={200} style={{ margin: "6px 0" }}>
        {t.asOf}: {day === null ? asOf : ruOf(day)}
      </Text>
      <Text block size={200} style={{ margin: "6px 0" }}>{t.reportHint}</Text>
      <Button appearance="primary" disabledFocusable={act.busy} onClick={() => void act.run((onProgress) => service.generateReport(period, asOf, { onProgress }), (r) => t.reportDone(r.sheet))}>
        {t.generate}
      </Button>
      <OutcomeBar state={act} t={t} />
    </div>
  );
}
