import type { LedgerEntry } from "../domain/wallet";
import type { LedgerPageRequest, PaymentDeps } from "./ports";

export interface LedgerPage {
  entries: LedgerEntry[];
  /** The `before` of the next (older) page; null when this page holds the oldest entry. */
  nextBefore: number | null;
}

/**
 * One page of the user's ledger, newest first. Pages are cut by entry position (seq), not by
 * offset, so entries added while the shopper reads never shift the older pages.
 */
export async function listLedger(
  deps: Pick<PaymentDeps, "store">,
  userId: string,
  page: LedgerPageRequest,
): Promise<LedgerPage> {
  // One more than asked for tells whether an older page exists.
  const rows = await deps.store.ledger(userId, { before: page.before, limit: page.limit + 1 });
  const entries = rows.slice(0, page.limit);
  const last = entries.at(-1);
  return { entries, nextBefore: rows.length > page.limit && last ? last.seq : null };
}
