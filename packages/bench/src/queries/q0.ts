import type { NexmarkEvent } from "../nexmark/model";
import { writeTo, type NexmarkQuery } from "./NexmarkQuery";

/** Q0, pass-through: every event, unchanged — the runner's per-element overhead. @public */
export const q0: NexmarkQuery<NexmarkEvent> = {
  name: "Q0",
  description: "pass-through: every event through one ParDo",
  ordered: true,
  expand(events, sink) {
    writeTo(events.parDo<NexmarkEvent>({ name: "PassThrough", process: (e, ctx) => ctx.output(e) }), sink);
  },
  baseline(events, sink) {
    for (let i = 0; i < events.length; i++) sink.accept(events[i]!);
  },
};
