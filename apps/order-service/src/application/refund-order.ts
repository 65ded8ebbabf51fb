import { ok, type Actor, type Result } from "@shop/kernel";
import { refundOf, requestRefund } from "../domain/saga";
import type { OrderError } from "../domain/errors";
import { asAdmin } from "./authorize";
import { changeOrder } from "./change-order";
import type { OrderDeps } from "./ports";

export interface RefundInput {
  orderId: string;
  /** Null: everything not refunded yet. */
  lines: { productId: string; quantity: number }[] | null;
  restock: boolean;
  reason: string;
  /** The same key again answers the refund it made, without making another. */
  idempotencyKey?: string | null;
}

/**
 * An admin refunds a completed, shipped or delivered order, whole or by line: a refund saga of
 * its own (domain/after-sale.ts), its amount computed from the order's priced lines. Two refunds
 * at once are decided one after the other on the saga's version: units (and money) refunded by
 * the first are not there for the second.
 */
export async function refundOrder(
  deps: Pick<OrderDeps, "store" | "clock" | "ids">,
  actor: Actor,
  input: RefundInput,
): Promise<Result<{ refundId: string; amountCents: number }, OrderError>> {
  const admin = asAdmin(actor);
  if (!admin.ok) return admin;
  const request = { refundId: deps.ids.next(), key: input.idempotencyKey ?? null };
  const changed = await changeOrder(deps, input.orderId, (state, now) =>
    requestRefund(state, {
      ...request,
      lines: input.lines,
      restock: input.restock,
      reason: input.reason,
      by: admin.value.userId ?? "",
      now,
    }),
  );
  if (!changed.ok) return changed;
  const refund = refundOf(changed.value, request);
  return ok({ refundId: refund?.id ?? request.refundId, amountCents: refund?.amountCents ?? 0 });
}
