/**
 * A timer's key among its namespace's timers, one per id and tag: the id as it is (no string
 * built, the common case), or, for a timer family's tag or an id that starts with NUL, the
 * length-prefixed id and tag after a NUL — which no id used as it is starts with.
 * @internal
 */
export function timerKey(timerId: string, tag: string): string {
  return tag === "" && timerId.charCodeAt(0) !== 0 ? timerId : `\u0000${timerId.length}:${timerId}${tag}`;
}
