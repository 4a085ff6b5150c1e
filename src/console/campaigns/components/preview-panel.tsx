/** @jsxImportSource hono/jsx */
// The preview beside the editor: the subject and preheader as an inbox lists them, the real rendered email in two
// sandboxed frames (desktop and phone width), and the plain-text part. The frames load a same-origin preview page
// with its own narrow policy (inline styles, no script): a srcdoc frame would inherit the console's policy, which
// forbids the inline styles every email is made of.
export function PreviewPanel(props: {
  subject: string;
  preheader: string;
  text: string | null;
  /** The saved version's preview URL; absent for a campaign not saved yet (the frames fill on preview). */
  src?: string | undefined;
  sender: string;
}) {
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <h3>As an inbox lists it</h3>
      <div class="inbox">
        <p class="inbox-from">{props.sender}</p>
        <p class="inbox-subject" id="preview-subject">
          {props.subject || "(no subject yet)"}
        </p>
        <p class="inbox-preheader" id="preview-preheader">
          {props.preheader}
        </p>
      </div>
      <h3>Desktop</h3>
      <iframe
        name="preview-desktop"
        id="preview-desktop"
        class="frame-desktop"
        title="The email at desktop width"
        sandbox=""
        src={props.src}
      />
      <h3>Phone (375 px)</h3>
      <iframe
        name="preview-phone"
        id="preview-phone"
        class="frame-phone"
        title="The email at phone width"
        sandbox=""
        src={props.src}
      />
      <details open>
        <summary>Plain text</summary>
        <pre id="preview-text" class="plain-text">
          {props.text ?? "(Nothing to show until the body and author are set.)"}
        </pre>
      </details>
    </section>
  );
}
