import { randomUUID } from "node:crypto";
import { ORDER_REPLIES } from "@shop/contracts";
import { describe, expect, it, vi } from "vitest";
import { randomIds } from "@shop/service-kit";
import { capturingLog, fakeClock } from "@shop/service-kit/test-fixtures";
import { handleReply } from "../../../application/handle-reply";
import { placeOrder } from "../../../application/place-order";
import type { OrderDeps } from "../../../application/ports";
import type { SagaState } from "../../../domain/saga";
import { InMemoryCartStore } from "../../out/memory/cart-store";
import { InMemorySagaStore } from "../../out/memory/saga-store";
import { startDeadlineJob } from "./deadlines";

const T0 = new Date("2026-12-01T12:00:00.000Z");
const STEP_MS = 1_000;
const HOUR = 60 * 60_000;

/** An order placed at T0 whose stock step waits for its reply, on in-memory stores. */
async function waitingOrder() {
  const clock = fakeClock(T0);
  const store = new InMemorySagaStore();
  const deps: OrderDeps = {
    store,
    cart: new InMemoryCartStore(),
    clock,
    ids: randomIds,
    stepTimeoutMs: STEP_MS,
  };
  const placed = await placeOrder(deps, {
    userId: randomUUID(),
    idempotencyKey: "k",
    couponId: null,
    lines: [{ productId: randomUUID(), quantity: 1 }],
  });
  if (!placed.ok) throw new Error("not placed");
  const { orderId } = placed.value;
  const saga = async () => (await store.load(orderId)) as SagaState;
  const sent = () => store.sent.filter((m) => m.correlationId === orderId).map((m) => m.type);
  return { clock, deps, orderId, saga, sent };
}

const quiet = () => capturingLog("order-service").log;

describe("the deadline job after a restart", () => {
  it("the orchestrator away past a step's deadline cancels nothing: the step is asked again with a fresh deadline; still silent after it, it is given up on", async () => {
    const { clock, deps, saga, sent } = await waitingOrder();
    // The process was down five times the step's timeout.
    clock.advance(5 * STEP_MS);
    const since = clock.now();
    const job = startDeadlineJob(deps, quiet(), {
      everyMs: HOUR,
      since,
      repliesWaiting: async () => 0,
    });
    await vi.waitFor(async () => expect((await saga()).version).toBe(2));
    await job.stop();
    const resumed = await saga();
    expect(resumed.status).toBe("PENDING");
    expect(resumed.deadline).toBe(new Date(since.getTime() + STEP_MS).toISOString());
    expect(resumed.log.slice(-2)).toMatchObject([
      { kind: "resume", type: "stock" },
      { kind: "command", type: "stock.reserve", attempt: 2 },
    ]);
    expect(sent()).toEqual(["stock.reserve", "stock.reserve"]);

    // A second start resumes nothing that moved since that process began; and a participant
    // that stays silent a whole step after the resume is compensated, as always.
    clock.advance(STEP_MS + 1);
    const again = startDeadlineJob(deps, quiet(), {
      everyMs: HOUR,
      since: since,
      repliesWaiting: async () => 0,
    });
    await vi.waitFor(async () => expect((await saga()).status).toBe("COMPENSATING"));
    await again.stop();
    expect(sent()).toEqual(["stock.reserve", "stock.reserve", "stock.release"]);
  });

  it("handles the replies waiting first: a saga whose reply came while it was away moves on, and is not asked again", async () => {
    const { clock, deps, orderId, saga, sent } = await waitingOrder();
    clock.advance(5 * STEP_MS);
    const since = clock.now();
    const productId = (await saga()).data.requestedLines[0]?.productId ?? "";
    let polls = 0;
    // The reply consumer (started before the job) takes the waiting reply while the job polls.
    const repliesWaiting = async () => {
      polls += 1;
      if (polls === 1) return 1;
      if (polls === 2)
        await handleReply(
          deps,
          {
            type: "stock.reserved",
            orderId,
            lines: [{ productId, quantity: 1, unitPriceCents: 500, name: "A" }],
          },
          { consumer: ORDER_REPLIES.name, messageId: randomUUID() },
        );
      return 0;
    };
    const job = startDeadlineJob(deps, quiet(), { everyMs: HOUR, since, repliesWaiting });
    await vi.waitFor(() => expect(polls).toBe(2), { timeout: 5_000 });
    await job.stop();
    // Reserved, then paying: the pay was sent once, fresh, and nothing was re-sent or compensated.
    expect((await saga()).status).toBe("COUPON_APPLIED");
    expect(sent()).toEqual(["stock.reserve", "payment.pay"]);
    expect((await saga()).log.some((e) => e.kind === "resume" || e.kind === "deadline")).toBe(
      false,
    );
  });

  it("replies that never drain hold the resume back only as long as the bound, and no deadline passes before it", async () => {
    const { clock, deps, saga, sent } = await waitingOrder();
    clock.advance(5 * STEP_MS);
    const { log, lines } = capturingLog("order-service");
    const job = startDeadlineJob(deps, log, {
      everyMs: HOUR,
      since: clock.now(),
      repliesWaiting: async () => 3,
      drainMs: 300,
    });
    await new Promise((r) => setTimeout(r, 150));
    // Still draining: the overdue saga was neither resumed nor compensated.
    expect((await saga()).version).toBe(1);
    await vi.waitFor(async () => expect((await saga()).version).toBe(2), { timeout: 5_000 });
    await job.stop();
    expect((await saga()).status).toBe("PENDING");
    expect(sent()).toEqual(["stock.reserve", "stock.reserve"]);
    expect(lines.some((l) => l.includes("replies still waiting after the drain bound"))).toBe(true);
  });

  it("stops at once while it waits for the replies to drain", async () => {
    const { deps, saga } = await waitingOrder();
    const job = startDeadlineJob(deps, quiet(), {
      everyMs: HOUR,
      since: new Date(),
      repliesWaiting: async () => 1,
      drainMs: HOUR,
    });
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 50));
    await job.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await saga()).version).toBe(1);
  });
});
