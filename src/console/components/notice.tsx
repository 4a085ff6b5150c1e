/** @jsxImportSource hono/jsx */
// The line that confirms what a form just did (after its redirect, ?done=…), announced politely to screen readers.
// Nothing at all when there is nothing to say.
export function Notice({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <p class="notice" role="status">
      {text}
    </p>
  );
}
