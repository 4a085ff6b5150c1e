// Body limits that answer 413 without reading the rest of the body. The unread bytes are still on the wire, so
// the keep-alive connection cannot carry the client's next request (it would read them as one and fail with
// "other side closed"): the answer says Connection: close, and the client opens a fresh connection.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { apiError } from "./errors.ts";

export function limitBody(maxSize: number, message: string): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: (c) => {
      c.header("Connection", "close");
      return apiError(c, 413, "payload_too_large", message);
    },
  });
}
