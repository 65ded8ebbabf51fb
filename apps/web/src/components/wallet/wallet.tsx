"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatMoney, type LedgerEntry } from "@shop/contracts";
import { useTRPC } from "@/trpc/client";
import { orderNumber } from "../orders/order-format";
import { Button } from "../ui/button";
import { ChargeForm } from "./charge-form";

const when = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

const KIND = { charge: "Charge", payment: "Payment", refund: "Refund" } as const;

/** The balance, a charge form and the ledger (every change, newest first). */
export function Wallet() {
  const trpc = useTRPC();
  const balance = useQuery(trpc.wallet.balance.queryOptions());
  const ledger = useInfiniteQuery(
    trpc.wallet.ledger.infiniteQueryOptions(
      { limit: 20 },
      { getNextPageParam: (page) => page.nextBefore },
    ),
  );
  const entries = ledger.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <div className="grid gap-8 lg:grid-cols-[22rem_1fr]">
      <section className="space-y-6 rounded-2xl bg-white p-6 ring-1 ring-stone-200">
        <div>
          <h2 className="text-sm font-medium text-stone-500">Balance</h2>
          <p
            className="mt-1 font-display text-4xl font-semibold tracking-tight"
            data-testid="balance"
          >
            {balance.data ? formatMoney(balance.data.balanceCents) : "…"}
          </p>
        </div>
        {balance.data && <ChargeForm chargeableCents={balance.data.chargeableCents} />}
        {balance.isError && (
          <p role="alert" className="text-sm text-red-700">
            Your balance could not be loaded. Try again in a moment.
          </p>
        )}
      </section>
      <section className="rounded-2xl bg-white ring-1 ring-stone-200">
        <h2 className="border-b border-stone-200 px-6 py-4 font-medium">History</h2>
        {ledger.isError && (
          <p role="alert" className="px-6 py-4 text-sm text-red-700">
            Your history could not be loaded.
          </p>
        )}
        {ledger.isSuccess && entries.length === 0 && (
          <p className="px-6 py-8 text-sm text-stone-500">
            No changes yet. Charge your balance to start shopping.
          </p>
        )}
        <ul className="divide-y divide-stone-100" aria-label="Balance history">
          {entries.map((e) => (
            <Entry key={e.id} entry={e} />
          ))}
        </ul>
        {ledger.hasNextPage && (
          <div className="border-t border-stone-100 px-6 py-3">
            <Button
              variant="secondary"
              size="sm"
              busy={ledger.isFetchingNextPage}
              onClick={() => void ledger.fetchNextPage()}
            >
              Show older
            </Button>
          </div>
        )}
      </section>
    </div>
  );
}

function Entry({ entry }: { entry: LedgerEntry }) {
  const credit = entry.amountCents > 0;
  return (
    <li
      className="flex items-center justify-between gap-4 px-6 py-3 text-sm"
      data-testid="ledger-entry"
      data-kind={entry.kind}
    >
      <div>
        <p className="font-medium text-stone-900">
          {KIND[entry.kind]}
          {entry.orderId && (
            <span className="font-normal text-stone-500">
              {entry.kind === "refund" ? " from " : " · "}
              {/* A refund links to its order, where the money trail says what it was for. */}
              <Link
                href={`/orders/${entry.orderId}${entry.refundId ? `#refund-${entry.refundId}` : ""}`}
                className="text-brand-700 hover:underline"
                data-testid="ledger-order"
              >
                order {orderNumber(entry.orderId)}
              </Link>
            </span>
          )}
        </p>
        <p className="text-xs text-stone-500">{when.format(new Date(entry.createdAt))} UTC</p>
      </div>
      <div className="text-right">
        <p className={credit ? "font-medium text-brand-700" : "font-medium text-stone-900"}>
          {credit ? "+" : "−"}
          {formatMoney(Math.abs(entry.amountCents))}
        </p>
        <p className="text-xs text-stone-500">{formatMoney(entry.balanceAfterCents)}</p>
      </div>
    </li>
  );
}
