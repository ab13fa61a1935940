// The column mapping (issue 14, point 5), modelled on Power Query's «выбор столбцов»: for each data sheet
// whose headers are not all the template's, which column was taken for which field, and a drop-down for each
// column the product could not place. «Сохранить сопоставление» writes `Настройки` rows (the core's
// mappingSettingsRows) that every later check — in the pane and on the command line — reads first.
import { Button, Dropdown, Option, Text } from "@fluentui/react-components";
import { useCallback, useContext, useEffect, useState } from "react";
import type { ColumnChoice, MonitorService, SheetColumns } from "../../pane/service";
import type { Dictionary } from "../i18n";
import { OutcomeBar } from "./ui";
import { ClockContext, useAction } from "./useAction";

/** The field id the core reads as «не использовать». */
const IGNORE = "ignore";

/** Fluent's Dropdown is 250 px wide by default: in a 320 px pane it must fit its table cell. */
const CSS = `
.mm-map table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 12px; }
.mm-map th, .mm-map td { text-align: left; vertical-align: top; padding: 3px 4px; border-bottom: 1px solid #e0e0e0; overflow-wrap: anywhere; }
.mm-map th { font-weight: 600; color: #242424; }
.mm-map .fui-Dropdown { min-width: 0; width: 100%; }
.mm-map .fui-Dropdown__button { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
`;

const sheetKey = (c: SheetColumns) => `${c.sheet}|${c.kind}`;

function SheetMapping({ cols, t, busy, onSave }: { cols: SheetColumns; t: Dictionary; busy: boolean; onSave: (choices: ColumnChoice[]) => void }) {
  // The user's picks by column index; a field picked for one column is not offered for another.
  const [picks, setPicks] = useState<ReadonlyMap<number, string>>(new Map());
  useEffect(() => setPicks(new Map()), [cols]);
  const taken = new Set(picks.values());
  const labelOf = (id: string) => (id === IGNORE ? t.mappingIgnore : (cols.candidates.find((c) => c.id === id)?.label ?? id));
  const placed = cols.columns.filter((c) => c.field !== null);
  const headingId = `mm-map-${cols.kind}-${cols.headerRow}-${cols.sheet.replace(/[^\p{L}\p{N}]+/gu, "_")}`;
  const choices = (): ColumnChoice[] => cols.unplaced.flatMap((c) => (picks.has(c.index) ? [{ header: c.header, field: picks.get(c.index)! }] : []));
  return (
    <section aria-labelledby={headingId} style={{ margin: "8px 0 10px" }} data-mapping-sheet={cols.sheet}>
      <h3 id={headingId} style={{ fontSize: 14, margin: "0 0 4px" }}>
        {t.mappingSheet(cols.sheet, cols.headerRow)}
      </h3>
      {cols.layout.length > 0 && (
        <Text block size={200} style={{ marginBottom: 4 }}>
          {cols.layout.join("; ")}
        </Text>
      )}
      <table aria-labelledby={headingId}>
        <colgroup>
          <col style={{ width: "42%" }} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t.mappingColumn}</th>
            <th scope="col">{t.mappingField}</th>
          </tr>
        </thead>
        <tbody>
          {cols.unplaced.map((c) => {
            const value = picks.get(c.index);
            return (
              <tr key={`u${c.index}`} data-unplaced={c.header}>
                <th scope="row" style={{ fontWeight: 600 }}>
                  {c.header} <span style={{ color: "#616161", fontWeight: 400 }}>({c.cell})</span>
                </th>
                <td>
                  <Dropdown
                    size="small"
                    inlinePopup
                    aria-label={t.mappingFieldFor(c.header, c.cell)}
                    placeholder={t.mappingChoose}
                    value={value === undefined ? "" : labelOf(value)}
                    selectedOptions={value === undefined ? [] : [value]}
                    disabled={busy}
                    onOptionSelect={(_, d) => {
                      const id = d.optionValue;
                      if (id === undefined) return;
                      setPicks((m) => new Map(m).set(c.index, id));
                    }}
                  >
                    {cols.candidates.map((f) => (
                      <Option key={f.id} value={f.id} text={f.label} disabled={taken.has(f.id) && value !== f.id}>
                        {f.required ? `${f.label} — ${t.mappingRequired}` : f.label}
                      </Option>
                    ))}
                    <Option value={IGNORE} text={t.mappingIgnore}>
                      {t.mappingIgnore}
                    </Option>
                  </Dropdown>
                </td>
              </tr>
            );
          })}
          {placed.map((c) => (
            <tr key={`p${c.index}`}>
              <th scope="row" style={{ fontWeight: 400 }}>
                {c.header} <span style={{ color: "#616161" }}>({c.cell})</span>
              </th>
              <td>
                {c.label}
                {c.by === "settings" && <span style={{ color: "#616161" }}> · {t.mappingBySettings}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cols.missing.length > 0 && (
        <Text block size={200} style={{ marginTop: 4, color: "#8e1b1b" }}>
          {t.mappingMissing(cols.missing)}
        </Text>
      )}
      {cols.unplaced.length > 0 && (
        <Button size="small" appearance="primary" style={{ marginTop: 6 }} disabledFocusable={busy} onClick={() => onSave(choices())}>
          {t.mappingSave}
        </Button>
      )}
    </section>
  );
}

/**
 * The mapping of every sheet that needs one. `onSaved` runs after a save (the check tab checks again); the
 * sheets are then read afresh, so what the user chose shows as placed «по «Настройкам»».
 */
export function ColumnMapping({ service, t, onSaved, onClose }: { service: MonitorService; t: Dictionary; onSaved?: () => Promise<unknown>; onClose?: () => void }) {
  const act = useAction();
  const clock = useContext(ClockContext);
  const [sheets, setSheets] = useState<SheetColumns[] | null>(null);
  const load = useCallback(() => service.columns().then((s) => (setSheets(s), s)), [service]);

  // Opened by a button that is gone now: focus goes to the mapping's heading, so the keyboard stays here.
  useEffect(() => document.getElementById("mm-map-title")?.focus(), []);
  useEffect(() => {
    void act.run(() => load(), (s) => (s.length === 0 ? { kind: "info", text: t.mappingNone } : null));
  }, [load]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = (cols: SheetColumns, choices: ColumnChoice[]) => {
    if (choices.length === 0) {
      act.setOutcome({ kind: "warning", text: t.mappingNothing, at: clock() });
      return;
    }
    void act.run(
      async () => {
        await service.saveColumnMapping(cols.sheet, choices, cols.kind);
        await onSaved?.();
        await load();
        return choices.length;
      },
      (k) => t.mappingSaved(k, cols.sheet),
    );
  };

  return (
    <section className="mm-map" aria-labelledby="mm-map-title" style={{ margin: "6px 0 10px", padding: "6px 0", borderTop: "1px solid #d1d1d1", borderBottom: "1px solid #d1d1d1" }}>
      <style>{CSS}</style>
      <h2 id="mm-map-title" tabIndex={-1} style={{ fontSize: 16, margin: "0 0 4px" }}>
        {t.mappingTitle}
      </h2>
      <Text block size={200}>
        {t.mappingIntro}
      </Text>
      <OutcomeBar state={act} t={t} />
      {sheets?.map((c) => <SheetMapping key={sheetKey(c)} cols={c} t={t} busy={act.busy} onSave={(choices) => save(c, choices)} />)}
      {onClose && (
        <Button size="small" onClick={onClose}>
          {t.mappingClose}
        </Button>
      )}
    </section>
  );
}
