/**
 * The logger this package writes to: the subset of pino's API it uses (`logger.warn(obj, msg)`),
 * so a pino logger (or any object with these methods) can be passed as is. Library code never
 * writes to the console; without a logger it stays silent.
 * @example
 * ```ts
 * import pino from "pino";
 * const source = pubsubSource({ subscription: "clicks-sub", projectId: "p", logger: pino() });
 * ```
 * @public
 */
export interface Logger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A logger that drops everything. @internal */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
