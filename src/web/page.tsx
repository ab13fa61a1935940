// The standalone page's frame around the task pane's app: choosing (or dropping) the district workbook,
// the empty template for a new one, and the files the tabs make, to download. The workbook is read in
// this tab only; closing the tab forgets it.
import { Button, FluentProvider, MessageBar, MessageBarBody, Text, webLightTheme } from "@fluentui/react-components";
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { App } from "../taskpane/components/App";
import type { Lang } from "../taskpane/i18n";
import { type Output, XLSX_MIME, MemoryWorkbook } from "./workbook";
import { workerEngine } from "../taskpane/worker-engine";
import { createMemoryService } from "./port";
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
async function servedBook(): Promise<MemoryWorkbook | null> {
  const token = /^#book=([\w-]+)$/.exec(location.hash)?.[1];
  if (!token || location.protocol === "file:") return null;
  const r = await fetch(`book/${token}`, { cache: "no-store" });
  if (!r.ok) throw new Error("Книга, с которой открыта страница, больше не доступна: выберите файл заново");
  const name = decodeURIComponent(r.headers.get("X-Book-Name") ?? "книга.xlsx");
  return new MemoryWorkbook(name, new Uint8Array(await r.arrayBuffer()));
}

export function Page({ lang, now = () => new Date() }: { lang: Lang; now?: () => Date }) {
  const [book, setBook] = useState<MemoryWorkbook | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outputs, setOutputs] = useState<readonly Output[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const year = now().getFullYear();

  useEffect(() => {
    servedBook().then((b) => b && setBook(b), (e) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  const openFile = useCallback(async (file: File) => {
    setError(null);
    try {
      const b = new MemoryWorkbook(file.name, new Uint8Array(await file.arrayBuffer()));
      b.read(); // a file that cannot be read is said here, before the tabs
      setOutputs([]);
      setBook(b);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  // One engine for the page's life: a Web Worker where the page may start one (not from file://).
  const engine = useMemo(() => workerEngine(), []);
  const service = useMemo(() => (book ? createMemoryService(book, { now, engine, onChange: () => setOutputs(book.outputs) }) : null), [book, now, engine]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f) void openFile(f);
  };

  return (
    <FluentProvider theme={webLightTheme} style={{ minHeight: "100vh" }}>
      <div onDragOver={(e) => e.preventDefault()} onDrop={onDrop} style={{ maxWidth: 560, margin: "0 auto", padding: "12px 16px" }}>
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
          <Button appearance={book ? "secondary" : "primary"} onClick={() => input.current?.click()} data-testid="book-open">
            {book ? "Открыть другую книгу…" : "Открыть книгу района…"}
          </Button>
          <Button onClick={async () => download(`шаблон мониторинга ${year}.xlsx`, await templateBytes(year))} data-testid="template-download">
            Скачать пустой шаблон
          </Button>
          {book && (
            <Text size={200} data-testid="book-name">
              Открыта: «{book.fileName}»
            </Text>
          )}
          {!book && <Text size={200}>Или перетащите файл (.xlsx, .ods, .xls, .csv) в это окно.</Text>}
        </section>
        {error && (
          <MessageBar intent="error" data-testid="book-error">
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
                <Text size={200}>{o.what}</Text>
              </div>
            ))}
          </section>
        )}
        {service && <App key={book!.fileName + book!.original.length} service={service} lang={lang} now={now} />}
      </div>
    </FluentProvider>
  );
}

const DOWNLOAD_LABELS: Record<Output["kind"], string> = {
  report: "Скачать книгу со сводом",
  highlight: "Скачать книгу с подсветкой",
  remarks: "Скачать замечания для школ",
  changed: "Скачать изменённую книгу",
};
