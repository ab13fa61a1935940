// `mentor-monitor open [ФАЙЛ]`: serves the standalone page (dist-web/) on 127.0.0.1 and starts the
// user's browser on it. The workbook, when given, is served once under a random path that only the page
// knows (its address carries the token in the fragment, which a browser never sends anywhere); nothing
// else of the disk is reachable. The page itself never sends data anywhere (its CSP forbids it).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, extname, join, normalize, resolve, sep } from "node:path";
import { reasonOf } from "../io";
import { type CommandResult, UsageError } from "../types";

/** The built page: next to the compiled CLI (dist/src/cli/commands → dist-web). */
export function webRoot(): string {
  const candidates = [resolve(__dirname, "..", "..", "..", "..", "dist-web"), resolve(process.cwd(), "dist-web")];
  const found = candidates.find((d) => existsSync(join(d, "index.html")));
  if (!found) throw new UsageError("Страница не собрана: выполните «npm run build:web» (папка dist-web не найдена)");
  return found;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

export interface OpenServer {
  readonly server: Server;
  /** The page's address, with the book's token in the fragment when a book is served. */
  readonly url: string;
}

/** Starts the server; `port` 0 picks a free one. */
export function startServer(root: string, book: { name: string; bytes: Uint8Array } | null, port = 0): Promise<OpenServer> {
  const token = randomBytes(18).toString("base64url");
  const bookPath = `/book/${token}`;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const headers = { "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, headers).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    } catch {
      res.writeHead(400, headers).end();
      return;
    }
    if (book && path === bookPath) {
      res.writeHead(200, {
        ...headers,
        "Content-Type": "application/octet-stream",
        "Content-Length": book.bytes.length,
        "X-Book-Name": encodeURIComponent(book.name),
      });
      res.end(req.method === "HEAD" ? undefined : Buffer.from(book.bytes));
      return;
    }
    const rel = path === "/" ? "index.html" : path.replace(/^\/+/, "");
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { ...headers, "Content-Type": "text/plain; charset=utf-8" }).end("Не найдено");
      return;
    }
    res.writeHead(200, { ...headers, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(req.method === "HEAD" ? undefined : readFileSync(file));
  };
  return new Promise((ok, fail) => {
    const server = createServer(handler);
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      const { port: p } = server.address() as AddressInfo;
      ok({ server, url: `http://127.0.0.1:${p}/${book ? `#book=${token}` : ""}` });
    });
  });
}

/** The command that opens a URL in the default browser, per platform. */
function browserCommand(url: string): [string, string[]] {
  if (process.platform === "win32") return ["cmd", ["/c", "start", '""', url]];
  if (process.platform === "darwin") return ["open", [url]];
  return ["xdg-open", [url]];
}

export async function openCommand(file: string | undefined, opts: { browser: boolean; port?: number }): Promise<CommandResult> {
  const root = webRoot();
  let book: { name: string; bytes: Uint8Array } | null = null;
  if (file !== undefined) {
    try {
      book = { name: basename(file), bytes: new Uint8Array(readFileSync(file)) };
    } catch (e) {
      throw new UsageError(`Файл «${file}» не открыт: ${reasonOf(e)}`);
    }
  }
  const { server, url } = await startServer(root, book, opts.port ?? 0);
  process.stdout.write(
    `Страница «Мониторинг наставничества» открыта по адресу ${url}\n` +
      "Книга читается только в браузере, на этом компьютере. Чтобы остановить, нажмите Ctrl+C.\n",
  );
  if (opts.browser) {
    const [cmd, args] = browserCommand(url);
    const child = spawn(cmd, args, { stdio: "ignore", detached: true });
    child.on("error", () => process.stdout.write("Браузер не запустился сам: откройте этот адрес в браузере.\n"));
    child.unref();
  }
  await new Promise<void>((done) => {
    // The browser keeps its connections open: they are closed too, or the server would wait for them.
    const stop = () => {
      server.close(() => done());
      server.closeAllConnections();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return { exitCode: 0, stdout: "" };
}
