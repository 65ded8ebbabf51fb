import Link from "next/link";
import { formatMoney } from "@shop/contracts";

interface BalancePanelProps {
  /** undefined while it loads or when it could not be loaded. */
  balanceCents: number | undefined;
  failed: boolean;
  total: number;
  /** How much the balance lacks for the total; 0 when it covers it (or is not known). */
  shortBy: number;
}

/** The shopper's balance, what is left after this order, or how much it is short. */
export function BalancePanel({ balanceCents, failed, total, shortBy }: BalancePanelProps) {
  return (
    <>
      <div className="rounded-xl bg-stone-50 px-4 py-3 text-sm ring-1 ring-stone-200">
        <div className="flex justify-between">
          <span className="text-stone-600">Your balance</span>
          <span className="font-medium tabular-nums" data-testid="checkout-balance">
            {balanceCents !== undefined ? formatMoney(balanceCents) : failed ? "—" : "…"}
          </span>
        </div>
        {balanceCents !== undefined && shortBy === 0 && (
          <div className="mt-1 flex justify-between text-stone-500">
            <span>After this order</span>
            <span className="tabular-nums">{formatMoney(balanceCents - total)}</span>
          </div>
        )}
        {failed && (
          <p role="alert" className="mt-1 text-red-700">
            Your balance could not be loaded.
          </p>
        )}
      </div>
      {shortBy > 0 && (
        // Refused before the saga runs (the BFF checks it again): charge first, then order.
        <div
          role="alert"
          className="rounded-lg bg-amber-50 px-3 py-2.5 text-sm text-amber-900 ring-1 ring-amber-200"
          data-testid="balance-short"
        >
          <p>
            Your balance is <strong className="font-semibold">{formatMoney(shortBy)}</strong> short
            of this total. Top up your wallet to place this order.
          </p>
          <TopUpLink />
        </div>
      )}
    </>
  );
}

/** To the wallet page, where the balance is charged; the checkout is one step back from it. */
export function TopUpLink() {
  return (
    <Link
      href="/account/wallet"
      className="mt-1 inline-block font-medium text-amber-900 underline underline-offset-2"
    >
      Top up your wallet
    </Link>
  );
}
