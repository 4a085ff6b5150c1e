// An RFC 5322 message from what the mailer hands to the transport, so tools that read real mail (SpamAssassin,
// a desktop client) can judge an email with its real headers. Both parts are quoted-printable, as Resend sends.
import type { OutgoingEmail } from "../../src/mail/types.ts";

/** Quoted-printable (RFC 2045): lines at most 76 characters, soft breaks with "=". */
export function quotedPrintable(text: string): string {
  const bytes = new TextEncoder().encode(text.replace(/\r?\n/g, "\r\n"));
  const lines: string[] = [];
  let line = "";
  const push = (token: string) => {
    if (line.length + token.length > 75) {
      lines.push(`${line}=`);
      line = "";
    }
    line += token;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 13 && bytes[i + 1] === 10) {
      // A space or tab before a line break must be encoded, or transports may strip it.
      if (/[ \t]$/.test(line))
        line = `${line.slice(0, -1)}=${line
          .charCodeAt(line.length - 1)
          .toString(16)
          .toUpperCase()
          .padStart(2, "0")}`;
      lines.push(line);
      line = "";
      i++;
    } else if ((b >= 33 && b <= 126 && b !== 61) || b === 32 || b === 9) {
      push(String.fromCharCode(b));
    } else {
      push(`=${b.toString(16).toUpperCase().padStart(2, "0")}`);
    }
  }
  lines.push(line);
  return lines.join("\r\n");
}

/** RFC 2047 encoded-word for a header value that is not plain ASCII. */
function headerValue(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString("base64")}?=`;
}

export function toEml(message: OutgoingEmail, date = new Date()): string {
  const boundary = `hm-${message.idempotencyKey.replace(/[^A-Za-z0-9]/g, "").slice(0, 24)}-alt`;
  const domain = /@([^>\s]+)/.exec(message.from ?? "")?.[1] ?? "hopemark.localhost";
  const headers: [string, string][] = [
    ["From", message.from ?? ""],
    ["To", message.to],
    ...(message.replyTo ? ([["Reply-To", message.replyTo]] as [string, string][]) : []),
    ["Subject", headerValue(message.subject)],
    ["Date", date.toUTCString().replace("GMT", "+0000")],
    ["Message-ID", `<${message.idempotencyKey.replace(/[^A-Za-z0-9.-]/g, ".")}@${domain}>`],
    ["MIME-Version", "1.0"],
    ...Object.entries(message.headers),
    ["Content-Type", `multipart/alternative; boundary="${boundary}"`],
  ];
  const part = (type: string, body: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=UTF-8`,
      "Content-Transfer-Encoding: quoted-printable",
      "",
      quotedPrintable(body),
    ].join("\r\n");
  return [
    ...headers.map(([k, v]) => `${k}: ${v}`),
    "",
    part("text/plain", message.text),
    part("text/html", message.html),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}
