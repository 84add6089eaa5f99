// Converts Beam's trigger transcripts (YAML) to the JSON the conformance tests read:
//   node tools/conformance/convert-transcripts.mjs <beam-trigger-transcripts.yaml> packages/core/test/conformance/beam-trigger-transcripts.json
import { readFileSync, writeFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
const src = readFileSync(process.argv[2], "utf8");
const docs = parseAllDocuments(src)
  .map((d) => d.toJSON())
  .filter(Boolean);
const out = {
  source:
    "Apache Beam, sdks/python/apache_beam/testing/data/trigger_transcripts.yaml (commit 3f6f37c71e90c33c65ea9f0cc3784a1f33409211), converted to JSON",
  license:
    "Licensed to the Apache Software Foundation (ASF) under the Apache License, Version 2.0: http://www.apache.org/licenses/LICENSE-2.0",
  notes:
    "Times are integer units (the runner reads them as milliseconds); windows are [start, maxTimestamp].",
  transcripts: docs,
};
writeFileSync(process.argv[3], JSON.stringify(out, null, 1) + "\n");
console.log(docs.length, "transcripts");
