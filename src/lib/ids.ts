/** Row ids ("sub_…", "cmp_…", "snd_…") are opaque and unguessable; tokens carry them, never the address. */
export function randomId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, "")}`;
}
