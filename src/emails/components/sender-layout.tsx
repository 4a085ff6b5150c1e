// The frame of every email sent in the sender's own name rather than as content (confirmation, welcome, notices,
// the crisis auto-reply, the team's reply alert): the subject is the title and the attribution is the sender
// from the context. Layout still prints the crisis banner and footer, the attribution and the unsubscribe footer.
import type { ReactNode } from "react";
import type { EmailContext } from "../types.ts";
import { Layout } from "./layout.tsx";
import type { FooterLinks } from "./unsubscribe-footer.tsx";

/** What tells one such email from another in the inbox list and the footer. */
export interface SenderNote {
  subject: string;
  preheader: string;
  /** One sentence: why this address receives this email (the footer's first line). */
  reason: string;
}

export interface SenderLayoutProps {
  ctx: EmailContext;
  note: SenderNote;
  /** Marketing mail only: the unsubscribe and preferences links (both or neither). */
  links?: FooterLinks | undefined;
  children: ReactNode;
}

export function SenderLayout({ ctx, note, links, children }: SenderLayoutProps) {
  return (
    <Layout
      ctx={ctx}
      title={note.subject}
      preheader={note.preheader}
      attribution={{ kind: "sender", sender: ctx.sender }}
      footer={{ reason: note.reason, ...links }}
    >
      {children}
    </Layout>
  );
}
