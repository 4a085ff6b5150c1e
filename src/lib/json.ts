// JSON text from outside (a request or webhook body), parsed without throwing: each edge answers bad JSON with its
// own 400, never a 500 from an escaped SyntaxError.
export type ParsedJson = { ok: true; value: unknown } | { ok: false };

export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
