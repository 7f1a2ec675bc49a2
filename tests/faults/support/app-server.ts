// A stand-in for `next start` in the fault drills (a production build is not made for them): the app's own start-up
// (instrumentation.ts → server/startup.ts) and its real route handlers, served by node:http on the port given.
//   node --conditions=react-server --import tsx tests/faults/support/app-server.ts <port>
// Prints {"listening":<port>} once it serves. tRPC gets the route's context with a fixed admin instead of a session.
// Any other path is a page: the real proxy.ts answers it (503 during an outage), else a stand-in page does.
import http from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

process.env.NEXT_RUNTIME = "nodejs";
const port = Number(process.argv[2]);
const { register } = await import("../../../instrumentation");
await register();

const { appDatabase, readDatabase } = await import("../../../server/database");
const { handleTrpcRequest } = await import("../../../server/api/http");
const { proxy } = await import("../../../proxy");
const { NextRequest } = await import("next/server");
type Handler = (request: Request) => Promise<Response>;
const routes: Record<string, Handler> = {
  "GET /api/health": (await import("../../../app/api/health/route")).GET,
  "GET /api/v1/scores": (await import("../../../app/api/v1/scores/route")).GET,
  "POST /api/v1/imports": (await import("../../../app/api/v1/imports/route")).POST,
};
const admin = { id: 1, email: "admin@example.com", name: "Admin", role: "admin" as const, departmentId: null };
const trpc: Handler = (request) =>
  handleTrpcRequest(request, async () => {
    const [{ db }, { db: readDb }] = await Promise.all([appDatabase(), readDatabase()]);
    return { db, readDb, user: admin };
  });

const page: Handler = async (request) => {
  const answer = await proxy(new NextRequest(request));
  // The proxy let the request through: Next.js would render the page here.
  return answer.headers.get("x-middleware-next") ? new Response("<!doctype html><p>a page</p>", { headers: { "content-type": "text/html" } }) : answer;
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>) : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
  const handler = url.pathname.startsWith("/api/trpc/") ? trpc : url.pathname.startsWith("/api/") ? routes[`${req.method} ${url.pathname}`] : page;
  void (async () => {
    try {
      const response = handler ? await handler(request) : Response.json({ error: "not served by the stand-in" }, { status: 404 });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      // An answer before the body was read (a 503 ahead of the upload): the rest is read and dropped, else the client's
      // next request on this kept-alive connection waited 5 s for the keep-alive timeout and then failed (ECONNRESET).
      res.once("finish", () => {
        if (req.readableEnded) return;
        req.removeAllListeners("data");
        req.on("data", () => {}).resume();
      });
      if (response.body) Readable.fromWeb(response.body as unknown as WebReadableStream).pipe(res);
      else res.end();
    } catch (error) {
      // What Next.js would answer for a handler that threw: an empty 500 (the drills check it never happens).
      console.error("[stand-in] handler threw:", error);
      res.writeHead(500).end();
    }
  })();
});
server.listen(port, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ listening: port, pid: process.pid })}\n`));
