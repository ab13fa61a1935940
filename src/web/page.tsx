// The standalone page's frame around the task pane's app: choosing (or dropping) the district workbook,
// the empty template for a new one, and the files the tabs make, to download. The workbook is read in
// this tab only; closing the tab forgets it.
import { Button, Field, FluentProvider, MessageBar, MessageBarBody, ProgressBar, Text, webLightTheme } from "@fluentui/react-components";
import { type DragEvent, startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import engineSource from "mentor-monitor-engine-source";
import { App } from "../taskpane/components/App";
import { progressText } from "../taskpane/components/ui";
import { type Lang, dictionary } from "../taskpane/i18n";
import type { Progress } from "../pane/service";
import { type Output, XLSX_MIME, MemoryWorkbook } from "./workbook";
import { type BookEngine, type EngineKind, workerBookEngine } from "./book-engine";
import { createMemoryService } from "./port";
import { DOWNLOAD_LABELS, PAGE_WORDS, TEMPLATE_BUTTON } from "./words";
import { templateBytes } from "../xlsx/template";

/** Starts a download of bytes made in the page: a blob address, never a request. */
export function download(fileName: string, bytes: Uint8Array, type = XLSX_MIME): void {
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The book `mentor-monitor open ФАЙЛ` serves: its token is in the address's fragment. */
async function servedBook(): Promise<{ name: string; bytes: Uint8Array } | null> {
  const token = /^#book=([\w-]+)$/.exec(location.hash)?.[1];
  if (!token || location.protocol === "file:") return null;
  const r = await fetch(`book/${token}`, { cache: "no-store" });
  if (!r.ok) throw new Error("Книга, с которой открыта страница, больше не доступна: выберите файл заново");
  const name = decodeURIComponent(r.headers.get("X-Book-Name") ?? "книга.xlsx");
  return { name, bytes: new Uint8Array(await r.arrayBuffer()) };
}

export function Page({ lang, now = () => new Date(), engine: given }: { lang: Lang; now?: () => Date; engine?: BookEngine }) {
  const t = dictionary(lang);
  const [book, setBook] = useState<MemoryWorkbook | null>(null);
  const [opening, setOpening] = useState<{ name: string; progress: Progress | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outputs, setOutputs] = useState<readonly Output[]>([]);
  /** Each book opened gets a fresh app (its results belong to that book). */
  const [seq, setSeq] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const year = now().getFullYear();

  // One engine for the page's life: a Web Worker made from the blob of its bundle (from file:// as well),
  // or the page itself when the browser will not start it — then the page says so.
  const engine = useMemo(() => given ?? workerBookEngine(engineSource), [given]);
  const [kind, setKind] = useState<EngineKind | null>(null);
  useEffect(() => {
    void engine.ready().then(setKind);
  }, [engine]);

  /** Reads the file where the engine runs, showing each sheet's progress; the tabs come when it is read. */
  const openBytes = useCallback(
    async (name: string, bytes: Uint8Array) => {
      setError(null);
      setOpening({ name, progress: null });
      const b = new MemoryWorkbook(name, bytes, engine);
      try {
        await b.load((progress) => setOpening({ name, progress }));
        // The tabs are built in slices between frames (a transition), not in one long task.
        startTransition(() => {
          setOutputs([]);
          setBook(b);
          setSeq((n) => n + 1);
          setOpening(null);
        });
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
        setOpening(null);
      }
    },
    [engine],
  );

  useEffect(() => {
    servedBook().then((b) => b && openBytes(b.name, b.bytes), (e) => setError(e instanceof Error ? e.message : String(e)));
  }, [openBytes]);

  const openFile = useCallback(async (file: File) => openBytes(file.name, new Uint8Array(await file.arrayBuffer())), [openBytes]);

  const service = useMemo(() => (book ? createMemoryService(book, { now, onChange: () => setOutputs(book.outputs) }) : null), [book, now]);

  // The same element while only the frame changes (the progress of a read), so the tabs are not rendered again.
  const app = useMemo(() => service && <App key={seq} service={service} lang={lang} now={now} standalone={STANDALONE} />, [service, seq, lang, now]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f && !opening) void openFile(f); // one book at a time
  };

  return (
    <FluentProvider theme={webLightTheme} style={{ minHeight: "100vh" }}>
      <div onDragOver={(e) => e.preventDefault()} onDrop={onDrop} style={{ maxWidth: 760, margin: "0 auto", padding: "12px 16px" }}>
        <header>
          <Text as="h1" size={500} weight="semibold" block>
            Мониторинг наставничества
          </Text>
          <Text size={200} block>
            Работает без Excel и без интернета: книга читается только в этой вкладке браузера и никуда не отправляется. Исходный файл не изменяется — результаты скачиваются отдельными файлами.
          </Text>
        </header>
        <section aria-label="Книга" style={{ display: "flex", gap: 8, flexWrap: "wrap", alignItems: "center", margin: "10px 0" }}>
          <input
            ref={input}
            type="file"
            accept=".xlsx,.xlsm,.xls,.xlsb,.ods,.csv"
            data-testid="book-input"
            style={{ display: "none" }}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void openFile(f);
              e.target.value = "";
            }}
          />
          <Button appearance={book ? "secondary" : "primary"} disabledFocusable={!!opening} onClick={() => input.current?.click()} data-testid="book-open">
            {book ? "Открыть другую книгу…" : "Открыть книгу района…"}
          </Button>
          <Button onClick={async () => download(`шаблон мониторинга ${year}.xlsx`, await templateBytes(year))} data-testid="template-download">
            {TEMPLATE_BUTTON}
          </Button>
          {book && (
            <Text size={200} data-testid="book-name">
              Открыта: «{book.fileName}»
            </Text>
          )}
          {!book && <Text size={200}>Или перетащите файл (.xlsx, .ods, .xls, .csv) в это окно.</Text>}
        </section>
        {opening && (
          <Field validationMessage={<span data-testid="book-progress">{progressText(opening.progress, t)}</span>} validationState="none" label={`Открывается «${opening.name}»`}>
            <ProgressBar
              aria-label={progressText(opening.progress, t)}
              value={opening.progress?.stage === "read" && opening.progress.total > 0 ? opening.progress.done / opening.progress.total : undefined}
              thickness="large"
            />
          </Field>
        )}
        {kind === "in-thread" && (
          <MessageBar intent="warning" data-testid="engine-note" style={{ margin: "8px 0" }}>
            <MessageBarBody>
              Браузер не запустил фоновый поток, поэтому книга читается и проверяется прямо на странице. На книгах в десятки тысяч строк страница может на несколько секунд перестать откликаться — дождитесь результата.
            </MessageBarBody>
          </MessageBar>
        )}
        <span hidden data-testid="engine-kind" data-engine={kind ?? ""} />
        {error && (
          <MessageBar intent="error" data-testid="book-error" style={{ margin: "8px 0" }}>
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {outputs.length > 0 && (
          <section aria-label="Файлы для скачивания" data-testid="downloads" style={{ display: "grid", gap: 6, margin: "8px 0" }}>
            {outputs.map((o) => (
              <div key={o.kind} style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
                <Button appearance="primary" size="small" onClick={() => download(o.fileName, o.bytes)} data-testid={`download-${o.kind}`}>
                  {DOWNLOAD_LABELS[o.kind]}
                </Button>
                <Text size={200}>{o.what[0].toUpperCase() + o.what.slice(1)}</Text>
              </div>
            ))}
          </section>
        )}
        {app}
      </div>
    </FluentProvider>
  );
}

const STANDALONE = { words: PAGE_WORDS };
