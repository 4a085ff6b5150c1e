// bench:triage — runs the reply triage rules over the reviewed phrasing table (test/replies/phrasings.ts) and
// prints a confusion table (expected class in rows, triage's answer in columns), every miss and false alarm,
// and how fast the rules classify. Exits 1 when a crisis reply is missed: that is the error that matters most.
import { classifyReply } from "../src/replies/classify.ts";
import type { ReplyClass } from "../src/replies/rules.ts";
import { HELD_OUT, PHRASINGS, type Phrasing } from "../test/replies/phrasings.ts";
import { HELD_OUT_3 } from "./triage-held-out.ts";

const CLASSES: ReplyClass[] = ["crisis", "unsubscribe", "auto-reply", "other"];
const OWN = ["newsletter@hopemark.test", "replies@hopemark.test", "team@hopemark.test"];

type Outcome = { missedCrisis: number };

/** Prints the confusion table and every miss and false alarm for one set of phrasings. */
function report(title: string, rows: Phrasing[]): Outcome {
  const matrix = new Map<string, number>();
  const wrong: { row: (typeof rows)[number]; got: ReplyClass; rule: string }[] = [];
  for (const row of rows) {
    const result = classifyReply(
      {
        from: row.from ?? "reader@example.com",
        subject: row.subject ?? "Re: Lesson 2",
        text: row.text,
        headers: row.headers ?? {},
      },
      { ownAddresses: OWN },
    );
    const key = `${row.expected}>${result.class}`;
    matrix.set(key, (matrix.get(key) ?? 0) + 1);
    if (result.class !== row.expected) wrong.push({ row, got: result.class, rule: result.rule });
  }

  const width = 13;
  const cell = (s: string | number) => String(s).padStart(width);
  console.info(`${title}: ${rows.length} phrasings (rows: expected, columns: triage)\n`);
  console.info(`${"".padEnd(width)}${CLASSES.map(cell).join("")}${cell("total")}`);
  for (const expected of CLASSES) {
    const counts = CLASSES.map((got) => matrix.get(`${expected}>${got}`) ?? 0);
    console.info(
      `${expected.padEnd(width)}${counts.map(cell).join("")}${cell(counts.reduce((a, b) => a + b, 0))}`,
    );
  }

  const missedCrisis = wrong.filter((w) => w.row.expected === "crisis");
  const falseAlarms = wrong.filter((w) => w.got === "crisis");
  const crisisTotal = rows.filter((p) => p.expected === "crisis").length;
  const flagged = rows.length - wrong.length;
  console.info(`\ncorrect: ${flagged}/${rows.length}`);
  console.info(`crisis recall: ${crisisTotal - missedCrisis.length}/${crisisTotal}`);
  console.info(`crisis false alarms: ${falseAlarms.length}`);
  console.info(`misses (crisis not recognised): ${missedCrisis.length}`);
  for (const w of wrong) {
    const label = w.row.expected === "crisis" ? "MISS" : w.got === "crisis" ? "FALSE ALARM" : "WRONG";
    console.info(
      `  ${label}: expected ${w.row.expected}, got ${w.got} (${w.rule}) [${w.row.kind}] ${JSON.stringify(w.row.text.slice(0, 80))}`,
    );
  }

  return { missedCrisis: missedCrisis.length };
}

const table = report("Reviewed table (asserted by test/replies/classify.test.ts)", PHRASINGS);
console.info("");
report("Second held-out set, what is left after its misses joined the table (not asserted)", HELD_OUT);
console.info("");
report("Third held-out set, bench/triage-held-out.ts (never tuned against; not asserted)", HELD_OUT_3);
console.info("");

const rounds = 200;
const start = performance.now();
for (let i = 0; i < rounds; i++) {
  for (const row of PHRASINGS) {
    classifyReply(
      { from: "reader@example.com", subject: row.subject ?? "", text: row.text, headers: row.headers ?? {} },
      { ownAddresses: OWN },
    );
  }
}
const perSecond = (rounds * PHRASINGS.length) / ((performance.now() - start) / 1000);
console.info(`\nthroughput: ${Math.round(perSecond).toLocaleString("en-US")} replies classified per second`);
if (table.missedCrisis > 0) process.exitCode = 1;
