/**
 * An error in how a pipeline is built: thrown at construction, naming the step and the fix.
 * @public
 */
export class PipelineConstructionError extends Error {
  override readonly name = "PipelineConstructionError";
  constructor(
    /** The full name of the step being applied, e.g. `Clicks/Parse`. */
    readonly step: string,
    message: string,
  ) {
    super(`${step}: ${message}`);
  }
}
