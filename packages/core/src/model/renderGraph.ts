import type { Pipeline } from "./Pipeline";
import type { TransformNode } from "./TransformNode";

/**
 * Options of {@link renderGraph}.
 * @public
 */
export interface RenderGraphOptions {
  /** `mermaid` (default) or `dot` (Graphviz). */
  readonly format?: "mermaid" | "dot";
  /** Element counts by PCollection name (e.g. `result.elementCounts`), printed on the edges. */
  readonly counts?: ReadonlyMap<string, number>;
}

const quote = (s: string): string => JSON.stringify(s).replace(/\\"/g, "'");

/**
 * Renders a pipeline's steps as a Mermaid flowchart or a Graphviz DOT graph: one node per
 * primitive step (named by its full name and what it does), grouped by the composite that
 * contains it, and one edge per PCollection, labelled with its element count when given.
 * @example
 * ```ts
 * const result = await p.run();
 * console.log(renderGraph(p, { counts: result.elementCounts }));
 * ```
 * @public
 */
export function renderGraph(pipeline: Pipeline, options: RenderGraphOptions = {}): string {
  const steps = pipeline.primitives();
  const id = new Map<TransformNode, string>(steps.map((n, i) => [n, `s${i}`]));
  const producerOf = new Map<string, TransformNode>();
  for (const n of steps) for (const pc of n.outputs.values()) producerOf.set(pc.name, n);
  const edges: Array<{ from: string; to: string; label: string }> = [];
  for (const n of steps) {
    const reads = [
      ...n.inputs,
      ...(n.spec?.kind === "parDo" ? n.spec.sideInputs.map((v) => v.pcollection) : []),
    ];
    for (const pc of reads) {
      const from = producerOf.get(pc.name);
      if (!from) continue;
      const count = options.counts?.get(pc.name);
      const tag = pc.tag === "main" ? "" : pc.tag;
      edges.push({
        from: id.get(from)!,
        to: id.get(n)!,
        label: [tag, count === undefined ? "" : `${count.toLocaleString("en-US")} elements`]
          .filter(Boolean)
          .join(": "),
      });
    }
  }
  const label = (n: TransformNode): string => `${n.fullName}\n${n.description}`;
  if (options.format === "dot") {
    const lines = ["digraph pipeline {", "  rankdir=TB;", "  node [shape=box, fontname=Helvetica];"];
    for (const n of steps) lines.push(`  ${id.get(n)!} [label=${JSON.stringify(label(n))}];`);
    for (const e of edges)
      lines.push(`  ${e.from} -> ${e.to}${e.label ? ` [label=${JSON.stringify(e.label)}]` : ""};`);
    lines.push("}");
    return lines.join("\n");
  }
  const lines = ["flowchart TD"];
  for (const n of steps) lines.push(`  ${id.get(n)!}[${quote(label(n).replace("\n", "<br/>"))}]`);
  for (const e of edges) lines.push(`  ${e.from} -->${e.label ? `|${quote(e.label)}|` : ""} ${e.to}`);
  return lines.join("\n");
}
