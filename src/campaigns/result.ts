// What the campaign operations answer: the value, or a failure the admin routes turn into an error response.
import type { Finding } from "../lint/index.ts";

export type Failure = {
  ok: false;
  status: 404 | 409 | 422 | 502;
  code: string;
  message: string;
  fields?: Record<string, string[]>;
  findings?: Finding[];
};
export type Result<T> = ({ ok: true } & T) | Failure;

export const notFound: Failure = {
  ok: false,
  status: 404,
  code: "not_found",
  message: "No campaign with this id.",
};
