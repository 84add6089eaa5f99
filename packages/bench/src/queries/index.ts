import type { NexmarkQuery } from "./NexmarkQuery";
import { q0 } from "./q0";
import { q1 } from "./q1";
import { q2 } from "./q2";
import { q3 } from "./q3";
import { q4 } from "./q4";
import { q5 } from "./q5";
import { q6 } from "./q6";
import { q7 } from "./q7";
import { q8 } from "./q8";
import { q11 } from "./q11";
import { q12 } from "./q12";

/** Every query of the suite, in report order. @public */
export const QUERIES: readonly NexmarkQuery[] = [
  q0,
  q1,
  q2,
  q3,
  q4,
  q5,
  q6,
  q7,
  q8,
  q11,
  q12,
] as NexmarkQuery[];

/** The query named `name` (case-insensitive, e.g. "q5"). @throws Error naming the known queries. */
export function queryNamed(name: string): NexmarkQuery {
  const q = QUERIES.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!q) throw new Error(`unknown query ${name}; known: ${QUERIES.map((x) => x.name).join(", ")}`);
  return q;
}
