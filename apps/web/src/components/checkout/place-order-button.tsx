import { Button } from "../ui/button";
import { TopUpLink } from "./balance-panel";

interface PlaceOrderButtonProps {
  /** Why the last attempt was refused, for the order as a whole. */
  error: string | null;
  pending: boolean;
  /** Some line cannot be ordered as it is, or the balance cannot pay: fix that first. */
  blocked: boolean;
  /** The last attempt was refused because the balance cannot pay the total. */
  balanceShort: boolean;
}

/** "Place order", the refusal of the last attempt above it, and what happens if a step fails. */
export function PlaceOrderButton({ error, pending, blocked, balanceShort }: PlaceOrderButtonProps) {
  return (
    <>
      {error && (
        <div
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2.5 text-sm text-red-800 ring-1 ring-red-200"
          data-testid="place-order-error"
        >
          <p>{error}</p>
          {balanceShort && <TopUpLink />}
        </div>
      )}
      <Button type="submit" size="lg" className="w-full" busy={pending} disabled={blocked}>
        Place order
      </Button>
      <p className="text-xs text-stone-500">
        Paid from your balance. If a step fails, everything done is undone: items released, coupon
        given back, payment refunded.
      </p>
    </>
  );
}
