/** @jsxImportSource hono/jsx */
// A labelled input with its hint and error, wired up for screen readers (aria-describedby, aria-invalid).
export type TextFieldProps = {
  name: string;
  label: string;
  type?: "text" | "email" | "search";
  value?: string | undefined;
  hint?: string | undefined;
  errors?: string[] | undefined;
  autocomplete?: string;
  required?: boolean;
};

export function TextField(props: TextFieldProps) {
  const id = `field-${props.name}`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value ?? ""}
        autocomplete={props.autocomplete}
        required={props.required}
        aria-invalid={errorId ? "true" : undefined}
        aria-describedby={describedBy}
      />
      {errorId ? (
        <p class="error" id={errorId}>
          {props.errors?.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
