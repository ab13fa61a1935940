import { Button, Text } from "@fluentui/react-components";
import { ruOf } from "../../core/model/dates";
import { parseIsoDay } from "../../core/model/dates";
import type { MonitorService } from "../../pane/service";
import type { Dictionary } from "../i18n";
import { useState } from "react";
import { StaleMark } from "./CheckTab";
import { OutcomeBar, PeriodPicker } from "./ui";
import { useAction } from "./useAction";

export function ReportTab({ service, t, period, onPeriod, asOf, years, changeSeq = 0 }: { service: MonitorService; t: Dictionary; period: string; onPeriod: (p: string) => void; asOf: string; years: number[]; changeSeq?: number }) {
  const act = useAction();
  // The data's change number when the Свод was made (null: not made in this session).
  const [madeSeq, setMadeSeq] = useState<number | null>(null);
  const day = parseIsoDay(asOf);
  return (
    <div>
      <PeriodPicker period={period} onChange={onPeriod} t={t} years={years} idPrefix="report" />
      <Text block size={200} style={{ margin: "6px 0" }}>
        {t.asOf}: {day === null ? asOf : ruOf(day)}
      </Text>
      <Text block size={200} style={{ margin: "6px 0" }}>{t.reportHint}</Text>
      <Button appearance="primary" disabledFocusable={act.busy} onClick={() => void act.run((onProgress) => service.generateReport(period, asOf, { onProgress }), (r) => {
        setMadeSeq(changeSeq);
        return t.reportDone(r.sheet);
      })}>
        {t.generate}
      </Button>
      <OutcomeBar state={act} t={t} />
      {madeSeq !== null && changeSeq > madeSeq && <StaleMark text={t.staleResult} t={t} />}
    </div>
  );
}
