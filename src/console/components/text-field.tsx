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

/** The fields of V that hold text, the ones a TextField can show. */
type TextKeys<V> = { [K in keyof V]-?: NonNullable<V[K]> extends string ? K : never }[keyof V] & string;

/**
 * TextFields bound to one form's values, field messages and labels, which all use the field's name as key: each
 * field then names itself once, and cannot show another field's value or messages under its label.
 */
export function boundTextField<V extends object>(
  values: V,
  errors: Record<string, string[]> | undefined,
  labels: Record<TextKeys<V>, string>,
) {
  return (props: { name: TextKeys<V> } & Pick<TextFieldProps, "hint" | "required">) => {
    const value: unknown = values[props.name];
    return (
      <TextField
        name={props.name}
        label={labels[props.name]}
        value={typeof value === "string" ? value : undefined}
        hint={props.hint}
        errors={errors?.[props.name]}
        required={props.required}
      />
    );
  };
}
