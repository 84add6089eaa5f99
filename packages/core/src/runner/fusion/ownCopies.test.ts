import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ParDoExecutor } from "../executors/ParDoExecutor";
import { StatefulParDoExecutor } from "../executors/StatefulParDoExecutor";
import { WindowIntoExecutor } from "../executors/WindowIntoExecutor";
import { MainOutput } from "./MainOutput";
import { methodSource, ownCopies } from "./ownCopies";

/**
 * The names `src` (a method's source) uses without declaring them and that are not globals:
 * what a copy compiled from that source alone could not see.
 */
function freeNames(src: string): string[] {
  const file = ts.createSourceFile(
    "method.js",
    `({ ${src} })`,
    ts.ScriptTarget.ES2022,
    true,
    ts.ScriptKind.JS,
  );
  const declared = new Set<string>();
  const used: ts.Identifier[] = [];
  const declare = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const e of name.elements) if (!ts.isOmittedExpression(e)) declare(e.name);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isParameter(node) || ts.isVariableDeclaration(node) || ts.isBindingElement(node))
      declare(node.name);
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name)
      declared.add(node.name.text);
    if (ts.isIdentifier(node)) {
      const p = node.parent;
      const isMemberName =
        (ts.isPropertyAccessExpression(p) && p.name === node) ||
        (ts.isPropertyAssignment(p) && p.name === node) ||
        (ts.isMethodDeclaration(p) && p.name === node);
      if (!isMemberName) used.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...new Set(used.map((i) => i.text))].filter((n) => !declared.has(n) && !(n in globalThis));
}

describe("ownCopies", () => {
  class Counter {
    count = 0;
    add(n: number): number {
      this.count += n;
      return this.count;
    }
    get doubled(): number {
      return this.count * 2;
    }
  }

  it("gives the object its own copy of a method, which behaves as the shared one", () => {
    const a = new Counter();
    const b = new Counter();
    ownCopies(a, ["add"]);
    expect(Object.prototype.hasOwnProperty.call(a, "add")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(a, "add")?.value).not.toBe(
      Object.getOwnPropertyDescriptor(Counter.prototype, "add")?.value,
    );
    expect(a.add(2)).toBe(2);
    expect(a.add(3)).toBe(5);
    expect(b.add(1)).toBe(1); // the other object keeps the shared method
    expect(Object.prototype.hasOwnProperty.call(b, "add")).toBe(false);
    expect(Object.keys(a)).toEqual(["count"]); // the copy is not enumerable
  });

  it("copies once and leaves anything that is not an ordinary method alone", () => {
    const a = new Counter();
    ownCopies(a, ["add"]);
    const first: unknown = Object.getOwnPropertyDescriptor(a, "add")?.value;
    ownCopies(a, ["add", "doubled", "missing", "toString"]);
    expect(Object.getOwnPropertyDescriptor(a, "add")?.value).toBe(first);
    expect(Object.getOwnPropertyNames(a).sort()).toEqual(["add", "count"]);
    expect(methodSource(a, "doubled")).toBeUndefined();
    expect(methodSource(a, "toString")).toBeUndefined();
  });

  it("finds a name a copy could not see (the check below can fail)", () => {
    expect(freeNames("m(x) { const y = x + 1; return helper(y, this.z, Math.max(1, y)); }")).toEqual([
      "helper",
    ]);
    expect(freeNames("m(x) { try { return x; } catch (e) { throw new UserCodeError(e); } }")).toEqual([
      "UserCodeError",
    ]);
  });

  it.each([
    ["ParDoExecutor", ParDoExecutor.prototype, ParDoExecutor.prototype.elementPath()],
    ["StatefulParDoExecutor", StatefulParDoExecutor.prototype, StatefulParDoExecutor.prototype.elementPath()],
    ["WindowIntoExecutor", WindowIntoExecutor.prototype, WindowIntoExecutor.prototype.elementPath()],
    ["MainOutput", MainOutput.prototype, MainOutput.elementPath],
  ] as const)(
    "%s's element path refers to nothing but this, its parameters and globals",
    (_, proto, names) => {
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        const src = methodSource(proto, name);
        expect(src, name).toBeDefined();
        expect(freeNames(src!), name).toEqual([]);
      }
    },
  );
});
