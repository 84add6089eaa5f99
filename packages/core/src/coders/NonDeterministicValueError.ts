/**
 * The error thrown when a value cannot be encoded deterministically by `structuralCoder` or
 * `structuralKey`: a function, a symbol, a Map or Set, an instance of a class, or a cyclic
 * structure somewhere inside it.
 *
 * `path` names the offending part from the root, which is called `value`, e.g.
 * `value.user.callback`; the message is the path followed by the problem and the fix, e.g.
 * `value.user.callback is a function; ...`.
 * @public
 */
export class NonDeterministicValueError extends TypeError {
  override readonly name = "NonDeterministicValueError";

  /**
   * @param path - where the offending value is, e.g. `value.items[2]`.
   * @param problem - what is wrong with it, completing a sentence that starts with the path.
   */
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path} ${problem}`);
  }
}
