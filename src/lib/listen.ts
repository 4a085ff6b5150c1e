// How the Node server listens. libuv accepts one connection per turn of the event loop (it stopped accepting in a
// loop in libuv/libuv#3696), and each turn also serves the next request of every keep-alive connection already
// open. Under a burst, a visitor's new connection therefore waits behind all of them: in bench:signup at 100
// connections the last ones were accepted 1 to 1.5 s after they connected, which was the whole p99 of the run
// (the server spent about 1 ms on each request once it had it). Several listening sockets on one port
// (SO_REUSEPORT: the kernel spreads new connections across them) feeding one HTTP server accept that many
// connections per turn.
//
// Linux only: elsewhere `reusePort` is unsupported (or does not balance) and one socket listens, as before.
import type { Server as HttpServer } from "node:http";
import { type AddressInfo, createServer as createNetServer, type Server as NetServer } from "node:net";

export type Listening = {
  address: string;
  port: number;
  /** How many sockets accept for the server (1 where the platform cannot share a port). */
  sockets: number;
  /**
   * Stops accepting on every socket, closes idle keep-alive connections (http.Server.close does, for every
   * connection it serves, whichever socket accepted it) and calls back once every connection has ended.
   */
  close: (done: () => void) => void;
};

function listenOn(
  server: NetServer,
  options: { host: string; port: number; reusePort?: boolean; exclusive?: boolean },
): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function closeAll(servers: NetServer[], done: () => void) {
  let open = servers.length;
  for (const server of servers) server.close(() => --open === 0 && done());
}

/**
 * Listens on `host:port` with `sockets` sockets (at least 1) serving `server`. Rejects with the listen error
 * (EADDRINUSE and so on) when the port is taken, including by another process that also shares ports: sharing
 * must never split traffic with a second copy of the app started by mistake.
 */
export async function listenShared(
  server: HttpServer,
  options: { host: string; port: number; sockets: number },
): Promise<Listening> {
  const { host } = options;
  const shared = options.sockets > 1 && process.platform === "linux";
  if (!shared) {
    const address = await listenOn(server, { host, port: options.port });
    return { address: address.address, port: address.port, sockets: 1, close: (done) => server.close(done) };
  }
  if (options.port !== 0) {
    // A plain bind first: it fails if anything holds the port, even sockets that share it among themselves.
    const probe = createNetServer();
    await listenOn(probe, { host, port: options.port, exclusive: true });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }
  const address = await listenOn(server, { host, port: options.port, reusePort: true });
  const extras: NetServer[] = [];
  try {
    for (let i = 1; i < options.sockets; i++) {
      // The options http.Server gives its own socket (half-open allowed, Nagle off), so a connection is the same
      // whichever socket accepted it; emitting "connection" is how http.Server takes a socket from elsewhere.
      const extra = createNetServer({ allowHalfOpen: true, noDelay: true }, (socket) =>
        server.emit("connection", socket),
      );
      await listenOn(extra, { host, port: address.port, reusePort: true });
      extras.push(extra);
    }
  } catch (error) {
    closeAll([server, ...extras], () => undefined);
    throw error;
  }
  return {
    address: address.address,
    port: address.port,
    sockets: 1 + extras.length,
    close: (done) => closeAll([...extras, server], done),
  };
}
