// Typo and spacing tolerance in triage: the normaliser, the edit distance and the key-word readings, and that a
// decision made through a reading says which words matched and which readings it needed.
import { describe, expect, it } from "vitest";
import { explainReply, normalise } from "../../src/replies/classify.ts";
import { correctKeyWords, editDistance, keyWordFor } from "../../src/replies/fuzzy.ts";
import { KEY_WORDS } from "../../src/replies/rules.ts";

const OWN = ["newsletter@hopemark.test"];
const explain = (text: string) =>
  explainReply(
    { from: "reader@example.com", subject: "Re: Lesson 2", text, headers: {} },
    { ownAddresses: OWN },
  );

describe("typo and spacing tolerance", () => {
  it("normalises apostrophes, held-down letters and an 'i' glued to the next word", () => {
    expect(normalise("I DON\u2019T  know")).toBe("i dont know");
    expect(normalise("do'nt")).toBe("dont");
    expect(normalise("sooo tired, pleeease")).toBe("so tired, please");
    expect(normalise("too killed")).toBe("too killed");
    expect(normalise("idont want this, iwant that")).toBe("i dont want this, i want that");
    expect(normalise("idea ice")).toBe("idea ice");
  });

  it("measures Damerau-Levenshtein distance, a swap of neighbours counting once", () => {
    expect(editDistance("wnat", "want")).toBe(1);
    expect(editDistance("unsusbcribe", "unsubscribe")).toBe(1);
    expect(editDistance("unsubscibe", "unsubscribe")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("reads a word as a key word only within one slip, four-letter words only by a swap", () => {
    expect(keyWordFor("wnat")).toBe("want");
    expect(keyWordFor("wont")).toBeUndefined();
    expect(keyWordFor("bill")).toBeUndefined();
    expect(keyWordFor("myslef")).toBe("myself");
    expect(keyWordFor("anymoore")).toBe("anymore");
    expect(keyWordFor("suicde")).toBe("suicide");
    expect(keyWordFor("unsubscrbie")).toBe("unsubscribe");
    expect(keyWordFor("unsbscrbe")).toBeUndefined();
    expect(keyWordFor("want")).toBeUndefined();
    for (const word of KEY_WORDS) expect(keyWordFor(word), word).toBeUndefined();
    expect(correctKeyWords("i wnat to kill myslef")).toEqual({
      text: "i want to kill myself",
      corrections: ["wnat→want", "myslef→myself"],
    });
  });

  it("records the rule, the matched words and the readings a decision needed", () => {
    expect(explain("i wnat to die")).toEqual({
      result: { class: "crisis", rule: "crisis-wish-to-die", automatic: null },
      evidence: { matched: "want to die", corrections: ["wnat→want"] },
    });
    expect(explain("Unsusbcribe")).toEqual({
      result: { class: "unsubscribe", rule: "unsubscribe-en", automatic: null },
      evidence: { matched: "unsubscribe", corrections: ["unsusbcribe→unsubscribe"] },
    });
    expect(explain("idont want to be here anymore").evidence).toEqual({
      matched: "dont want to be here",
      corrections: [],
    });
    expect(explain("Thanks, see you next week").evidence).toBeNull();
  });

  it("words as typed win: a reading is tried only when nothing matched as typed", () => {
    expect(explain("I want to die, myslef").evidence).toEqual({ matched: "want to die", corrections: [] });
  });
});
