// The number words the linter reads as figures, with their digits. rules.ts matches them in phrases ("one in five")
// and checks.ts normalises them, so "one in five" in the body and "1 in 5" in a source's claim compare equal.
// Its own module because checks.ts imports rules.ts: rules.ts cannot import checks.ts for this.
export const NUMBER_WORD_DIGITS: Readonly<Record<string, string>> = {
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
  eleven: "11",
  twelve: "12",
  fifteen: "15",
  twenty: "20",
  thirty: "30",
  forty: "40",
  fifty: "50",
  sixty: "60",
  seventy: "70",
  eighty: "80",
  ninety: "90",
  hundred: "100",
  thousand: "1000",
  million: "1000000",
};
