"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatMoney, type OrderDetail } from "@shop/contracts";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { shopErrorOf } from "../ui/shop-error";

/**
 * "Cancel order", then a confirm step saying what happens; the answer (the order as it is after
 * the cancel started) replaces the page's order, which then follows the cancellation live.
 */
export function CancelOrder({ order }: { order: OrderDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = useMutation(
    trpc.orders.cancel.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.orders.get.queryKey({ orderId: order.id }), next);
        void queryClient.invalidateQueries({ queryKey: trpc.orders.mine.queryKey() });
        setConfirming(false);
      },
      onError: (e) => {
        setError(shopErrorOf(e).message);
        // Whatever stood in the way (it shipped meanwhile) shows once the order is read again.
        void queryClient.invalidateQueries({
          queryKey: trpc.orders.get.queryKey({ orderId: order.id }),
        });
      },
    }),
  );
  const back = order.totalCents !== null ? order.totalCents - order.refundedCents : null;

  if (!confirming)
    return (
      <div className="space-y-2">
        <Button
          variant="secondary"
          onClick={() => {
            setError(null);
            setConfirming(true);
          }}
        >
          Cancel order
        </Button>
        {error && (
          <p role="alert" className="text-sm text-red-700" data-testid="cancel-error">
            {error}
          </p>
        )}
      </div>
    );
  return (
    <div
      role="group"
      aria-labelledby="cancel-confirm"
      className="space-y-3 rounded-xl bg-red-50 p-4 text-sm ring-1 ring-red-200"
      data-testid="cancel-confirm"
    >
      <p id="cancel-confirm" className="font-medium text-red-900">
        Cancel this order?
      </p>
      <p className="text-stone-700">
        {back !== null && back > 0
          ? `${formatMoney(back)} goes back to your balance`
          : "Nothing more is taken from your balance"}
        {order.couponId ? ", your coupon can be used again" : ""} and the items go back on sale.
        This cannot be undone.
      </p>
      <div className="flex flex-wrap gap-3">
        <Button
          variant="danger"
          busy={cancel.isPending}
          onClick={() => cancel.mutate({ orderId: order.id })}
        >
          Yes, cancel the order
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)} data-autofocus>
          Keep the order
        </Button>
      </div>
    </div>
  );
}
