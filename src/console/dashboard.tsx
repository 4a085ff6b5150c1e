/** @jsxImportSource hono/jsx */
// GET /admin: where a signed-in person lands. Links to each part of the console; owners also see people and the
// audit log.
import { Hono } from "hono";
import type { ConsoleEnv } from "./env.ts";
import { ConsoleLayout, shell } from "./layout.tsx";

const CARDS = [
  {
    href: "/admin/campaigns",
    title: "Campaigns",
    text: "Write, review, test, schedule and send; follow each send.",
  },
  {
    href: "/admin/subscribers",
    title: "Subscribers",
    text: "Find a person, see their emails, export or erase them, import a list.",
  },
  {
    href: "/admin/content",
    title: "Content",
    text: "The lesson series in order: review and lint status, previews.",
  },
  {
    href: "/admin/people",
    title: "People",
    text: "Who can sign in to the console, and with which role.",
    ownerOnly: true,
  },
  {
    href: "/admin/audit",
    title: "Audit log",
    text: "Every change made through the console or the admin API.",
    ownerOnly: true,
  },
];

export function dashboardRoutes() {
  return new Hono<ConsoleEnv>().get("/", (c) => {
    const account = c.get("account");
    const cards = CARDS.filter((card) => !card.ownerOnly || account.role === "owner");
    return c.html(
      <ConsoleLayout {...shell(c)} title="Dashboard" section="dashboard">
        <h1>Welcome, {account.name}</h1>
        <p class="muted">
          You are signed in as {account.role === "owner" ? "an owner" : `a ${account.role}`}.
        </p>
        <ul class="cards">
          {cards.map((card) => (
            <li key={card.href}>
              <h2>
                <a href={card.href}>{card.title}</a>
              </h2>
              <p>{card.text}</p>
            </li>
          ))}
        </ul>
      </ConsoleLayout>,
    );
  });
}
