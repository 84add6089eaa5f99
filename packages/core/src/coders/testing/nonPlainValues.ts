/** Test support: one value that structural encoding must reject, and the error it must give. @internal */
export interface NonPlainCase {
  readonly description: string;
  readonly value: unknown;
  readonly path: string;
  /** The start of the message: the path and the problem. */
  readonly messageStart: string;
  /** A phrase of the suggested fix, when the error suggests one. */
  readonly fix?: RegExp;
}

class Customer {
  constructor(readonly id: string) {}
}

const cyclicObject: Record<string, unknown> = { b: { c: 1 } };
(cyclicObject["b"] as Record<string, unknown>)["self"] = cyclicObject;
const cyclicArray: unknown[] = [1];
cyclicArray.push([cyclicArray]);

/** Test support: values that are not plain data, each with the error that names where it is. @internal */
export const nonPlainValues: readonly NonPlainCase[] = [
  {
    description: "a nested function",
    value: { user: { name: "a", callback: () => 1 } },
    path: "value.user.callback",
    messageStart:
      "value.user.callback is a function; structural keys and structurally encoded values must be plain data",
  },
  { description: "a top-level function", value: () => 1, path: "value", messageStart: "value is a function" },
  {
    description: "a symbol in an array",
    value: [1, Symbol("s")],
    path: "value[1]",
    messageStart: "value[1] is a symbol (Symbol(s))",
  },
  {
    description: "a Map",
    value: { m: new Map([["k", 1]]) },
    path: "value.m",
    messageStart: "value.m is a Map",
    fix: /convert it to an array of \[key, value\] entries/,
  },
  {
    description: "a Set",
    value: { tags: new Set(["a"]) },
    path: "value.tags",
    messageStart: "value.tags is a Set",
    fix: /convert it to an array/,
  },
  {
    description: "a class instance under a key that is not an identifier",
    value: { "first name": [new Customer("c")] },
    path: 'value["first name"][0]',
    messageStart: 'value["first name"][0] is an instance of class Customer',
    fix: /Convert it to plain data first, or give the PCollection a coder/,
  },
  {
    description: "a typed array other than Uint8Array",
    value: new Float64Array(2),
    path: "value",
    messageStart: "value is an instance of class Float64Array",
  },
  {
    description: "a boxed string",
    value: { s: new String("x") },
    path: "value.s",
    messageStart: "value.s is an instance of class String",
  },
  {
    description: "an object with a custom prototype",
    value: { o: Object.create({ inherited: 1 }) as object },
    path: "value.o",
    messageStart: "value.o is an object whose prototype is neither Object.prototype nor null",
  },
  {
    description: "a cyclic object",
    value: cyclicObject,
    path: "value.b.self",
    messageStart: "value.b.self is a cyclic reference to value",
  },
  {
    description: "a cyclic array",
    value: cyclicArray,
    path: "value[1][0]",
    messageStart: "value[1][0] is a cyclic reference to value",
  },
  {
    description: "a symbol-keyed property",
    value: { a: { [Symbol("k")]: 1 } },
    path: "value.a",
    messageStart: "value.a has a symbol-keyed property [Symbol(k)]",
  },
];
