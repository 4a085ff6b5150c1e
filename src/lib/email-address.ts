// Address normalisation and hashing. The hash (of the fully lower-cased address) is what the suppression list
// keeps after erasure, so a person who asked to be forgotten is still never mailed again.
const encoder = new TextEncoder();

/** Trims and lower-cases the domain; the local part keeps its case (RFC 5321 lets servers treat it as case-sensitive). */
export function normaliseEmail(input: string): string {
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf("@");
  if (at < 0) return trimmed;
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

export async function hashEmail(email: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(normaliseEmail(email).toLowerCase()));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
