import { appendToOutbox, recordInbox } from "@shop/messaging";
import type { Clock } from "@shop/kernel";
import type { Redemption, RejectReason } from "../../../domain/redemption";
import type {
  CommandRef,
  CouponReply,
  HandledCommand,
  RedemptionStore,
  SagaCommands,
} from "../../../application/ports";
import type { Redemption as RedemptionRow } from "../../../generated/prisma/client";
import { replyEnvelope } from "../replies";
import type { Db, Tx } from "./client";
import { toCampaign, toCoupon } from "./rows";

/*
 * A saga command's transaction: inbox record, the coupon change with the order's record, and
 * the reply in the outbox commit together (@shop/messaging's recordInbox and appendToOutbox on
 * the same Prisma transaction); the outbox relay publishes the reply after the commit.
 */
export class PrismaSagaCommands implements SagaCommands {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  handle(
    command: CommandRef,
    work: (store: RedemptionStore) => Promise<CouponReply>,
  ): Promise<HandledCommand> {
    return this.db.$transaction(async (tx): Promise<HandledCommand> => {
      const { alreadyProcessed } = await recordInbox(tx, command);
      if (alreadyProcessed) return { duplicate: true };
      const reply = await work(new PrismaRedemptionStore(tx));
      await appendToOutbox(tx, [replyEnvelope(command, reply, this.clock.now())]);
      return { duplicate: false, reply };
    });
  }
}

const STATE_OF = {
  used: "used",
  rejected: "rejected",
  restored: "restored",
  "restored-before-use": "restored_before_use",
} as const;

function toRedemption(row: RedemptionRow): Redemption {
  const { orderId } = row;
  switch (row.state) {
    case "used":
    case "restored":
      return {
        orderId,
        state: row.state,
        couponId: row.couponId as string,
        discountCents: row.discountCents as number,
      };
    case "rejected":
      return {
        orderId,
        state: "rejected",
        couponId: row.couponId as string,
        reason: row.reason as RejectReason,
      };
    case "restored_before_use":
      return { orderId, state: "restored-before-use" };
  }
}

class PrismaRedemptionStore implements RedemptionStore {
  constructor(private readonly tx: Tx) {}

  async lockOrder(orderId: string): Promise<Redemption | null> {
    // A transaction-scoped advisory lock on the order id: it exists before the order's row
    // does. A hash collision between two orders only makes them wait for each other.
    await this.tx
      .$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`coupon-order:${orderId}`}, 0))`;
    const row = await this.tx.redemption.findUnique({ where: { orderId } });
    return row && toRedemption(row);
  }

  async lockCoupon(couponId: string) {
    const locked = await this.tx
      .$executeRaw`SELECT 1 FROM coupon WHERE id = ${couponId}::uuid FOR UPDATE`;
    if (locked === 0) return null;
    const row = await this.tx.coupon.findUnique({
      where: { id: couponId },
      include: { campaign: true },
    });
    return row && { ...toCoupon(row), campaign: toCampaign(row.campaign) };
  }

  async putOnOrder(couponId: string, orderId: string, at: Date): Promise<boolean> {
    const { count } = await this.tx.coupon.updateMany({
      where: { id: couponId, usedOrderId: null },
      data: { usedOrderId: orderId, usedAt: at },
    });
    return count === 1;
  }

  async takeOffOrder(couponId: string, orderId: string): Promise<void> {
    await this.tx.coupon.updateMany({
      where: { id: couponId, usedOrderId: orderId },
      data: { usedOrderId: null, usedAt: null },
    });
  }

  async saveRedemption(record: Redemption, at: Date): Promise<void> {
    const fields = {
      state: STATE_OF[record.state],
      couponId: "couponId" in record ? record.couponId : null,
      discountCents: "discountCents" in record ? record.discountCents : null,
      reason: "reason" in record ? record.reason : null,
      updatedAt: at,
    };
    await this.tx.redemption.upsert({
      where: { orderId: record.orderId },
      create: { orderId: record.orderId, ...fields, createdAt: at },
      update: fields,
    });
  }
}
