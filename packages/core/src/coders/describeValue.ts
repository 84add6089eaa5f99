/**
 * Describes a value in a few words for error messages: its type and, when short, the value itself,
 * e.g. `the number 1.5`, `the string "x"`, `an instance of class Foo`.
 * @internal
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value.length <= 40
        ? `the string ${JSON.stringify(value)}`
        : `a string of length ${value.length}`;
    case "number":
    case "boolean":
      return `the ${typeof value} ${String(value)}`;
    case "bigint":
      return `the bigint ${String(value)}n`;
    case "undefined":
      return "undefined";
    case "symbol":
      return `the symbol ${String(value)}`;
    case "function":
      return "a function";
    default: {
      if (value === null) return "null";
      if (Array.isArray(value)) return `an array of length ${value.length}`;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) return "a plain object";
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === "string" && name !== "" ? `an instance of class ${name}` : "an object";
    }
  }
}
