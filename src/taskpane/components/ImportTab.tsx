import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { ImportOutcome, MonitorService, SchoolFile } from "../../office/service";
import type { Dictionary } from "../i18n";
import { Status } from "./Status";
import { useAction } from "./useAction";

/** «Импорт файлов школ»: pick files, see what each would bring, confirm. Files never leave the pane. */
export function ImportTab({ service, t }: { service: MonitorService; t: Dictionary }) {
  const { busy, outcome, run } = useAction();
  const [files, setFiles] = useState<SchoolFile[]>([]);
  const [preview, setPreview] = useState<ImportOutcome | null>(null);
  const pick = async (list: FileList | null) => {
    const picked = await Promise.all([...(list ?? [])].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    setFiles(picked);
    setPreview(null);
  };
  const added = preview?.summaries.reduce((s, f) => s + f.added, 0) ?? 0;
  return (
    <section aria-label={t.tabImport}>
      <Text block size={200}>{t.importHint}</Text>
      <label style={{ display: "block", margin: "8px 0" }}>
        <Text size={200} weight="semibold">{t.pickFiles}</Text>
        <input type="file" accept=".xlsx" multiple aria-label={t.pickFiles} onChange={(e) => void pick(e.target.files)} style={{ display: "block", marginTop: 4, maxWidth: "100%" }} />
      </label>
      <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
        <Button disabled={busy || files.length === 0} onClick={() => run(() => service.importSchools(files, false)).then((r) => r && setPreview(r))}>
          {t.importPreview}
        </Button>
        <Button
          appearance="primary"
          disabled={busy || !preview || preview.applied || added === 0}
          onClick={() => run(() => service.importSchools(files, true), () => t.importDone(added)).then((r) => r && setPreview(r))}
        >
          {t.importConfirm}
        </Button>
      </div>
      {preview && (
        <ul style={{ paddingLeft: 16, margin: "8px 0" }}>
          {preview.summaries.map((f, i) => (
            <li key={`${i}-${f.file}`}>
              <Text size={200} weight="semibold">{f.file}</Text>: <Text size={200}>{f.refused ?? t.fileSummary(f.read, f.added, f.replaced, f.excluded.length)}</Text>
              {!f.refused && f.relation && <Text block size={100}>{f.relation}</Text>}
              {f.excluded.length > 0 && (
                <ul style={{ paddingLeft: 14 }}>
                  {f.excluded.map((e) => (
                    <li key={`${e.sheet}-${e.row}`}>
                      <Text size={100}>«{e.sheet}», стр. {e.row}: {e.reason}</Text>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
          {preview.failed.map((f) => (
            <li key={f.file}>
              <Text size={200} weight="semibold">{f.file}</Text>: <Text size={200}>{t.notRead} — {f.message}</Text>
            </li>
          ))}
        </ul>
      )}
      {preview && preview.unknownOrganizations.length > 0 && <Text block size={200}>{t.unknownOrgs(preview.unknownOrganizations.join(", "))}</Text>}
      {preview?.notes.map((n) => (
        <Text block size={100} key={n}>{n}</Text>
      ))}
      {preview?.duplicates.map((d) => (
        <Text block size={100} key={`${d.person}-${d.sources[1]}`}>⚠ {t.duplicate(d.person, d.sources[0], d.sources[1])}</Text>
      ))}
      <Status busy={busy} outcome={outcome} t={t} />
    </section>
  );
}
