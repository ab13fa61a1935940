import { Button, Field, Input, Link, Text } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { parseIsoDay, ruOf } from "../../core/model/dates";
import { parsePeriod, periodEnd as lastDay } from "../../core/model/period";
import type { MonitorService, PaneSettings } from "../../pane/service";
import type { Dictionary } from "../i18n";
import { OutcomeBar, PeriodPicker } from "./ui";
import { useAction } from "./useAction";

export interface TemplateTabProps {
  readonly service: MonitorService;
  readonly t: Dictionary;
  /** The settings the pane works with (from the workbook, as the user changed them). */
  readonly draft: PaneSettings | null;
  readonly onDraft: (patch: Partial<PaneSettings>) => void;
  /** Required sheets the workbook lacks: then the template is the one thing to do. */
  readonly missing: readonly string[];
  readonly onTemplate: () => void;
  readonly years: number[];
  /** The as-of date the period implies: its last day, not after today. */
  readonly periodEnd: (period: string) => string;
  /** The compatibility self-test (wired in by the lead), shown under «Совместимость». */
  readonly selfTest?: ReactNode;
  /** Whether the template can be inserted into the open book (not on the standalone page: it offers the empty one). */
  readonly canInsert?: boolean;
}

export function TemplateTab({ service, t, draft, onDraft, missing, onTemplate, years, periodEnd, selfTest, canInsert = true }: TemplateTabProps) {
  const act = useAction();
  const firstRun = missing.length > 0;
  // The default as-of date: the period's last day, or today while the period is not over yet.
  const asOfHint = (period: string) => {
    const p = parsePeriod(period);
    const shown = parseIsoDay(periodEnd(period)) ?? 0;
    return p && lastDay(p) > shown ? t.asOfToday(ruOf(shown)) : t.asOfDefault(ruOf(shown));
  };
  const num = (v: string) => (v.trim() === "" || !Number.isFinite(Number(v)) ? null : Number(v));
  return (
    <div>
      <Text block size={200}>{firstRun ? t.templateIntro : t.templateHint}</Text>
      {canInsert && <Button
        appearance={firstRun ? "primary" : "secondary"}
        disabledFocusable={act.busy}
        style={{ marginTop: 8 }}
        onClick={() =>
          void act.run(
            // The new «Настройки» sheet gets what the pane shows: inserting changes no setting.
            () => service.insertTemplate(draft?.planYear ?? years[0], draft ?? undefined),
            (r) => {
              onTemplate();
              return t.templateDone(r.created, r.repaired);
            },
          )
        }
      >
        {firstRun ? t.insertTemplate : t.repairTemplate}
      </Button>}
      <OutcomeBar state={act} t={t} />
      <h2 style={{ fontSize: 16, margin: "12px 0 4px" }}>{t.settings}</h2>
      {draft && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(() => service.saveSettings(draft), () => t.saved);
          }}
          style={{ display: "grid", gap: 6 }}
        >
          <Field label={t.municipality} size="small">
            <Input size="small" value={draft.municipality} onChange={(_, d) => onDraft({ municipality: d.value })} />
          </Field>
          <Field label={t.planYear} size="small">
            <Input size="small" type="number" value={String(draft.planYear)} onChange={(_, d) => num(d.value) !== null && onDraft({ planYear: num(d.value)! })} />
          </Field>
          <PeriodPicker period={draft.period} onChange={(p) => onDraft({ period: p })} t={t} years={years} idPrefix="settings" />
          <Field label={t.asOf} size="small" hint={draft.asOfSet ? undefined : asOfHint(draft.period)}>
            <Input size="small" type="date" value={draft.asOf} onChange={(_, d) => d.value && onDraft({ asOf: d.value, asOfSet: true })} />
          </Field>
          {draft.asOfSet && (
            <Link as="button" type="button" onClick={() => onDraft({ asOf: periodEnd(draft.period), asOfSet: false })} style={{ justifySelf: "start", fontSize: 12 }}>
              {t.asOfFollow}
            </Link>
          )}
          <Field label={t.dueSoonDays} size="small">
            <Input size="small" type="number" value={String(draft.dueSoonDays)} onChange={(_, d) => num(d.value) !== null && onDraft({ dueSoonDays: num(d.value)! })} />
          </Field>
          <Field label={t.minAge} size="small">
            <Input size="small" type="number" value={String(draft.minMenteeAge)} onChange={(_, d) => num(d.value) !== null && onDraft({ minMenteeAge: num(d.value)! })} />
          </Field>
          <Button type="submit" disabledFocusable={act.busy} style={{ justifySelf: "start" }}>{t.saveSettings}</Button>
        </form>
      )}
      {selfTest && (
        <section aria-labelledby="mm-compat" style={{ marginTop: 12 }}>
          <h2 id="mm-compat" style={{ fontSize: 16, margin: "0 0 4px" }}>{t.compatibility}</h2>
          {selfTest}
        </section>
      )}
    </div>
  );
}
