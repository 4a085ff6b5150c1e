/** @jsxImportSource hono/jsx */
// The content pages, open to every role (reviewers review content; nothing here changes anything). The lesson
// page shows the email in a sandboxed srcdoc frame, and a srcdoc document lives under its parent's policy: emails
// are inline styles, so that one page allows inline styles (still no script anywhere: the frame's sandbox
// allows none, and script-src stays 'self').
//   GET /admin/content               the lessons in order (overview-page.tsx)
//   GET /admin/content/lessons/:id   one lesson with its previews (lesson-page.tsx)
import { Hono } from "hono";
import { consolePolicy } from "../../api/security-headers.ts";
import type { AppDeps } from "../../deps.ts";
import { lessonOverview } from "../../lessons/overview.ts";
import { lessonPreview } from "../../lessons/preview.ts";
import { requireRole } from "../auth.tsx";
import type { ConsoleEnv } from "../env.ts";
import { ConsoleLayout, shell } from "../layout.tsx";
import { LessonPage } from "./lesson-page.tsx";
import { ContentOverviewPage } from "./overview-page.tsx";

/** The console's policy with inline styles allowed, for the srcdoc previews of this one page. */
export const lessonPagePolicy = (appUrl: string) =>
  consolePolicy(appUrl).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

export const CONTENT_ROLES = ["owner", "marketer", "reviewer"] as const;

export function contentRoutes(deps: AppDeps) {
  return new Hono<ConsoleEnv>()
    .use("*", requireRole(...CONTENT_ROLES))
    .get("/", async (c) => c.html(<ContentOverviewPage {...shell(c)} lessons={await lessonOverview(deps)} />))
    .get("/lessons/:id", async (c) => {
      const id = c.req.param("id");
      const lesson = (await lessonOverview(deps)).find((l) => l.id === id);
      const preview = lesson ? await lessonPreview(deps, lesson.id) : undefined;
      if (!lesson || !preview?.ok) {
        return c.html(
          <ConsoleLayout {...shell(c)} title="Lesson not found" section="content">
            <h1>No such lesson</h1>
            <p>
              There is no lesson with this id in <code>templates/lessons/</code>.{" "}
              <a href="/admin/content">All lessons</a>
            </p>
          </ConsoleLayout>,
          404,
        );
      }
      c.header("Content-Security-Policy", lessonPagePolicy(deps.config.appUrl));
      return c.html(<LessonPage {...shell(c)} lesson={lesson} preview={preview.preview} />);
    });
}
