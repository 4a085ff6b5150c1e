// The fingerprint of what a reviewer approves: subject, preheader, body, author and sources, the parts a reader
// sees and a clinical review vouches for. The name and the audience are not in it: changing who gets a campaign
// does not change what it says. SHA-256 through WebCrypto, so Node and Workers agree.
import type { CampaignContent } from "./build-emails.ts";

export type ReviewedContent = Pick<
  CampaignContent,
  "subject" | "preheader" | "bodyMarkdown" | "authorId" | "sources"
>;

export async function contentHash(content: ReviewedContent): Promise<string> {
  const canonical = JSON.stringify([
    content.subject,
    content.preheader,
    content.bodyMarkdown,
    content.authorId,
    content.sources.map((s) => [s.claim, s.citation]),
  ]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
