/** @jsxImportSource hono/jsx */
// The shell of every console page: brand header with who is signed in and a sign-out button, the section
// navigation (owner-only sections only for owners), a skip link, and the first-party stylesheet. No inline
// script or style: the console CSP (src/api/security-headers.ts) allows neither.
import type { Context } from "hono";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { CsrfField } from "./components/csrf-field.tsx";
import type { ConsoleAccount, ConsoleEnv } from "./env.ts";

export type ConsoleSection = "dashboard" | "campaigns" | "subscribers" | "content" | "people" | "audit";

const SECTIONS: { id: ConsoleSection; label: string; href: string; ownerOnly?: boolean }[] = [
  { id: "dashboard", label: "Dashboard", href: "/admin" },
  { id: "campaigns", label: "Campaigns", href: "/admin/campaigns" },
  { id: "subscribers", label: "Subscribers", href: "/admin/subscribers" },
  { id: "content", label: "Content", href: "/admin/content" },
  { id: "people", label: "People", href: "/admin/people", ownerOnly: true },
  { id: "audit", label: "Audit log", href: "/admin/audit", ownerOnly: true },
];

export type ConsoleLayoutProps = {
  title: string;
  /** Signed-in pages: who, and the token for the sign-out form. Absent on the sign-in pages. */
  account?: ConsoleAccount | undefined;
  csrfToken?: string | undefined;
  /** The navigation entry marked as the current page. */
  section?: ConsoleSection | undefined;
  /** A narrow single-column page (sign-in). */
  narrow?: boolean;
  /** Extra first-party scripts by asset name, e.g. ["preview.js"] (served by assets/routes.ts). */
  scripts?: string[];
  children?: Child;
};

/** The layout props a signed-in page takes from its context: `<ConsoleLayout {...shell(c)} title="…">`. */
export function shell(c: Context<ConsoleEnv>): Pick<ConsoleLayoutProps, "account" | "csrfToken"> {
  return { account: c.get("account"), csrfToken: c.get("csrfToken") };
}

export function ConsoleLayout(props: ConsoleLayoutProps) {
  const { account, csrfToken } = props;
  const sections = SECTIONS.filter((s) => !s.ownerOnly || account?.role === "owner");
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          {csrfToken ? <meta name="csrf-token" content={csrfToken} /> : null}
          <title>{`${props.title} · Hopemark console`}</title>
          <link rel="stylesheet" href="/admin/assets/console.css" />
          {(props.scripts ?? []).map((name) => (
            <script key={name} src={`/admin/assets/${name}`} defer />
          ))}
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to main content
          </a>
          <header class="topbar">
            <div class="topbar-inner">
              <p class="brand">
                <a href="/admin">Hopemark Health · newsletter console</a>
              </p>
              {account && csrfToken ? (
                <div class="whoami">
                  <span>
                    Signed in as <strong>{account.name}</strong> ({account.role})
                  </span>
                  <form method="post" action="/admin/logout">
                    <CsrfField token={csrfToken} />
                    <button type="submit">Sign out</button>
                  </form>
                </div>
              ) : null}
            </div>
          </header>
          {account ? (
            <nav class="sections" aria-label="Console sections">
              <ul>
                {sections.map((s) => (
                  <li key={s.id}>
                    <a href={s.href} aria-current={s.id === props.section ? "page" : undefined}>
                      {s.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <main id="main" class={props.narrow ? "narrow" : undefined}>
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}
