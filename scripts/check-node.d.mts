// Types for check-node.mjs, which stays plain JavaScript so that any Node version can run it.
export function satisfies(version: string, range: string): boolean;
export function nodeVersionProblem(version: string, range: string): string | undefined;
