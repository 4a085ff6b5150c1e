// `npm run users`: the commands against a temporary database file, once in-process (every path) and once as
// the real script, next to a server connection holding the same file open.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { usersCli } from "../../scripts/users-cli.ts";
import { openNodeDb } from "../../src/db/node.ts";
import { accounts } from "../../src/db/schema.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDbPath() {
  const dir = mkdtempSync(join(tmpdir(), "hopemark-users-"));
  dirs.push(dir);
  return join(dir, "test.sqlite");
}

function io(path: string) {
  const node = openNodeDb(path);
  const out: string[] = [];
  const err: string[] = [];
  return {
    node,
    out,
    err,
    run: (...argv: string[]) =>
      usersCli(argv, {
        db: node.db,
        appUrl: "http://127.0.0.1:3000",
        now: () => new Date("2026-12-01T10:00:00Z"),
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      }),
  };
}

describe("npm run users", () => {
  it("adds, lists, changes a role and removes accounts in the database file", async () => {
    const t = io(tempDbPath());
    expect(await t.run("add", "Olive@Example.COM", "--name", "Olive Owner", "--role", "owner")).toBe(0);
    expect(t.out[0]).toMatch(
      /^added: acc_[0-9a-f]{32} {2}owner {5}Olive Owner {2}<Olive@example\.com> {2}added 2026-12-01$/,
    );
    expect(t.out[1]).toContain("http://127.0.0.1:3000/admin");
    expect(await t.run("add", "sam@example.com", "--name", "Sam Rivera", "--role", "marketer")).toBe(0);
    t.out.length = 0;
    expect(await t.run("list")).toBe(0);
    expect(t.out).toHaveLength(2);
    expect(t.out[0]).toMatch(/ owner +Olive Owner +<Olive@example\.com>/);
    expect(t.out[1]).toMatch(/ marketer +Sam Rivera +<sam@example\.com>/);
    expect(await t.run("role", "sam@example.com", "--role", "reviewer")).toBe(0);
    expect(await t.run("title", "sam@example.com", "Psychiatrist, MD")).toBe(0);
    expect(t.out.at(-1)).toContain("Sam Rivera, Psychiatrist, MD");
    expect(await t.run("title", "sam@example.com", "Dr. Who")).toBe(1);
    expect(t.err.at(-1)).toContain("no full stops");
    expect(await t.run("remove", "SAM@example.com")).toBe(0);
    t.out.length = 0;
    await t.run("list");
    expect(t.out).toHaveLength(1);
    await t.run("list", "--all");
    expect(t.out.at(-1)).toMatch(/reviewer.*Sam Rivera.*removed 2026-12-01$/);
    const rows = await t.node.db.select().from(accounts);
    expect(rows.map((r) => r.role).sort()).toEqual(["owner", "reviewer"]);
    t.node.close();
  });

  it("refuses bad input with clear messages and exit codes, writing nothing", async () => {
    const t = io(tempDbPath());
    expect(await t.run("add", "nope", "--name", "Olive", "--role", "boss")).toBe(1);
    expect(t.err.join("\n")).toContain("email: Enter a valid email address");
    expect(t.err.join("\n")).toContain("role: Choose a role: owner, marketer, reviewer.");
    expect(await t.run("add", "olive@example.com", "--role", "owner")).toBe(2);
    expect(t.err.at(-1)).toContain("add needs --name NAME");
    expect(
      await t.run("add", "olive@example.com", "--name", "Olive", "--role", "owner", "--colour", "x"),
    ).toBe(2);
    expect(await t.run("frobnicate")).toBe(2);
    expect(await t.run("remove", "ghost@example.com")).toBe(1);
    expect(t.err.at(-1)).toBe("No account with that email address.");
    expect(await t.node.db.select().from(accounts)).toEqual([]);
    expect(await t.run("add", "olive@example.com", "--name", "Olive", "--role", "owner")).toBe(0);
    expect(await t.run("add", "olive@EXAMPLE.com", "--name", "Olive", "--role", "owner")).toBe(1);
    expect(t.err.at(-1)).toContain("already exists");
    expect(await t.run("remove", "olive@example.com")).toBe(1);
    expect(t.err.at(-1)).toContain("only owner");
    t.node.close();
  });

  it("runs as the real script on DATABASE_PATH while another connection (the server) has the file open", () => {
    const path = tempDbPath();
    const server = openNodeDb(path);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/users.ts", ...args], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          DATABASE_PATH: path,
          NODE_ENV: "development",
          TOKEN_SECRET: "x".repeat(40),
        },
        encoding: "utf8",
        timeout: 60_000,
      });
    const added = run("add", "olive@example.com", "--name", "Olive Owner", "--role", "owner");
    expect(added.status).toBe(0);
    expect(added.stdout).toContain("added: acc_");
    const rows = server.sqlite.prepare("select name, role from accounts").all();
    expect(rows).toEqual([{ name: "Olive Owner", role: "owner" }]);
    const bad = run("add", "x", "--name", "X", "--role", "owner");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("Enter a valid email address");
    server.close();
  }, 120_000);
});
