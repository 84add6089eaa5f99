/**
 * `JSON.parse` for untrusted input: rejects `__proto__` keys anywhere in the document (they
 * would become an object's prototype when the value is later copied with spread or
 * `Object.assign`), and never evaluates anything.
 * @throws SyntaxError for malformed JSON, TypeError for a `__proto__` key.
 * @example
 * ```ts
 * safeJsonParse('{"a":1}'); // { a: 1 }
 * safeJsonParse('{"__proto__":{"admin":true}}'); // throws TypeError
 * ```
 * @public
 */
export function safeJsonParse(text: string): unknown {
  return JSON.parse(text, function reviver(key, value: unknown) {
    if (key === "__proto__") throw new TypeError('forbidden key "__proto__" in JSON input');
    return value;
  });
}
