// The triage rules over the reviewed phrasing table, plus the properties the table alone does not pin down:
// crisis wins, every rule cites its source, and the quoted thread is split where mail clients put it.
import { describe, expect, it } from "vitest";
import { classifyReply, splitReply } from "../../src/replies/classify.ts";
import { CRISIS_RULES, UNSUBSCRIBE_RULES } from "../../src/replies/rules.ts";
import { PHRASINGS } from "./phrasings.ts";

const OWN = ["newsletter@hopemark.test", "replies@hopemark.test", "team@hopemark.test"];

const triage = (row: (typeof PHRASINGS)[number]) =>
  classifyReply(
    {
      from: row.from ?? "reader@example.com",
      subject: row.subject ?? "Re: Lesson 2",
      text: row.text,
      headers: row.headers ?? {},
    },
    { ownAddresses: OWN },
  );

describe("reply triage rules", () => {
  it("the table has at least 60 phrasings, near misses included", () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(60);
    expect(PHRASINGS.filter((p) => p.kind === "near miss").length).toBeGreaterThanOrEqual(8);
    for (const kind of ["direct", "indirect", "misspelt", "lower case", "quoted thread"] as const) {
      expect(PHRASINGS.some((p) => p.kind === kind)).toBe(true);
    }
  });

  it.each(PHRASINGS.map((p, i) => [i, p.kind, p.text.split("\n")[0], p] as const))(
    "row %i (%s) %j",
    (_i, _kind, _first, row) => {
      expect(triage(row).class).toBe(row.expected);
    },
  );

  it("records the rule that matched", () => {
    const base = { from: "reader@example.com", subject: "Re: Lesson 2", headers: {} };
    expect(
      classifyReply({ ...base, text: "Everyone would be better off without me" }, { ownAddresses: OWN }),
    ).toEqual({
      class: "crisis",
      rule: "crisis-burden",
      automatic: null,
    });
    expect(classifyReply({ ...base, text: "please unsubscribe me" }, { ownAddresses: OWN }).rule).toBe(
      "unsubscribe-en",
    );
    expect(classifyReply({ ...base, text: "Hello" }, { ownAddresses: OWN }).rule).toBe("no-rule-matched");
    expect(
      classifyReply(
        { ...base, text: "Away", headers: { "AUTO-SUBMITTED": "auto-replied" } },
        { ownAddresses: OWN },
      ),
    ).toEqual({ class: "auto-reply", rule: "auto-submitted", automatic: "auto-submitted" });
  });

  it("crisis wins over unsubscribe and over automatic mail, which keeps its automatic flag", () => {
    const base = { from: "reader@example.com", subject: "Re: Lesson 2" };
    expect(
      classifyReply({ ...base, text: "unsubscribe me, I want to die", headers: {} }, { ownAddresses: OWN })
        .class,
    ).toBe("crisis");
    expect(
      classifyReply(
        { ...base, text: "I want to die", headers: { Precedence: "bulk" } },
        { ownAddresses: OWN },
      ),
    ).toEqual({ class: "crisis", rule: "crisis-wish-to-die", automatic: "precedence-bulk" });
  });

  it("a crisis statement in the subject counts", () => {
    const result = classifyReply(
      { from: "r@example.com", subject: "Re: I can't go on", text: "", headers: {} },
      { ownAddresses: OWN },
    );
    expect(result.class).toBe("crisis");
  });

  it("every rule names its source and has phrases that compile", () => {
    for (const rule of [...CRISIS_RULES, ...UNSUBSCRIBE_RULES]) {
      expect(rule.source.length, rule.id).toBeGreaterThan(20);
      expect(rule.phrases.length, rule.id).toBeGreaterThan(0);
    }
    expect(CRISIS_RULES.some((r) => r.source.includes("988"))).toBe(true);
    expect(CRISIS_RULES.some((r) => r.source.includes("Samaritans"))).toBe(true);
    expect(CRISIS_RULES.some((r) => r.source.toLowerCase().includes("safe messaging"))).toBe(true);
  });

  it("splits new text from the quoted thread", () => {
    const parts = splitReply("Hi\n\nOn Mon, Dec 1 Hopemark wrote:\n> unsubscribe\nmiddle line\n> more");
    expect(parts.newText.trim()).toBe("Hi");
    expect(parts.ownLines).toContain("middle line");
    expect(parts.ownLines).not.toContain("unsubscribe");
  });
});
