import { Button, Field, Input, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { MonitorService, PaneSettings } from "../../office/service";
import type { Dictionary } from "../i18n";
import { Status } from "./Status";
import { useAction } from "./useAction";

export function TemplateTab({ service, t, settings, onSettings }: { service: MonitorService; t: Dictionary; settings: PaneSettings | null; onSettings: (s: PaneSettings) => void }) {
  const { busy, outcome, run } = useAction();
  const [form, setForm] = useState<PaneSettings | null>(settings);
  useEffect(() => setForm(settings), [settings]);
  const field = (key: keyof PaneSettings, label: string, type: "text" | "number" | "date" = "text") =>
    form && (
      <Field label={label} key={key}>
        <Input
          type={type}
          value={String(form[key])}
          onChange={(_, d) => setForm({ ...form, [key]: type === "number" ? Number(d.value) : d.value })}
        />
      </Field>
    );
  return (
    <section aria-label={t.tabTemplate}>
      <Text block size={200}>{t.templateHint}</Text>
      <Button
        appearance="primary"
        disabled={busy}
        style={{ marginTop: 8 }}
        onClick={() => run(() => service.insertTemplate(form?.planYear ?? new Date().getFullYear()), (r) => t.templateDone(r.created, r.repaired)).then(async () => onSettings(await service.loadSettings()))}
      >
        {t.insertTemplate}
      </Button>
      <h3 style={{ marginBottom: 4 }}>{t.settings}</h3>
      {form && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => service.saveSettings(form), () => t.saved).then(() => onSettings(form));
          }}
          style={{ display: "grid", gap: 6 }}
        >
          {field("municipality", t.municipality)}
          {field("planYear", t.planYear, "number")}
          {field("period", t.period)}
          {field("asOf", t.asOf, "date")}
          {field("dueSoonDays", t.dueSoonDays, "number")}
          {field("minMenteeAge", t.minAge, "number")}
          <Button type="submit" disabled={busy}>{t.saveSettings}</Button>
        </form>
      )}
      <Status busy={busy} outcome={outcome} t={t} />
    </section>
  );
}
