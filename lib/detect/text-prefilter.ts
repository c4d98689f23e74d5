// The one test every text node of a page gets before any extractor runs. Real pages are mostly elements
// (x.com: 15k elements, ~400 text nodes, ~40 of them with an `@`), so this runs on every text node and must
// cost about what reading the node's data costs (bench/scan-chromium.ts compares the scan with a bare walk).
// The extractors (several regexes each) only see the few nodes that pass.

const AT = 0x40;
const FULLWIDTH_AT = 0xff20;
/** Below this length a loop over the characters beats two `indexOf` calls (half of x.com's text nodes are
 *  five characters or fewer: counts, times, "·"); a call costs more than scanning a short string. */
const SHORT = 16;
// With tenant card/order patterns a digit is a reason to look too.
const AT_OR_DIGIT = /[@\uFF20\d]/;

/** True when `data` may hold an identifier: an `@`/`＠` (handles, e-mail, fediverse), or a digit when asked. */
export function mayHoldIdentifier(data: string, numbers: boolean): boolean {
  if (numbers) return AT_OR_DIGIT.test(data);
  const length = data.length;
  if (length < SHORT) {
    for (let i = 0; i < length; i++) {
      const c = data.charCodeAt(i);
      if (c === AT || c === FULLWIDTH_AT) return true;
    }
    return false;
  }
  return data.indexOf('@') !== -1 || data.indexOf('\uFF20') !== -1;
}
