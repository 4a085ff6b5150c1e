// src/lib/listen.ts: several sockets share the server's port so a burst's new connections are accepted quickly.
// These check what a reader of server.ts relies on: every connection is served by the one HTTP server whichever
// socket accepted it, a taken port is refused rather than shared, and close stops them all.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { connect, createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type Listening, listenShared } from "../../src/lib/listen.ts";

const HOST = "127.0.0.1";
const SHARES = process.platform === "linux";
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function httpServer(): Server {
  return createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "text/plain" }).end("ok"));
  });
}

async function listen(server: Server, port: number, sockets: number): Promise<Listening> {
  const listening = await listenShared(server, { host: HOST, port, sockets });
  cleanup.push(() => new Promise((resolve) => listening.close(resolve)));
  return listening;
}

/** One keep-alive request on a fresh connection; resolves with the open socket and the status line. */
function request(port: number): Promise<{ socket: Socket; status: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, HOST);
    socket.once("error", reject);
    socket.once("data", (chunk) => resolve({ socket, status: chunk.toString().split("\r\n")[0] ?? "" }));
    socket.write(`GET / HTTP/1.1\r\nHost: ${HOST}\r\nConnection: keep-alive\r\n\r\n`);
  });
}

describe("listenShared", () => {
  it("accepts on several sockets (Linux) and the one HTTP server answers every connection", async () => {
    const server = httpServer();
    const acceptedBy = new Set<NetServer | null>();
    // Before http.Server's own listener, which sets socket.server to itself: here it is still the accepting socket.
    server.prependListener("connection", (socket: Socket & { server?: NetServer | null }) =>
      acceptedBy.add(socket.server ?? null),
    );
    const listening = await listen(server, 0, 8);
    expect(listening.sockets).toBe(SHARES ? 8 : 1);
    expect(listening.port).toBeGreaterThan(0);

    const answers = await Promise.all(Array.from({ length: 64 }, () => request(listening.port)));
    for (const { socket } of answers) socket.destroy();
    expect(answers.map((a) => a.status)).toEqual(Array(64).fill("HTTP/1.1 200 OK"));
    // The kernel spreads 64 connections over 8 sockets; all on one would mean the others never accept.
    if (SHARES) expect(acceptedBy.size).toBeGreaterThan(1);
    else expect(acceptedBy.size).toBe(1);
  });

  it("refuses a port another server holds, instead of sharing it", async () => {
    const other = createNetServer();
    await new Promise<void>((resolve) => other.listen({ host: HOST, port: 0 }, resolve));
    cleanup.push(() => new Promise((resolve) => other.close(() => resolve())));
    const port = (other.address() as { port: number }).port;

    await expect(listenShared(httpServer(), { host: HOST, port, sockets: 4 })).rejects.toMatchObject({
      code: "EADDRINUSE",
    });
  });

  it("refuses a port a second copy of the app holds with shared sockets of its own", async () => {
    const first = await listen(httpServer(), 0, 4);
    const second = httpServer();

    await expect(listenShared(second, { host: HOST, port: first.port, sockets: 4 })).rejects.toMatchObject({
      code: "EADDRINUSE",
    });
    expect(second.listening).toBe(false);
  });

  it("close stops every socket, ends idle keep-alive connections from any of them, then calls back", async () => {
    const server = httpServer();
    const listening = await listenShared(server, { host: HOST, port: 0, sockets: 4 });
    const open = await Promise.all(Array.from({ length: 16 }, () => request(listening.port)));
    const ended = open.map(
      ({ socket }) => new Promise<void>((resolve) => socket.once("close", () => resolve())),
    );

    await new Promise<void>((resolve) => listening.close(resolve));
    await Promise.all(ended);

    const refused = await new Promise<string>((resolve) => {
      const socket = connect(listening.port, HOST);
      socket.once("connect", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
    expect(refused).toBe("ECONNREFUSED");
  });

  it("with one socket it listens exactly as http.Server.listen does", async () => {
    const server = httpServer();
    const listening = await listen(server, 0, 1);

    expect(listening.sockets).toBe(1);
    expect(server.listening).toBe(true);
    expect((await request(listening.port)).status).toBe("HTTP/1.1 200 OK");
  });
});
