// The yardstick for bench:signup: the least a signup endpoint can do on @hono/node-server (read the JSON body,
// answer 202), in its own process like the real server, so the two compete for the CPU the same way.
// Started by bench/signup.ts with PORT set; prints "ready" once listening.
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono().post("/api/subscribe", async (c) => {
  const body = (await c.req.json()) as { email?: unknown };
  return c.json({ status: "accepted", email: typeof body.email === "string" }, 202);
});

const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: Number(process.env.PORT) }, () =>
  console.info("ready"),
);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
