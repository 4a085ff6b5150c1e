// The reviewed phrase rules that triage reader replies, as data, with the guidance each group comes from. A
// reviewer can read and extend this file without reading the matcher (classify.ts). Deterministic on purpose:
// no model and no external service, so every decision can be explained by the rule id stored with the reply.
//
// How a phrase is read
//   - Text is lower-cased, curly quotes become straight ones, zero-width characters go and whitespace collapses
//     to one space before matching; so a phrase matches however the reader typed or wrapped it. Apostrophes
//     inside words are dropped ("don't" reads "dont"), a letter held down ("sooo") reads once, and "i" glued to
//     the next word (GLUED_TO_I: "idont") gets its space back.
//   - Typos: when no rule matches the text as typed, it is read again with every word one slip from a KEY_WORDS
//     entry read as that word (Damerau-Levenshtein 1 for words of five letters or more, a swap of two
//     neighbouring letters for four-letter words: "wnat" → "want", "unsusbcribe" → "unsubscribe"). The words
//     a rule matched and the readings it needed are kept with the decision (classify.ts, explainReply).
//   - Each phrase is a small regular expression matched as whole words. A space in a phrase matches one or more
//     spaces. `'?` makes an apostrophe optional ("dont", "don't"), which is how people type on phones.
//   - `unlessFollowedBy`: a match directly followed by one of these is a figure of speech, not a statement.
//
// How triage decides (see classify.ts)
//   1. Crisis rules read every line the reader wrote themselves, anywhere above a forwarded or quoted message,
//      including lines typed between quoted lines: missing a crisis statement costs far more than a false alarm.
//   2. Automatic-mail rules read headers and the sender (RFC 3834).
//   3. Unsubscribe rules read only the new text above the quoted thread, because our own email (quoted below a
//      reply) contains the word "unsubscribe".
//   Crisis wins over everything; an automatic message then still alerts a person but is never answered.
//   Anything no rule decides is "other": it needs a person and is forwarded.

export type ReplyClass = "crisis" | "unsubscribe" | "auto-reply" | "other";

export interface PhraseRule {
  /** Kebab-case; stored with each reply as the reason for its class. */
  id: string;
  class: "crisis" | "unsubscribe";
  /** What the rule recognises, in words, for the reply queue and reviewers. */
  description: string;
  /** The published guidance the phrases come from. */
  source: string;
  phrases: readonly string[];
  unlessFollowedBy?: readonly string[];
  /** Matches only when the phrase is the whole new text (e.g. a bare "STOP"). */
  wholeText?: boolean;
  /** Words that, at most 3 words before a match, turn it into its opposite ("I almost unsubscribed"). */
  unlessPreceded?: readonly string[];
}

/** Words a reader glues to "i" when the space bar is missed on a phone ("idont" → "i dont"). */
export const GLUED_TO_I = [
  "dont",
  "cant",
  "wont",
  "want",
  "wanna",
  "wish",
  "feel",
  "am",
  "have",
  "hate",
  "just",
  "need",
  "will",
  "was",
  "keep",
  "think",
] as const;

/**
 * The words that carry the meaning of the phrases below, read with typo tolerance. Only distinctive words: a
 * word one slip from a common harmless word ("trapped"/"wrapped", "living"/"loving") is left out, because the
 * reading would turn ordinary replies into crisis ones.
 */
export const KEY_WORDS: readonly string[] = [
  // Four letters: only a swap of two neighbouring letters counts.
  "want",
  "dont",
  "cant",
  "kill",
  "live",
  "life",
  "dead",
  "pain",
  "wish",
  // Five letters or more: one insertion, deletion, substitution or swap.
  "wanna",
  "suicide",
  "suicidal",
  "myself",
  "anymore",
  "hopeless",
  "goodbye",
  "burden",
  "unbearable",
  "overdose",
  "tonight",
  "unsubscribe",
  "subscription",
  "remove",
  "removed",
  "receive",
];

const LIFELINE_SIGNS =
  "988 Suicide & Crisis Lifeline, 'Know the signs' (988lifeline.org/how-can-i-help): talking about wanting to die or to kill oneself";
const SAMARITANS_SIGNS =
  "Samaritans, 'Signs that someone may be struggling to cope' (samaritans.org/how-we-can-help/if-youre-worried-about-someone-else)";
const SAFE_MESSAGING =
  "Safe messaging guidance (reportingonsuicide.org, suicidepreventionmessaging.org): indirect wording counts; answer with hope and a way to get help";
const SAFETY_NOTES = "../shared/notes/safety-and-compliance.md, rules 19-21";

export const CRISIS_RULES: readonly PhraseRule[] = [
  {
    id: "crisis-wish-to-die",
    class: "crisis",
    description: "Says they want to die, wish they were dead or want to kill themselves",
    source: `${LIFELINE_SIGNS}; ${SAMARITANS_SIGNS}`,
    phrases: [
      "(want|wanted|wants|wanna|wish|wishing|ready|going) (to )?die",
      "want(ed)? to be dead",
      "wish (i|id|i'd) (was|were|be|had) (dead|never been born)",
      "wish (i|id|i'd) (could|would) (just )?(die|disappear|not wake up)",
      "kil+(ing|ed)? ?(my ?self|meself)",
      "end(ing)? (my|my own) life",
      "end(ing)? it all",
      "take (my|my own) life",
      "(want|going|plan|planning) to end (it|things)",
      "(wanna|gonna) end (it|things|my life)",
      // A misspelling of "die" that is not about hair or fabric.
      "(want|wanna) (to )?dye",
    ],
    // "killing myself laughing" is an idiom about laughter; "dye my hair" is about hair.
    unlessFollowedBy: ["laughing", "with laughter", "my", "it", "the", "her", "his", "them", "a", "some"],
  },
  {
    id: "crisis-suicidal",
    class: "crisis",
    description: "Says they feel suicidal or are thinking about suicide (spelling variants included)",
    source: `${LIFELINE_SIGNS}; ${SAFETY_NOTES}`,
    phrases: [
      // suicidal, sucidal, suicdal, suisidal, suicidle
      "s(ui|iu|u|i)(c|s)+i?d(al|le)",
      "(think|thinkin|thinking|thought|thoughts) (about|of) (suicide|s(ui|u)(c|s)i?de|ending (it|my life))",
      "(commit|committing|attempt|attempted|attempting|considering|contemplating) (suicide|s(ui|u)(c|s)i?de)",
      "s(ui|u)(c|s)i?de (note|plan|attempt)",
      // "kms" (kill myself) only with intent around it: "5 kms" is a distance.
      "(going to|gonna|want to|wanna|about to|might|will|i'?ll|ill) kms",
    ],
  },
  {
    id: "crisis-no-reason-to-live",
    class: "crisis",
    description: "Indirect: does not want to be here or alive, no reason to live, cannot go on",
    source: `${LIFELINE_SIGNS} (feeling hopeless or having no reason to live); ${SAMARITANS_SIGNS}; ${SAFE_MESSAGING}`,
    phrases: [
      "(don'?t|do not|no longer|not) want to (be here|be around|be alive|live|exist|wake up)",
      "(don'?t|do not) wanna (be here|be around|be alive|live|exist|wake up)",
      "no (reason|point) (to|in) (keep |keep on )?(live|living|going on|carrying on|being here)",
      "(don'?t|do not|can'?t|cannot) see (the|any) point (in|of) (living|going on|carrying on|life|being here)",
      "nothing (left )?to live for",
      "can'?t (go on|keep going|carry on|do this any ?more|take (it|this) any ?more)",
      "cannot (go on|keep going|carry on|do this any ?more|take (it|this) any ?more)",
      "(never|not) wake up again",
      "(go to sleep|fall asleep) and (never|not) wake up",
      "disappear (forever|for good)",
      "no way out",
      "life (isn'?t|is not) worth (it|living)",
      "what'?s the point (any ?more|of (living|anything|going on|it all|trying))",
      "(what is|whats) the point (any ?more|of (living|anything|going on|it all|trying))",
      "(want|need) (it all|everything) to (stop|end)",
      "(i'?m|im|i am) (so )?done with (life|living|everything|it all)",
      "(no|don'?t see a|do not see a|can'?t see a|cannot see a) future (for me|for myself)",
      "sleep forever",
      "(happier|better) if i (disappeared|was gone|were gone|wasn'?t here|weren'?t here|died)",
      // Not safe: with themselves or at home, a person needs to know now either way.
      "(i'?m|im|i am|i feel|feel) not safe",
      "(don'?t|do not) feel safe",
    ],
  },
  {
    id: "crisis-hopeless",
    class: "crisis",
    description: "Feels hopeless: nothing will ever get better, no hope left",
    source: `${LIFELINE_SIGNS} (feeling hopeless or having no reason to live); ${SAMARITANS_SIGNS} (hopelessness)`,
    phrases: [
      "(feel|feeling|felt|am|i'?m|im|so|completely|totally|utterly) hopeless",
      "nothing (will|is going to|is gonna|is ever going to|can) (ever )?(get|be|make (it|things)) better",
      "(it|things|life) (will|is going to|is gonna|can) never (get|be) better",
      "(it|things|life) (won'?t|will not|is not going to|isn'?t going to) ever (get|be) better",
      "(no|lost (all )?|given up (all )?|give up (all )?|without (any )?)hope (left|for me|any ?more)?",
      "(lost|given up|give up|giving up) (on )?(all )?hope",
    ],
    // "hopeless at cooking" is about a skill; "no hope of getting tickets" is about tickets.
    unlessFollowedBy: ["at", "with", "when it comes", "of (getting|finding|making|winning)"],
  },
  {
    id: "crisis-burden",
    class: "crisis",
    description: "Indirect: feels a burden, or that others would be better off without them",
    source: `${LIFELINE_SIGNS} (being a burden to others); ${SAMARITANS_SIGNS}; ${SAFE_MESSAGING}`,
    phrases: [
      "better off without me",
      "better off if (i|i'?m) (was|were|wasn'?t|weren'?t|am|gone|dead|not here|not around)",
      "(i'?m|i am|im|feel like|feel) (just )?(such )?a burden",
      "burden (to|on) (everyone|everybody|my family|others|the people)",
      // Believing nobody would notice or miss them is the other side of being a burden: their absence costs
      // nobody anything.
      "(nobody|no one|no-one|noone) (would|will|wouldn'?t|'?d) (even |ever |really )?(notice|care|miss me)( much)? (if|when) (i|i'?m|im) (was |were |am |)?(gone|dead|died|disappeared|not here|not around|wasn'?t here|weren'?t here)",
      "(nobody|no one|no-one|noone) (would|will) (even |ever |really )?miss me",
    ],
  },
  {
    id: "crisis-trapped-or-unbearable",
    class: "crisis",
    description: "Feels trapped or in unbearable pain",
    source: `${LIFELINE_SIGNS} (feeling trapped or in unbearable pain); ${SAMARITANS_SIGNS}`,
    phrases: [
      "(feel|feeling|am|i'?m|im) (so |completely )?trapped",
      "(unbearable|unendurable) (pain|suffering)",
      "pain is (unbearable|too much)",
      "can'?t (bear|stand|endure) (it|this|the pain|living)",
      "can'?t take (this|the|my) pain any ?more",
    ],
  },
  {
    id: "crisis-plan-or-means",
    class: "crisis",
    description: "Mentions a plan, a date or a means (pills, weapons, a note)",
    source: `${LIFELINE_SIGNS} (looking for a way to kill oneself); ${SAMARITANS_SIGNS}`,
    phrases: [
      "(stockpil|sav|hoard|collect)(e|ed|ing) (up )?(my |all my |the )?(pills|tablets|meds|medication)",
      "(take|took|taking|swallow|swallowed) (all|a bottle of|the whole bottle of) (my |the )?(pills|tablets|meds)",
      "overdos(e|ed|ing)",
      "(bought|got|have|found) a (gun|rope)",
      "(have|made|got|making) a plan to",
      "(picked|chosen|chose|set) (a|the) date",
      "(wrote|written|writing) (a|my) (note|letter) (to|for) (my )?(family|kids|children|wife|husband|partner|mum|mom|everyone)",
      // Means at hand: the pills, a rope or a weapon "ready".
      "(have|got|had|with) (the |my |all my |all the |enough )?(pills|tablets|meds|medication|rope|gun) (ready|lined up|counted out|here)",
      "(the |my )?(pills|tablets|meds|rope|gun) (are|is) ready",
    ],
  },
  {
    id: "crisis-time-frame",
    class: "crisis",
    description: "Names when: going to do it or end it tonight, today, this weekend",
    source: `${LIFELINE_SIGNS} (a plan, including a time frame); ${SAMARITANS_SIGNS}`,
    phrases: [
      "(tonight|today|tomorrow|this weekend|this week|this evening|soon) (i'?m|im|i am|i will|i'?ll|ill|is when i'?m) (going to|gonna|about to) (do it|end it|go through with it)",
      "(going to|gonna|about to|will) (do it|end it|go through with it) (tonight|today|tomorrow|this weekend|this evening)",
      "(tonight|today|tomorrow) is the (night|day)",
    ],
    // "I'm going to do it tonight" might be an exercise, but a person reads a false alarm, never a missed crisis.
  },
  {
    id: "crisis-farewell",
    class: "crisis",
    description: "Says goodbye for good or is giving things away",
    source: `${LIFELINE_SIGNS} (saying goodbye, giving things away); ${SAMARITANS_SIGNS}`,
    phrases: [
      "(saying|say) (my )?(final|last) goodbye",
      "this is (my )?(final|last) goodbye",
      "goodbye (forever|for good|everyone)",
      "giving away (my|all my|all of my) (things|stuff|belongings|possessions)",
      "(giving|gave|given|give) (away )?(my|all my|all of my) (things|stuff|belongings|possessions) away",
      "(give|gave|given|giving) away (my|all my|all of my) (things|stuff|belongings|possessions)",
      "(said|saying|say|says) (my )?goodbyes? to (everyone|everybody|(all )?(of )?(my )?(friends|family|kids|children|loved ones|parents|wife|husband|partner|mum|mom|dad|sister|brother)|the people i love)",
      "won'?t be (around|here) (much longer|for long|any ?more|next week)",
      "not be (around|here) (much longer|for long)",
      // Letters left for people "in case" the writer is gone (a plain "in case I'm not around on Monday" is not).
      "(wrote|written|writing|left|leaving) (letters|a letter|notes|a note) (for|to) [a-z' ]{1,40}in case",
    ],
  },
  {
    id: "crisis-es",
    class: "crisis",
    description:
      "Spanish: does not want to live, wants to die or to kill themselves, cannot bear it any more",
    source: `${LIFELINE_SIGNS} (the Lifeline answers in Spanish too: 988, option 2); ${SAFE_MESSAGING}`,
    phrases: [
      "no quiero (vivir|seguir viviendo|estar aqu[ií]|despertar)",
      "(quiero|quisiera|me quiero) morir(me)?",
      "(quiero|voy a) (matarme|suicidarme|quitarme la vida)",
      "me quiero (matar|suicidar)",
      "ya no (aguanto|puedo m[aá]s)",
      "no (aguanto|puedo) m[aá]s",
      "(pienso|pensando|pensado) en (suicidarme|el suicidio|matarme|quitarme la vida)",
    ],
  },
  {
    id: "crisis-self-harm",
    class: "crisis",
    description: "Mentions hurting or harming themselves",
    source: `${SAMARITANS_SIGNS} (self-harm); ${SAFETY_NOTES}`,
    phrases: ["(hurt|hurting|harm|harming|cut|cutting) (my ?self|meself)", "self[- ]?harm(ing)?"],
  },
];

/** Negations and hesitations that turn an unsubscribe phrase into its opposite, a few words before it. */
const NOT_LEAVING = [
  "don'?t",
  "do not",
  "never",
  "not",
  "won'?t",
  "wouldn'?t",
  "almost",
  "nearly",
  "was going to",
  "thought about",
  "no need to",
];

const UNSUBSCRIBE_SOURCE =
  "CAN-SPAM (16 CFR 316.5: honour opt-out requests), GDPR art. 7(3) (withdrawing consent is as easy as giving it); safety-and-compliance.md rule 13";

export const UNSUBSCRIBE_RULES: readonly PhraseRule[] = [
  {
    id: "unsubscribe-en",
    class: "unsubscribe",
    description: "Asks to unsubscribe, be removed or stop receiving emails (English)",
    source: UNSUBSCRIBE_SOURCE,
    phrases: [
      "unsubscrib(e|ed|ing)",
      "unsub",
      "remove (me|my (email|address))",
      "take (me|my (email|address)) off",
      "opt (me )?out",
      "no more (emails|mails|messages|newsletters)",
      "(don'?t|do not) (send|email|mail|contact) me",
      "cancel (my |this |the )?(subscription|newsletter)",
      "delete (me|my (email|address)) from",
      "leave (the|this|your) (list|mailing list|newsletter)",
      "(no longer|don'?t|do not) (want|wish) to (receive|get) (these|this|them|your|emails|any)",
      "delete (me|my (email|address|data|details))",
      "(like|want|wish|ask|asking|need|prefer) to be (removed|taken off|unsubscribed)",
      "(removed|taken off) (from )?(the|your|this) (list|mailing list|newsletter|emails)",
      "enough (emails|mails|messages)",
    ],
    unlessPreceded: NOT_LEAVING,
  },
  {
    id: "unsubscribe-stop-sending",
    class: "unsubscribe",
    description: "Asks to stop the emails, unless only asking for a different time or frequency",
    source: UNSUBSCRIBE_SOURCE,
    phrases: ["stop (sending|emailing|mailing|contacting|messaging)"],
    unlessPreceded: NOT_LEAVING,
    // "stop sending them so early" asks for a change, not to leave: a person answers it.
    unlessFollowedBy: [
      "(me |them |these |it |emails )?(so early|so late|so often|at night|in the|on (weekends|sundays|saturdays)|before|after|during)",
    ],
  },
  {
    id: "unsubscribe-stop",
    class: "unsubscribe",
    description: "A bare STOP (or similar) as the whole reply",
    source: UNSUBSCRIBE_SOURCE,
    phrases: ["(please )?(stop|end|quit|cancel|remove)( please| now| it| this| these| emails)?( please)?"],
    wholeText: true,
  },
  {
    // Spanish: the US crisis footer offers help in Spanish, so Spanish-speaking readers may reply in Spanish.
    id: "unsubscribe-es",
    class: "unsubscribe",
    description: "Asks to unsubscribe (Spanish)",
    source: UNSUBSCRIBE_SOURCE,
    phrases: [
      "(dar(me)?|dame|deme|denme|dadme) de baja",
      "darse de baja",
      "cancelar (mi |la )?suscripci(o|ó)n",
      "no (quiero|deseo) recibir",
      "(eliminar|borrar|quitar)me de (la|esta|su|vuestra|sus) lista",
    ],
    unlessPreceded: ["no"],
  },
  {
    id: "unsubscribe-es-stop",
    class: "unsubscribe",
    description: "A bare BAJA as the whole reply (Spanish)",
    source: UNSUBSCRIBE_SOURCE,
    phrases: ["(baja|alto)( por favor)?"],
    wholeText: true,
  },
];

// Automatic mail (RFC 3834 section 2 and 5; safety-and-compliance.md rule 21). Header names are compared
// case-insensitively.
export const AUTOMATIC_SOURCE =
  "RFC 3834 (Recommendations for Automatic Responses to Electronic Mail), sections 2 and 5";

export interface HeaderRule {
  id: string;
  header: string;
  description: string;
  /** True when the header's value marks the message as automatic. */
  test: (value: string) => boolean;
}

export const AUTOMATIC_HEADER_RULES: readonly HeaderRule[] = [
  {
    id: "auto-submitted",
    header: "auto-submitted",
    description: "Auto-Submitted is present and not 'no'",
    test: (v) => (v.split(";")[0] ?? "").trim().toLowerCase() !== "no",
  },
  { id: "x-autoreply", header: "x-autoreply", description: "X-Autoreply is present", test: () => true },
  { id: "x-autorespond", header: "x-autorespond", description: "X-Autorespond is present", test: () => true },
  {
    id: "x-autoresponder",
    header: "x-autoresponder",
    description: "X-Autoresponder is present",
    test: () => true,
  },
  {
    id: "precedence-bulk",
    header: "precedence",
    description: "Precedence is bulk, junk or list",
    test: (v) => /^(bulk|junk|list)$/i.test(v.trim()),
  },
  {
    id: "list-id",
    header: "list-id",
    description: "Sent by a mailing list (List-Id)",
    test: () => true,
  },
];

/** Senders that are machines: bounces, daemons, no-reply addresses. */
export const AUTOMATIC_SENDER =
  /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+.-][^@]*)?@/i;

/** Subjects mail clients put on out-of-office and other automatic replies. */
export const AUTOMATIC_SUBJECT =
  /^(auto(matic)? ?(reply|response)|autoreply|auto:|out of (the )?office|respuesta autom(a|á)tica|fuera de la oficina|abwesenheitsnotiz|r(é|e)ponse automatique)\b/i;
