import "server-only";
import type { AdminOrderDetail, RefundView } from "@shop/contracts";
import type { Services } from "../services";

/** A refund as the admin's order page shows it: who asked, by name when user-service knows it. */
export type AdminRefundView = RefundView & { requestedByName: string | null };
export type AdminOrderView = Omit<AdminOrderDetail, "refunds"> & { refunds: AdminRefundView[] };

/**
 * The order with each refund's requester named, asked of user-service in one call (as the ops
 * console names who resolved a dead letter). An unanswered user-service leaves the ids: the
 * page still says who it was, and the order is shown all the same.
 */
export async function withRequesterNames(
  services: Services,
  order: AdminOrderDetail,
): Promise<AdminOrderView> {
  const ids = [...new Set(order.refunds.map((r) => r.requestedBy))];
  const names = ids.length
    ? await services.user.admin.names.query({ ids }).catch((): Record<string, string> => ({}))
    : {};
  return {
    ...order,
    refunds: order.refunds.map((r) => ({ ...r, requestedByName: names[r.requestedBy] ?? null })),
  };
}
