// Third held-out set for bench:triage. Written on 2 Dec 2026 before anyone looked at the rules it is run
// against. Its misses (seven crisis rows, one unsubscribe row) were reviewed the same day and moved into the
// reviewed table with the rules that now catch them, so what is left here is only the rows the rules already
// caught: it no longer measures unseen wording. Write new rows here before changing the rules again, and do not
// add rules for their misses; when a miss is reviewed and fixed, move the row into test/replies/phrasings.ts.
import type { Phrasing } from "../test/replies/phrasings.ts";

/** A reply typed above our lesson as Gmail quotes it. */
const quoted = (reply: string): string =>
  [
    reply,
    "",
    "On Tue, Dec 1, 2026 at 9:00 AM Hopemark Health <newsletter@hopemark.test> wrote:",
    "> Sleep and mood are closely linked. This week we look at routines.",
    "> Call or text 988 to reach the 988 Suicide & Crisis Lifeline: free, confidential, 24/7.",
    "> Unsubscribe: http://newsletter.test/unsubscribe?token=xyz",
  ].join("\n");

export const HELD_OUT_3: Phrasing[] = [
  // Crisis: indirect, misspelt, lower case, no punctuation, quoted thread, Spanish.
  { kind: "indirect", text: "Everyone would be better off without me, honestly.", expected: "crisis" },
  { kind: "indirect", text: "I just want to go to sleep and never wake up", expected: "crisis" },
  { kind: "indirect", text: "There's no way out for me. I feel completely trapped.", expected: "crisis" },
  { kind: "indirect", text: "I've been giving my things away to my sister this week.", expected: "crisis" },
  { kind: "indirect", text: "I have nothing left to live for.", expected: "crisis" },
  {
    kind: "indirect",
    text: "I'm such a burden to my family, they'd be relieved if I disappeared.",
    expected: "crisis",
  },
  { kind: "direct", text: "I am thinking about ending my life.", expected: "crisis" },
  { kind: "direct", text: "I bought a rope yesterday.", expected: "crisis" },
  { kind: "misspelt", text: "i want to kil myself", expected: "crisis" },
  { kind: "misspelt", text: "I dont want to live anymoore", expected: "crisis" },
  { kind: "lower case", text: "im going to end it all this weekend", expected: "crisis" },
  { kind: "lower case", text: "i have been stockpiling my meds", expected: "crisis" },
  {
    kind: "quoted thread",
    text: quoted("Thanks for this. I'm planning to take all my pills tonight."),
    expected: "crisis",
  },
  { kind: "quoted thread", text: quoted("honestly i wish i was dead"), expected: "crisis" },
  // Near misses and ordinary replies: not crisis.
  { kind: "near miss", text: "This article about sleep was to die for!", expected: "other" },
  { kind: "near miss", text: "My phone battery is dead, so I read it on my laptop.", expected: "other" },
  {
    kind: "near miss",
    text: "The deadline at work is killing me but I loved the lesson.",
    expected: "other",
  },
  {
    kind: "near miss",
    text: "My grandfather died of a heart attack last year; do you cover heart health?",
    expected: "other",
  },
  {
    kind: "near miss",
    text: "Can you write about how to help a friend who talks about suicide?",
    expected: "other",
  },
  { kind: "other", text: "Loved lesson 3, the breathing exercise really helped.", expected: "other" },
  { kind: "other", text: quoted("Could you send the link to lesson 2 again?"), expected: "other" },
  { kind: "other", text: "gracias por el boletín, muy útil", expected: "other" },
  // Unsubscribe requests, some misspelt.
  { kind: "unsubscribe", text: "Please take me off your mailing list.", expected: "unsubscribe" },
  { kind: "unsubscribe", text: "unsubscibe", expected: "unsubscribe" },
  { kind: "unsubscribe", text: "stop sending me these emails", expected: "unsubscribe" },
  { kind: "unsubscribe", text: "Remove me please", expected: "unsubscribe" },
  { kind: "unsubscribe", text: quoted("Unsubscribe me, thanks"), expected: "unsubscribe" },
  { kind: "unsubscribe", text: "I no longer want to recieve these", expected: "unsubscribe" },
];
