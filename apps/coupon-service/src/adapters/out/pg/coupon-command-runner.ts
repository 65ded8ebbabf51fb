import { pgCommandRunner, queryPrepared } from "@shop/messaging";
import type { Clock, CommandRunner } from "@shop/kernel";
import type { Redemption, RejectReason } from "../../../domain/redemption";
import type { CouponReply, RedemptionStore } from "../../../application/ports";
import type {
  Campaign as CampaignRow,
  Coupon as CouponRow,
  Redemption as RedemptionRow,
} from "../../../generated/prisma/client";
import type pg from "pg";
import { replyMessage } from "../replies";
import type { Db } from "../prisma/client";
import { toCampaign, toCoupon } from "../prisma/rows";

/*
 * A coupon command, in @shop/messaging's one shape for a participant (pgCommandRunner: inbox
 * record with the saga's lock, the coupon change with the order's record, the reply in the
 * outbox, one transaction); the relay publishes the reply after the commit. Plain SQL on the
 * pool under Prisma (db.sql), as every checkout with a coupon runs one; the rows are selected
 * under Prisma's field names, so one mapping (rows.ts) serves both.
 */
export const pgCouponCommandRunner = (
  db: Db,
  clock: Clock,
): CommandRunner<RedemptionStore, CouponReply> =>
  pgCommandRunner(db.sql, clock, {
    storeOn: (client) => new PgRedemptionStore(client),
    replyMessage,
  });

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

class PgRedemptionStore implements RedemptionStore {
  constructor(private readonly tx: pg.ClientBase) {}

  async lockOrder(orderId: string): Promise<Redemption | null> {
    // A transaction-scoped advisory lock on the order id: it exists before the order's row
    // does. A hash collision between two orders only makes them wait for each other. The read
    // is a statement of its own: a statement's snapshot is taken before the lock it waits for.
    await queryPrepared(this.tx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
      `coupon-order:${orderId}`,
    ]);
    const { rows } = await queryPrepared<RedemptionRow>(
      this.tx,
      `SELECT order_id AS "orderId", state::text AS state, coupon_id AS "couponId",
              discount_cents AS "discountCents", reason, created_at AS "createdAt",
              updated_at AS "updatedAt"
         FROM redemption WHERE order_id = $1::uuid`,
      [orderId],
    );
    return rows[0] ? toRedemption(rows[0]) : null;
  }

  async lockCoupon(couponId: string) {
    const { rows } = await queryPrepared<CouponRow & { campaign: CampaignRow }>(
      this.tx,
      `SELECT c.id, c.campaign_id AS "campaignId", c.user_id AS "userId",
              c.claimed_at AS "claimedAt", c.used_order_id AS "usedOrderId", c.used_at AS "usedAt",
              json_build_object(
                'id', k.id, 'name', k.name, 'discountKind', k.discount_kind,
                'amountOffCents', k.amount_off_cents, 'percentOff', k.percent_off,
                'maxDiscountCents', k.max_discount_cents, 'quantity', k.quantity,
                'issued', k.issued, 'minOrderCents', k.min_order_cents,
                'validFrom', k.valid_from, 'validTo', k.valid_to, 'createdAt', k.created_at
              ) AS campaign
         FROM coupon c JOIN campaign k ON k.id = c.campaign_id
        WHERE c.id = $1::uuid
          FOR UPDATE OF c`,
      [couponId],
    );
    const row = rows[0];
    if (!row) return null;
    // The campaign came as JSON: its times are strings there.
    const campaign = {
      ...row.campaign,
      validFrom: new Date(row.campaign.validFrom),
      validTo: new Date(row.campaign.validTo),
      createdAt: new Date(row.campaign.createdAt),
    };
    return { ...toCoupon(row), campaign: toCampaign(campaign) };
  }

  async putOnOrder(couponId: string, orderId: string, at: Date): Promise<boolean> {
    const { rowCount } = await queryPrepared(
      this.tx,
      `UPDATE coupon SET used_order_id = $2::uuid, used_at = $3
        WHERE id = $1::uuid AND used_order_id IS NULL`,
      [couponId, orderId, at],
    );
    return rowCount === 1;
  }

  async takeOffOrder(couponId: string, orderId: string): Promise<void> {
    await queryPrepared(
      this.tx,
      `UPDATE coupon SET used_order_id = NULL, used_at = NULL
        WHERE id = $1::uuid AND used_order_id = $2::uuid`,
      [couponId, orderId],
    );
  }

  async saveRedemption(record: Redemption, at: Date): Promise<void> {
    await queryPrepared(
      this.tx,
      `INSERT INTO redemption (order_id, state, coupon_id, discount_cents, reason, created_at,
                               updated_at)
       VALUES ($1::uuid, $2::redemption_state, $3::uuid, $4, $5, $6, $6)
       ON CONFLICT (order_id) DO UPDATE
         SET state = EXCLUDED.state, coupon_id = EXCLUDED.coupon_id,
             discount_cents = EXCLUDED.discount_cents, reason = EXCLUDED.reason,
             updated_at = EXCLUDED.updated_at`,
      [
        record.orderId,
        STATE_OF[record.state],
        "couponId" in record ? record.couponId : null,
        "discountCents" in record ? record.discountCents : null,
        "reason" in record ? record.reason : null,
        at,
      ],
    );
  }
}
