import { Button, Text } from "@fluentui/react-components";
import { useRef, useState } from "react";
import { unmatchedText } from "../../core/consolidate/consolidate";
import type { CheckResult, ImportOutcome, MonitorService, SchoolFile } from "../../pane/service";
import type { Dictionary } from "../i18n";
import { OutcomeBar, WarningIcon } from "./ui";
import { useAction } from "./useAction";

/** «Импорт файлов школ»: pick files, see what each would bring, confirm. Files never leave the pane. */
export function ImportTab({ service, t, onChecked }: { service: MonitorService; t: Dictionary; onChecked: (c: CheckResult) => void }) {
  const act = useAction();
  const [files, setFiles] = useState<SchoolFile[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<ImportOutcome | null>(null);
  const pick = async (list: FileList | null) => {
    const picked = await Promise.all([...(list ?? [])].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    setFiles(picked);
    setPreview(null);
  };
  const added = preview?.summaries.reduce((s, f) => s + f.added, 0) ?? 0;
  return (
    <div>
      <Text block size={200}>{t.importHint}</Text>
      {/* The browser's own file input would speak the browser's language: a button of ours opens it. */}
      <div style={{ display: "flex", gap: 8, flexWrap: "wrap", alignItems: "center", margin: "8px 0" }}>
        <input
          ref={input}
          type="file"
          accept=".xlsx,.xlsm,.xls,.xlsb,.ods,.csv"
          multiple
          aria-label={t.pickFiles}
          onChange={(e) => {
            void pick(e.target.files);
            e.target.value = "";
          }}
          style={{ display: "none" }}
        />
        <Button disabledFocusable={act.busy} onClick={() => input.current?.click()}>{t.pickFiles}…</Button>
        <Text size={200} data-picked>{t.picked(files.map((f) => f.name))}</Text>
      </div>
      <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
        <Button disabledFocusable={act.busy || files.length === 0} onClick={() => void act.run((onProgress) => service.importSchools(files, false, { onProgress }), (r) => { setPreview(r); return { kind: "info", text: t.importPreviewDone(r.summaries.length + r.failed.length) }; })}>
          {t.importPreview}
        </Button>
        <Button
          appearance="primary"
          disabledFocusable={act.busy || !preview || preview.applied || added === 0}
          onClick={() =>
            void act.run(
              (onProgress) => service.importSchools(files, true, { onProgress }),
              (r) => {
                setPreview(r);
                if (r.check) onChecked(r.check);
                return t.importDone(added);
              },
            )
          }
        >
          {t.importConfirm}
        </Button>
      </div>
      <OutcomeBar state={act} t={t} />
      {preview && (
        <ul style={{ paddingLeft: 16, margin: "8px 0" }}>
          {preview.summaries.map((f, i) => (
            <li key={`${i}-${f.file}`}>
              <Text size={200} weight="semibold">{f.file}</Text>: <Text size={200}>{f.refused ?? (preview.applied ? t.fileSummaryDone : t.fileSummary)(f.read, f.added, f.replaced, f.excluded.length)}</Text>
              {!f.refused && f.relation && <Text block size={100}>{f.relation}</Text>}
              {f.unmatched.map((u) => (
                <Text block size={100} key={`org-${u.written}`} style={{ display: "flex", gap: 4, alignItems: "flex-start" }}>
                  <WarningIcon size={12} />
                  <span>{unmatchedText(u)}</span>
                </Text>
              ))}
              {f.excluded.length > 0 && (
                <ul style={{ paddingLeft: 14 }}>
                  {f.excluded.map((e) => (
                    <li key={`${e.sheet}-${e.row}`}>
                      <Text size={100}>{t.rowRef(e.sheet, e.row)}: {e.reason}</Text>
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
      {preview?.notes.map((k) => (
        <Text block size={100} key={k}>{k}</Text>
      ))}
      {preview?.duplicates.map((d) => (
        <Text block size={100} key={`${d.person}-${d.sources[1]}`} style={{ display: "flex", gap: 4, alignItems: "flex-start" }}>
          <WarningIcon size={12} />
          <span>{t.duplicate(d.person, d.sources[0], d.sources[1])}</span>
        </Text>
      ))}
    </div>
  );
}
