import { AfterAll } from "./AfterAll";
import { AfterCount } from "./AfterCount";
import { AfterFirst } from "./AfterFirst";
import { AfterProcessingTime } from "./AfterProcessingTime";
import { AfterWatermark } from "./AfterWatermark";
import { OrFinally } from "./OrFinally";
import { Repeatedly } from "./Repeatedly";
import type { Trigger } from "./Trigger";

/**
 * The trigger a grouping's output carries downstream (Beam's continuation trigger): it fires
 * as soon as possible after the upstream trigger fired. Counts become 1, processing-time delays
 * become 0, composite and watermark triggers keep their shape.
 * @internal
 */
export function continuationTrigger(t: Trigger): Trigger {
  switch (t.kind) {
    case "default":
    case "never":
    case "always":
      return t;
    case "afterCount":
      return new AfterCount(1);
    case "afterProcessingTime":
      return new AfterProcessingTime(0);
    case "afterWatermark":
      return new AfterWatermark(
        t.early && continuationTrigger(t.early),
        t.late && continuationTrigger(t.late),
      );
    case "repeatedly":
      return new Repeatedly(continuationTrigger(t.trigger));
    case "afterEach":
    case "afterFirst":
      return new AfterFirst(t.subTriggers.map(continuationTrigger));
    case "afterAll":
      return new AfterAll(t.subTriggers.map(continuationTrigger));
    case "orFinally":
      return new OrFinally(continuationTrigger(t.main), continuationTrigger(t.until));
  }
}
