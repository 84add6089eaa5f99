import { List } from "immutable";
import type { Coder } from "../coders/Coder";
import type { PipelineResult } from "../runner/PipelineResult";
import type { RunOptions } from "../runner/RunOptions";
import { runPipeline } from "../runner/runPipeline";
import { Runner } from "../runner/Runner";
import type { WindowedValue } from "../values/WindowedValue";
import type { WindowingStrategy } from "../windowing/WindowingStrategy";
import { PCollection } from "./PCollection";
import { PipelineConstructionError } from "./PipelineError";
import type { PBegin, PTransform } from "./PTransform";
import type { PrimitiveSpec, TransformNode } from "./TransformNode";

/** How a primitive describes one of its outputs. @internal */
export interface OutputDescription {
  readonly windowing: WindowingStrategy;
  readonly isBounded: boolean;
  readonly coder: Coder<unknown>;
}

interface MutableNode {
  fullName: string;
  parent: MutableNode | undefined;
  inputs: readonly PCollection<unknown>[];
  outputs: Map<string, PCollection<unknown>>;
  spec: PrimitiveSpec | undefined;
  description: string;
}

let nextPipelineId = 1;

/**
 * A pipeline: the graph of steps from sources to sinks. Build it by applying transforms to the
 * pipeline (root transforms such as `create`) and to PCollections; run it with `run()`.
 * @example
 * ```ts
 * const p = Pipeline.create();
 * const counts = p.apply(create(["a", "b", "a"])).apply(count.perElement());
 * const result = await p.run();
 * result.values(counts); // [{ key: "a", value: 2 }, { key: "b", value: 1 }]
 * ```
 * @public
 */
export class Pipeline implements PBegin {
  /** Distinguishes pipelines in error messages. */
  readonly id = nextPipelineId++;
  private nodeList = List<TransformNode>();
  private readonly names = new Set<string>();
  private readonly scope: MutableNode[] = [];
  private readonly autoNameCounts = new Map<string, number>();
  private readonly checks: Array<() => void> = [];

  private constructor() {}

  /** Makes an empty pipeline. */
  static create(): Pipeline {
    return new Pipeline();
  }

  get pipeline(): Pipeline {
    return this;
  }

  /** Applies a root transform (Create, Read, TestStream) under its default name, or `name`. */
  apply<O>(transform: PTransform<PBegin, O>): O;
  apply<O>(name: string, transform: PTransform<PBegin, O>): O;
  apply<O>(a: string | PTransform<PBegin, O>, b?: PTransform<PBegin, O>): O {
    return typeof a === "string"
      ? this.applyTransform(a, b!, this, [])
      : this.applyTransform(undefined, a, this, []);
  }

  /** Every applied step, composites included, parents before their parts, in application order. */
  get nodes(): List<TransformNode> {
    return this.nodeList;
  }

  /** The primitive steps, in topological order (the order they were applied). */
  primitives(): TransformNode[] {
    return this.nodeList.filter((n) => n.spec !== undefined).toArray();
  }

  /** Runs the pipeline in-process until its inputs are exhausted (or `options.signal` aborts). */
  run(options: RunOptions = {}): Promise<PipelineResult> {
    return runPipeline(this, options);
  }

  /** Registers a check to run after a successful `run()` (used by `assertThat`). @internal */
  afterRun(check: () => void): void {
    this.checks.push(check);
  }

  /** @internal */
  afterRunChecks(): ReadonlyArray<() => void> {
    return this.checks;
  }

  /**
   * Runs the pipeline and yields the elements of `pc` as they are produced.
   * @example
   * ```ts
   * for await (const wv of p.stream(counts)) console.log(wv.value, wv.pane.timing);
   * ```
   */
  stream<T>(pc: PCollection<T>, options: RunOptions = {}): AsyncIterable<WindowedValue<T>> {
    return new Runner(this, {
      ...options,
      collect: [...(options.collect ?? []), pc as PCollection<unknown>],
    }).stream(pc);
  }

  /**
   * Applies `transform` to `input` as a step named `name` (or the transform's default name)
   * inside the current composite.
   * @internal
   */
  applyTransform<I, O>(
    name: string | undefined,
    transform: PTransform<I, O>,
    input: I,
    inputs: readonly PCollection<unknown>[],
  ): O {
    const parent = this.scope[this.scope.length - 1];
    const fullName = this.uniqueName(parent, name, transform.defaultName);
    for (const pc of inputs) {
      if (pc.pipeline !== this) {
        throw new PipelineConstructionError(
          fullName,
          `its input ${pc.name} belongs to another pipeline (#${pc.pipeline.id}, this is #${this.id}); ` +
            "build each pipeline from its own sources, or apply this step in the pipeline that made the input",
        );
      }
    }
    const node: MutableNode = {
      fullName,
      parent,
      inputs,
      outputs: new Map(),
      spec: undefined,
      description: transform.toString(),
    };
    const index = this.nodeList.size;
    this.nodeList = this.nodeList.push(node);
    this.scope.push(node);
    try {
      return transform.expand(input);
    } catch (e) {
      if (e instanceof PipelineConstructionError) throw e;
      throw new PipelineConstructionError(fullName, e instanceof Error ? e.message : String(e));
    } finally {
      this.scope.pop();
      this.nodeList = this.nodeList.set(index, Object.freeze({ ...node, outputs: node.outputs }));
    }
  }

  /**
   * Declares the step being expanded as a primitive with `spec`, creating its outputs.
   * @internal
   */
  definePrimitive(
    spec: PrimitiveSpec,
    outputs: Readonly<Record<string, OutputDescription>>,
  ): Map<string, PCollection<unknown>> {
    const node = this.scope[this.scope.length - 1];
    if (!node) throw new Error("definePrimitive called outside of a transform's expand");
    if (node.spec)
      throw new PipelineConstructionError(
        node.fullName,
        "a transform can define only one primitive; make it a composite of several",
      );
    node.spec = spec;
    for (const [tag, d] of Object.entries(outputs)) {
      const name = tag === "main" ? node.fullName : `${node.fullName}.${tag}`;
      node.outputs.set(tag, new PCollection(this, name, tag, node, d.windowing, d.isBounded, d.coder));
    }
    return node.outputs;
  }

  /** The full name of the step being expanded. @internal */
  currentStepName(): string {
    return this.scope[this.scope.length - 1]?.fullName ?? "<root>";
  }

  private uniqueName(parent: MutableNode | undefined, name: string | undefined, defaultName: string): string {
    const prefix = parent ? `${parent.fullName}/` : "";
    if (name !== undefined) {
      if (!name || name.includes("/")) {
        throw new PipelineConstructionError(
          prefix + name,
          `step names must be non-empty and must not contain "/", got ${JSON.stringify(name)}`,
        );
      }
      const full = prefix + name;
      if (this.names.has(full)) {
        throw new PipelineConstructionError(
          full,
          "a step with this name already exists here; give each step a unique name",
        );
      }
      this.names.add(full);
      return full;
    }
    let full = prefix + defaultName;
    if (this.names.has(full)) {
      let n = this.autoNameCounts.get(full) ?? 1;
      while (this.names.has(`${full}${++n}`));
      this.autoNameCounts.set(full, n);
      full = `${full}${n}`;
    }
    this.names.add(full);
    return full;
  }
}
