/** @jsxImportSource hono/jsx */
// A person's page and its actions, each a form POST (CSRF-checked by the console middleware) answered with a
// redirect back to the page (post/redirect/get), or the page again with field messages and nothing changed.
//   GET  /admin/subscribers/:id                 the person (person-page.tsx)
//   POST /admin/subscribers/:id/tags            { tags: "a, b" } adds tags
//   POST /admin/subscribers/:id/tags/remove     { tag } removes one
//   POST /admin/subscribers/:id/unsubscribe     unsubscribes (consent withdrawn, form "console", no goodbye email)
//   POST /admin/subscribers/:id/export          everything held about them, as a JSON download
//   POST /admin/subscribers/:id/erase           { confirm: their address } erases them
// Erasure asks for the person's address, not a fixed word: typing "ERASE" becomes a habit that confirms nothing,
// while the address proves the person at the keyboard means this subscriber (it is compared by hash, like search).
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { fieldErrors } from "../../api/errors.ts";
import { adminId } from "../../api/validation.ts";
import type { AppDeps } from "../../deps.ts";
import { hashEmail } from "../../lib/email-address.ts";
import { eraseSubscriber } from "../../privacy/erasure.ts";
import { exportSubscriberData } from "../../privacy/export.ts";
import { FORMS } from "../../subscribers/consent.ts";
import { personView } from "../../subscribers/person.ts";
import { findSubscriberById } from "../../subscribers/store.ts";
import { addTags, removeTag, tagSchema } from "../../subscribers/tags.ts";
import { unsubscribeSubscriber } from "../../subscribers/unsubscribe.ts";
import type { ConsoleEnv } from "../env.ts";
import { shell } from "../layout.tsx";
import { auditSubscriberAction } from "./audit.ts";
import { NotFoundPage } from "./not-found-page.tsx";
import { ERASE_LABEL, PersonPage } from "./person-page.tsx";

const params = z.object({ id: adminId("subscriber") });

const tagsForm = z.object({
  tags: z
    .string({ error: "Enter at least one tag." })
    .transform((v) =>
      v
        .split(/[,\s]+/)
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(tagSchema).min(1, "Enter at least one tag.").max(20, "At most 20 tags at once.")),
});
const removeTagForm = z.object({ tag: tagSchema });
const eraseForm = z.object({ confirm: z.string().trim().max(1000).default("") });

const NOTICES: Record<string, string> = {
  tagged: "Tags added.",
  untagged: "Tag removed.",
  unsubscribed: "Unsubscribed. Nothing more will be sent to this person.",
  "already-unsubscribed": "This person was already not receiving email; nothing changed.",
};

type C = Context<ConsoleEnv>;

export function personRoutes(deps: AppDeps) {
  /** The page with a status and messages, or the not-found page when the person is gone. */
  async function page(
    c: C,
    id: string,
    status: 200 | 422,
    extra: { errors?: Record<string, string[]>; tagsValue?: string } = {},
  ) {
    c.header("Cache-Control", "no-store");
    const view = await personView(deps, id);
    if (!view.ok) return c.html(<NotFoundPage {...shell(c)} />, 404);
    const notice = status === 200 ? NOTICES[c.req.query("done") ?? ""] : undefined;
    return c.html(<PersonPage {...shell(c)} person={view.person} notice={notice} {...extra} />, status);
  }
  const notFound = (c: C) => c.html(<NotFoundPage {...shell(c)} />, 404);
  const badId = zValidator("param", params, (result, c) => {
    if (!result.success) return notFound(c as C);
  });
  const back = (c: C, id: string, done: string) => c.redirect(`/admin/subscribers/${id}?done=${done}`, 303);

  return new Hono<ConsoleEnv>()
    .get("/:id", badId, (c) => page(c, c.req.valid("param").id, 200))
    .post(
      "/:id/tags",
      badId,
      zValidator("form", tagsForm, async (result, c) => {
        if (result.success) return;
        const typed = (await c.req.parseBody()).tags;
        return page(c as C, c.req.param("id") ?? "", 422, {
          errors: fieldErrors(result.error),
          tagsValue: typeof typed === "string" ? typed : "",
        });
      }),
      async (c) => {
        const { id } = c.req.valid("param");
        const { tags } = c.req.valid("form");
        const result = await addTags(deps, id, tags);
        if (!result.ok) return notFound(c);
        await auditSubscriberAction(deps, c, "subscriber.tags-added", id, { tags: tags.join(",") });
        return back(c, id, "tagged");
      },
    )
    .post(
      "/:id/tags/remove",
      badId,
      zValidator("form", removeTagForm, (result, c) => {
        if (!result.success)
          return page(c as C, c.req.param("id") ?? "", 422, { errors: fieldErrors(result.error) });
      }),
      async (c) => {
        const { id } = c.req.valid("param");
        const { tag } = c.req.valid("form");
        const result = await removeTag(deps, id, tag);
        if (!result.ok) return notFound(c);
        await auditSubscriberAction(deps, c, "subscriber.tag-removed", id, { tag });
        return back(c, id, "untagged");
      },
    )
    .post("/:id/unsubscribe", badId, async (c) => {
      const { id } = c.req.valid("param");
      const outcome = await unsubscribeSubscriber(deps, id, {
        reason: "admin",
        form: FORMS.console,
        ip: null,
        userAgent: null,
      });
      if (outcome === "not-found") return notFound(c);
      if (outcome === "unsubscribed") await auditSubscriberAction(deps, c, "subscriber.unsubscribed", id);
      return back(c, id, outcome);
    })
    .post("/:id/export", badId, async (c) => {
      const { id } = c.req.valid("param");
      const result = await exportSubscriberData(deps.db, id, deps.now());
      if (!result.ok) return notFound(c);
      await auditSubscriberAction(deps, c, "subscriber.exported", id);
      c.header("Cache-Control", "no-store");
      c.header("Content-Disposition", `attachment; filename="subscriber-${id}.json"`);
      return c.json(result.data);
    })
    .post("/:id/erase", badId, zValidator("form", eraseForm), async (c) => {
      const { id } = c.req.valid("param");
      const subscriber = await findSubscriberById(deps.db, id);
      if (!subscriber) return notFound(c);
      const { confirm } = c.req.valid("form");
      if (confirm === "" || (await hashEmail(confirm)) !== subscriber.emailHash) {
        const message =
          confirm === ""
            ? `${ERASE_LABEL}; nothing was erased.`
            : "That is not this person's email address; nothing was erased.";
        return page(c, id, 422, { errors: { confirm: [message] } });
      }
      const result = await eraseSubscriber(deps, id);
      if (!result.ok) return notFound(c);
      return c.redirect("/admin/subscribers?done=erased", 303);
    });
}
