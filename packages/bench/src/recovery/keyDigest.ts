/**
 * Folds one event offset into a key's running digest (32-bit, order-sensitive): two keys' digests
 * agree only if they saw the same offsets in the same order, so a replayed or skipped event shows.
 * @public
 */
export function foldOffset(digest: number, offset: number): number {
  const h = Math.imul(digest ^ offset, 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}

/** A 32-bit FNV-1a digest of `strings` in order (each string's characters, then a separator). @public */
export function digestStrings(strings: readonly string[]): number {
  let h = 0x811c9dc5;
  for (const s of strings) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0xff, 0x01000193);
  }
  return h >>> 0;
}
