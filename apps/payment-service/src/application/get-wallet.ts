import { chargeableCents } from "../domain/wallet";
import type { PaymentDeps } from "./ports";

export interface WalletSummary {
  balanceCents: number;
  /** The most one charge can add now. */
  chargeableCents: number;
}

/** The user's balance (0 before their first charge) and what they may charge next. */
export async function getWallet(
  deps: Pick<PaymentDeps, "store">,
  userId: string,
): Promise<WalletSummary> {
  const balanceCents = await deps.store.balanceOf(userId);
  return { balanceCents, chargeableCents: chargeableCents(balanceCents) };
}
