/* eslint-disable no-console, no-restricted-properties -- a command-line tool: its terminal and its environment are its interface */
// `npm run bench:claims -w @shop/coupon-service`: 10,000 concurrent claims (10,000 distinct
// users) on a campaign of 1,000 coupons, through the claim use case with the PostgreSQL
// adapters and the claim batcher, as the service runs them. Prints claims/s and what was
// issued, checked in the tables. On a throwaway database, dropped at the end.
// With --http the same claims go through the service's tRPC API over HTTP (its router and
// credential check, served by a process of its own: bench/serve.ts; the bench plays the BFF
// and signs a credential per user beforehand), BENCH_CONNECTIONS (200) at a time over
// keep-alive connections. The load generator shares the two cores with the service and
// PostgreSQL, so that figure is a floor.
//   BENCH_CLAIMS (10000), BENCH_COUPONS (1000), BENCH_ROUNDS (3), BENCH_POOL (10),
//   CLAIM_BATCH_MAX (500), CLAIM_LINGER_MS (2), TEST_DATABASE_URL (the local server),
//   BENCH_JSON (a file to write the figures to as JSON too, for `npm run bench`'s table).
import { randomBytes, randomUUID } from "node:crypto";
import { fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { applyMigrations, dropDatabase, ensureDatabase } from "@shop/service-kit/migrate";
import { testCredentials } from "@shop/service-kit/test-fixtures";
import { claimCoupon } from "../src/application/claim-coupon";
import { createCampaign } from "../src/application/create-campaign";
import { createDb } from "../src/adapters/out/prisma/client";
import { couponDeps } from "../src/deps";

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CLAIMS = num("BENCH_CLAIMS", 10_000);
const COUPONS = num("BENCH_COUPONS", 1_000);
const ROUNDS = num("BENCH_ROUNDS", 3);
const POOL = num("BENCH_POOL", 10);
const CONNECTIONS = num("BENCH_CONNECTIONS", 200);
const HTTP = process.argv.includes("--http");
const batching = { maxBatch: num("CLAIM_BATCH_MAX", 500), lingerMs: num("CLAIM_LINGER_MS", 2) };

const dbServer = new URL(
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
);
dbServer.pathname = `/shop_coupon_bench_${randomBytes(4).toString("hex")}_test`;
const url = dbServer.toString();
await ensureDatabase(url);
await applyMigrations(url, fileURLToPath(new URL("../prisma/migrations", import.meta.url)));
const db = createDb(url, POOL);
const deps = couponDeps(db, { batching });
const admin = { role: "admin", userId: randomUUID() } as const;

/** --http: the service's own server in a child process; the bench holds the BFF's signing key. */
const bff = testCredentials();
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
const child = HTTP
  ? fork(fileURLToPath(new URL("./serve.ts", import.meta.url)), {
      execArgv: ["--import", "tsx"],
      env: {
        ...process.env,
        BENCH_DATABASE_URL: url,
        BENCH_POOL: String(POOL),
        CLAIM_BATCH_MAX: String(batching.maxBatch),
        CLAIM_LINGER_MS: String(batching.lingerMs),
        BENCH_PUBLIC_KEY: bff.publicKey.export({ type: "spki", format: "pem" }).toString(),
      },
    })
  : undefined;
const server = child
  ? await new Promise<{ url: string }>((resolve) => child.once("message", resolve as never))
  : undefined;

/** POST /trpc/campaigns.claim as the BFF sends it; resolves with the answer's error code. */
function claimOverHttp(authorization: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server?.url}/trpc/campaigns.claim`,
      {
        method: "POST",
        agent,
        headers: { authorization, "content-type": "application/json" },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => {
          const answer = JSON.parse(text) as { error?: { data?: { errorCode?: string } } };
          resolve(answer.error ? (answer.error.data?.errorCode ?? "ERROR") : "issued");
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function round(quantity: number, claims: number) {
  const created = await createCampaign(deps, admin, {
    name: `Bench ${quantity} of ${claims}`,
    discount: { kind: "fixed", amountOffCents: 500 },
    quantity,
    minOrderCents: 0,
    validFrom: new Date(Date.now() - 60_000),
    validTo: new Date(Date.now() + 3_600_000),
  });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const campaignId = created.value.id;
  const users = Array.from({ length: claims }, () => randomUUID());
  const body = JSON.stringify({ campaignId });
  const tokens = HTTP
    ? await Promise.all(
        users.map((userId) => bff.bearer({ role: "shopper", userId }, "coupon-service")),
      )
    : [];
  const start = performance.now();
  const results = HTTP
    ? await Promise.all(tokens.map((token) => claimOverHttp(token, body)))
    : (
        await Promise.all(
          users.map((userId) => claimCoupon(deps, { role: "shopper", userId }, campaignId)),
        )
      ).map((r) => (r.ok ? "issued" : r.error.code));
  const ms = performance.now() - start;
  const outcomes: Record<string, number> = {};
  for (const key of results) outcomes[key] = (outcomes[key] ?? 0) + 1;
  const [row] = await db.$queryRaw<{ issued: number; coupons: bigint; users: bigint }[]>`
    SELECT c.issued, count(k.id) AS coupons, count(DISTINCT k.user_id) AS users
    FROM campaign c LEFT JOIN coupon k ON k.campaign_id = c.id
    WHERE c.id = ${campaignId}::uuid GROUP BY c.issued`;
  return {
    ms,
    outcomes,
    issued: row?.issued,
    coupons: Number(row?.coupons),
    users: Number(row?.users),
  };
}

try {
  console.log(
    `claims: ${CLAIMS} concurrent claims by distinct users for ${COUPONS} coupons, ${ROUNDS} rounds` +
      ` (pool ${POOL}, batches of at most ${batching.maxBatch}, linger ${batching.lingerMs} ms)` +
      (HTTP ? `, over HTTP with ${CONNECTIONS} connections` : ", through the use case"),
  );
  // Warm-up: connections, plans, JIT.
  for (let i = 0; i < 3; i++) await round(100, 2_000);
  const rates: number[] = [];
  const rounds: (Awaited<ReturnType<typeof round>> & { claimsPerSec: number; exact: boolean })[] =
    [];
  for (let i = 1; i <= ROUNDS; i++) {
    const r = await round(COUPONS, CLAIMS);
    const rate = CLAIMS / (r.ms / 1_000);
    rates.push(rate);
    const exact = r.issued === COUPONS && r.coupons === COUPONS && r.users === COUPONS;
    rounds.push({ ...r, claimsPerSec: rate, exact });
    console.log(
      `round ${i}: ${Math.round(rate).toLocaleString("en-US")} claims/s (${Math.round(r.ms)} ms)` +
        `  issued ${r.issued} (coupon rows ${r.coupons}, distinct users ${r.users})` +
        `  outcomes ${JSON.stringify(r.outcomes)}  ${exact ? "exact" : "NOT EXACT"}`,
    );
    if (!exact) process.exitCode = 1;
  }
  const sorted = [...rates].sort((a, b) => a - b);
  console.log(
    `median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0).toLocaleString("en-US")} claims/s`,
  );
  if (process.env.BENCH_JSON)
    writeFileSync(
      process.env.BENCH_JSON,
      JSON.stringify(
        {
          claims: CLAIMS,
          coupons: COUPONS,
          http: HTTP,
          rounds,
          medianClaimsPerSec: sorted[Math.floor(sorted.length / 2)] ?? 0,
        },
        null,
        2,
      ),
    );
} finally {
  agent.destroy();
  if (child) await new Promise((resolve) => child.once("exit", resolve).disconnect());
  await deps.claims.stop();
  await db.$disconnect();
  await dropDatabase(url);
}
