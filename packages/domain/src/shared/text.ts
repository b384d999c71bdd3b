/**
 * Case-insensitive order of names and logins; ties broken by case, so the order is total:
 * `a.toLowerCase()` against `b.toLowerCase()`, then `a` against `b`.
 *
 * Lists of a thousand users sort their groups, services and customers with it, so it compares
 * ASCII characters in place (folding A–Z) and lower-cases both strings only where a character
 * outside ASCII is reached: the same order, without two new strings per comparison.
 */
export const compareText = (a: string, b: string): number => {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(i);
    // Outside ASCII, lower-casing may depend on the neighbours (Greek final sigma) or change the
    // length (U+0130): the strings are compared lower-cased as a whole.
    if ((ca | cb) >= 0x80) return compareLowered(a, b);
    if (ca === cb) continue;
    if (ca >= 0x41 && ca <= 0x5a) ca += 0x20;
    if (cb >= 0x41 && cb <= 0x5a) cb += 0x20;
    if (ca !== cb) return ca < cb ? -1 : 1;
  }
  // Equal up to the shorter length, all ASCII there. A longer rest stays longer when lower-cased (no
  // character lower-cases to nothing), so the shorter comes first.
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

function compareLowered(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
