// The console's subscriber and content pages pass axe-core with no violations: the list (plain, with field
// errors, after a search that found nobody), a person (plain and after a refused erase), the import's upload,
// preview and summary, the content overview and a lesson's preview page.
import { afterEach, describe, expect, it } from "vitest";
import { csvFile, multipart, staff } from "../console/people-helpers.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { alex, createPerson } from "../privacy/helpers.ts";
import { axeViolations } from "./axe.ts";

let t: TestApp;
afterEach(() => t?.close());

async function check(label: string, res: Response | Promise<Response>) {
  const answer = await res;
  expect(answer.headers.get("content-type")).toContain("text/html");
  const violations = await axeViolations(await answer.text());
  expect({ label, violations }).toEqual({ label, violations: [] });
}

describe("accessibility of the subscriber and content pages", () => {
  it("subscriber list, search and person pages", async () => {
    t = createTestApp();
    const { marketer } = await staff(t);
    const id = await createPerson(t, alex);
    const get = (path: string) => t.app.request(path, { headers: marketer.headers });
    await check("list", get("/admin/subscribers"));
    await check("list with bad filters", get("/admin/subscribers?country=USA&tag=Bad%20Tag"));
    await check(
      "find: nobody",
      marketer.post(t.app, "/admin/subscribers/find", { email: "nobody@example.org" }),
    );
    await check("find: not an address", marketer.post(t.app, "/admin/subscribers/find", { email: "nobody" }));
    await marketer.post(t.app, `/admin/subscribers/${id}/tags`, { tags: "news" });
    await check("person", get(`/admin/subscribers/${id}?done=tagged`));
    await check(
      "person: refused erase",
      marketer.post(t.app, `/admin/subscribers/${id}/erase`, { confirm: "ERASE" }),
    );
    await check(
      "person: bad tag",
      marketer.post(t.app, `/admin/subscribers/${id}/tags`, { tags: "Bad Tag" }),
    );
    await check("not found", get("/admin/subscribers/sub_nobody"));
  });

  it("CSV import: upload, preview (good and bad) and summary", async () => {
    t = createTestApp();
    const { owner } = await staff(t);
    const csv = "email,first_name\r\nnoor@example.com,Noor\r\n";
    await check("upload", t.app.request("/admin/subscribers/import", { headers: owner.headers }));
    await check(
      "upload with errors",
      multipart(t, owner, "/admin/subscribers/import/preview", { source: "" }),
    );
    await check(
      "preview",
      multipart(t, owner, "/admin/subscribers/import/preview", { file: csvFile(csv), source: "fair" }),
    );
    await check(
      "preview with bad rows",
      multipart(t, owner, "/admin/subscribers/import/preview", {
        file: csvFile("email,country\r\nbad,USA\r\n"),
        source: "fair",
      }),
    );
    await check("summary", multipart(t, owner, "/admin/subscribers/import", { csv, source: "fair" }));
  });

  it("content overview and a lesson's preview page", async () => {
    t = createTestApp();
    const { reviewer } = await staff(t);
    await check("content", t.app.request("/admin/content", { headers: reviewer.headers }));
    for (const lesson of t.deps.content.lessons) {
      await check(
        `lesson ${lesson.id}`,
        t.app.request(`/admin/content/lessons/${lesson.id}`, { headers: reviewer.headers }),
      );
    }
    await check(
      "lesson not found",
      t.app.request("/admin/content/lessons/nope", { headers: reviewer.headers }),
    );
  });
});
