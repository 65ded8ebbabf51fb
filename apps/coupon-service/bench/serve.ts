/* eslint-disable no-restricted-properties -- a benchmark's helper process: its environment is its interface */
// The coupon service's HTTP server for `bench:claims --http`, in a process of its own (as in
// production): the database and the BFF's public key come from the parent; it answers with
// its URL over IPC and serves until the parent disconnects.
import { createPublicKey } from "node:crypto";
import { createLogger, internalCredentialVerifier, startServiceServer } from "@shop/service-kit";
import { couponServiceRouter } from "../src/adapters/in/trpc/router";
import { createContextFactory } from "../src/adapters/in/trpc/trpc";
import { createDb } from "../src/adapters/out/prisma/client";
import { couponDeps } from "../src/deps";

const env = process.env;
const db = createDb(env.BENCH_DATABASE_URL as string, Number(env.BENCH_POOL));
const deps = couponDeps(db, {
  batching: { maxBatch: Number(env.CLAIM_BATCH_MAX), lingerMs: Number(env.CLAIM_LINGER_MS) },
});
const log = createLogger("coupon-bench", "silent");
const server = await startServiceServer({
  name: "coupon-service",
  router: couponServiceRouter,
  createContext: createContextFactory({
    deps,
    log,
    verifier: internalCredentialVerifier(
      createPublicKey(env.BENCH_PUBLIC_KEY as string),
      "coupon-service",
    ),
  }),
  host: "127.0.0.1",
  port: 0,
  logger: log,
});
process.send?.({ url: server.url });
process.on("disconnect", () => {
  void server
    .close()
    .then(() => deps.claims.stop())
    .then(() => db.$disconnect())
    .then(() => process.exit(0));
});
