import type { LedgerEntry as LedgerEntryDto } from "@shop/contracts";
import { commonTRPCError, DomainTRPCError, valueOrThrowWith } from "@shop/service-kit/trpc-errors";
import type { WalletError } from "../../../domain/errors";
import { formatMoney } from "@shop/kernel";
import type { LedgerEntry } from "../../../domain/wallet";

export const toEntryDto = (e: LedgerEntry): LedgerEntryDto => ({
  id: e.id,
  seq: e.seq,
  kind: e.kind,
  amountCents: e.amountCents,
  balanceAfterCents: e.balanceAfterCents,
  orderId: e.orderId,
  refundId: e.refundId,
  createdAt: e.createdAt.toISOString(),
});

/** The edge where a domain error becomes a transport error: code, message, per-field hints. */
export function toTRPCError(e: WalletError): DomainTRPCError {
  switch (e.code) {
    case "VALIDATION_FAILED":
    case "NOT_FOUND":
      return commonTRPCError(e);
    case "AMOUNT_TOO_LARGE": {
      const message = `You can add at most ${formatMoney(e.maxChargeCents)} at a time`;
      return new DomainTRPCError({
        code: "BAD_REQUEST",
        errorCode: e.code,
        message,
        fieldErrors: { amountCents: [message] },
      });
    }
    case "BALANCE_LIMIT": {
      const limit = `Your balance cannot go above ${formatMoney(e.maxBalanceCents)}`;
      const room =
        e.chargeableCents > 0
          ? `: you can add up to ${formatMoney(e.chargeableCents)} now`
          : `, and it is at the limit`;
      return new DomainTRPCError({
        code: "CONFLICT",
        errorCode: e.code,
        message: limit + room,
        fieldErrors: { amountCents: [limit + room] },
      });
    }
    case "IDEMPOTENCY_KEY_REUSED":
      return new DomainTRPCError({
        code: "CONFLICT",
        errorCode: e.code,
        message: `This charge was already made for ${formatMoney(e.chargedCents)}; start a new one`,
        fieldErrors: { idempotencyKey: ["Already used for another amount"] },
      });
  }
}

/** Unwraps a use case's result for a procedure: the value, or the mapped error thrown. */
export const valueOrThrow = valueOrThrowWith(toTRPCError);
