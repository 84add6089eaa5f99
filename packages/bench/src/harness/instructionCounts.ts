/**
 * Reading valgrind's callgrind output for `ab --instructions`: the instructions a run executed,
 * in all and in the code that runs the program itself — JavaScript compiled by V8 and V8's
 * builtins, named by the perf map V8 writes with `--perf-basic-prof` — apart from the garbage
 * collector, the compiler and the write barrier. Those depend on when collections happen, which a
 * small change anywhere moves, so a version's total moves by a few percent for reasons of its
 * own; the code's own count does not.
 */

/** One range of generated code and its name, from a `/tmp/perf-<pid>.map` line (`start size name`). */
export interface CodeRange {
  readonly start: number;
  readonly size: number;
  readonly name: string;
}

/** What a run executed: every instruction, and those of the program's own code. @public */
export interface InstructionCount {
  readonly total: number;
  readonly program: number;
}

/** Parses a perf map (hex start, hex size, name per line), sorted by start. @public */
export function parsePerfMap(text: string): CodeRange[] {
  const ranges: CodeRange[] = [];
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    if (m) ranges.push({ start: parseInt(m[1]!, 16), size: parseInt(m[2]!, 16), name: m[3]! });
  }
  return ranges.sort((a, b) => a.start - b.start);
}

/** The range holding `address`, if any (binary search over ranges sorted by start). */
function rangeAt(ranges: readonly CodeRange[], address: number): CodeRange | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]!.start <= address) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const r = found >= 0 ? ranges[found] : undefined;
  return r && address < r.start + r.size ? r : undefined;
}

/** The write barrier's builtins: they run as often as the collector's marking says, not the program. */
const BARRIER = /RecordWrite|Barrier/;

/**
 * Counts the self cost of every instruction address in callgrind output written with
 * `--dump-instr=yes` (lines `address line cost`, addresses absolute `0x…` or relative `+n`/`-n`;
 * the line after a `calls=` line is a call's inclusive cost, not an instruction's own).
 * @public
 */
export function countInstructions(callgrind: string, ranges: readonly CodeRange[]): InstructionCount {
  let total = 0;
  let program = 0;
  let address = 0;
  let callCost = false;
  for (const line of callgrind.split("\n")) {
    if (line.startsWith("calls=")) {
      callCost = true;
      continue;
    }
    const m = /^(0x[0-9a-f]+|[+-]\d+|\*)\s+\S+\s+(\d+)/.exec(line);
    if (!m) continue;
    const at = m[1]!;
    if (at.startsWith("0x")) address = parseInt(at, 16);
    else if (at !== "*") address += parseInt(at, 10);
    if (callCost) {
      callCost = false;
      continue;
    }
    const cost = Number(m[2]);
    total += cost;
    const range = rangeAt(ranges, address);
    if (range && !BARRIER.test(range.name)) program += cost;
  }
  return { total, program };
}
