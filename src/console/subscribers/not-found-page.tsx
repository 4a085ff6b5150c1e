/** @jsxImportSource hono/jsx */
// A subscriber id that matches nobody: never there, or erased (an erased person leaves no profile to show).
import { ConsoleLayout, type ConsoleLayoutProps } from "../layout.tsx";

export function NotFoundPage(props: Pick<ConsoleLayoutProps, "account" | "csrfToken">) {
  return (
    <ConsoleLayout {...props} title="Subscriber not found" section="subscribers">
      <h1>No such subscriber</h1>
      <p>Nobody on the list has this id. An erased person leaves no profile behind.</p>
      <p>
        <a href="/admin/subscribers">Back to subscribers</a>
      </p>
    </ConsoleLayout>
  );
}
