"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { formatMoney } from "@shop/contracts";
import { Button } from "../ui/button";
import { controlClass, Field, FormError } from "../ui/field";
import { shopErrorOf } from "../ui/shop-error";
import { newIdempotencyKey } from "@/lib/idempotency-key";
import type { AdminOrderView } from "@/server/orders/requester-names";
import { useTRPC } from "@/trpc/client";
import { refundErrorsOf, refundRequest, type RefundFormErrors } from "./refund-form-model";

/** Orders in these states were paid and not cancelled: they can be refunded (order-service decides). */
export const REFUNDABLE = new Set(["COMPLETED", "SHIPPED", "DELIVERED"]);

/**
 * Refund the order, whole or by line: a quantity for each line to refund (none chosen: all of
 * what is not refunded yet), whether the units go back in stock, and why. Shows the amount the
 * refund gives back once it has started; the refunds list follows it to the end.
 */
export function RefundForm({ order }: { order: AdminOrderView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [restock, setRestock] = useState(true);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<RefundFormErrors>({ lines: {} });
  const [asked, setAsked] = useState<string[]>([]);
  const [started, setStarted] = useState<number | null>(null);
  // One key per refund the admin means: a double click or a retried request refunds once.
  const [key, setKey] = useState(newIdempotencyKey);

  const refund = useMutation(
    trpc.admin.orders.refund.mutationOptions({
      onSuccess: ({ amountCents }) => {
        setStarted(amountCents);
        setKey(newIdempotencyKey());
        setQuantities({});
        setReason("");
        toast.success(`Refund of ${formatMoney(amountCents)} started`);
        void queryClient.invalidateQueries({
          queryKey: trpc.admin.orders.get.queryKey({ orderId: order.id }),
        });
      },
      onError: (err) => {
        const e = shopErrorOf(err);
        setErrors(refundErrorsOf(e.fieldErrors, asked, e.message));
        toast.error("Nothing was refunded", { description: e.message });
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (refund.isPending) return;
    setStarted(null);
    const request = refundRequest(order.id, { quantities, restock, reason });
    if (!request.ok) return setErrors(request.errors);
    setErrors({ lines: {} });
    setAsked(request.productIds);
    refund.mutate({ ...request.input, idempotencyKey: key });
  }

  const chosen = order.lines.filter((l) => Number(quantities[l.productId] ?? 0) > 0).length;
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Refund the order"
      className="space-y-4 rounded-2xl bg-white p-6 ring-1 ring-stone-200"
      data-testid="refund-form"
    >
      <div>
        <h2 className="font-medium">Refund</h2>
        <p className="mt-1 text-sm text-stone-500">
          Choose how many of each line to refund, or none to refund the whole order (what is not
          refunded yet). The money goes back to the shopper&apos;s balance.
        </p>
      </div>
      {started !== null && (
        <p
          role="status"
          className="rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-900 ring-1 ring-brand-100"
          data-testid="refund-started"
        >
          Refund started: <strong className="font-semibold">{formatMoney(started)}</strong> goes
          back to the shopper.
        </p>
      )}
      <FormError message={errors.form ?? null} />
      <fieldset className="min-w-0">
        <legend className="mb-2 text-sm font-medium text-stone-800">Lines</legend>
        <ul className="divide-y divide-stone-100 rounded-xl ring-1 ring-stone-200">
          {order.lines.map((l) => {
            const error = errors.lines[l.productId];
            const boxId = `${id}-${l.productId}`;
            return (
              <li key={l.productId} className="px-4 py-3 text-sm" data-testid="refund-line">
                <div className="flex items-center justify-between gap-3">
                  <label htmlFor={boxId} className="min-w-0 flex-1">
                    <span className="block break-words font-medium text-stone-900">
                      {l.name || "Item"}
                    </span>
                    <span className="block text-xs text-stone-500">
                      {l.quantity} bought × {formatMoney(l.unitPriceCents)}
                    </span>
                  </label>
                  <div className="w-20 shrink-0">
                    <input
                      id={boxId}
                      inputMode="numeric"
                      placeholder="0"
                      aria-label={`Units of ${l.name || "this item"} to refund`}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${boxId}-error` : undefined}
                      value={quantities[l.productId] ?? ""}
                      onChange={(e) =>
                        setQuantities((q) => ({ ...q, [l.productId]: e.target.value }))
                      }
                      className={`${controlClass(!!error)} text-right tabular-nums`}
                    />
                  </div>
                </div>
                {error && (
                  <p
                    id={`${boxId}-error`}
                    role="alert"
                    className="mt-1.5 text-sm text-red-700"
                    data-testid="error-line"
                  >
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
        <p className="mt-1.5 text-xs text-stone-500" data-testid="refund-scope">
          {chosen === 0
            ? "No line chosen: the whole order is refunded."
            : `${chosen} ${chosen === 1 ? "line" : "lines"} chosen.`}
        </p>
      </fieldset>
      <label className="flex items-center gap-2 text-sm text-stone-800">
        <input
          type="checkbox"
          checked={restock}
          onChange={(e) => setRestock(e.target.checked)}
          className="size-4 accent-brand-600"
        />
        Put the refunded units back in stock
      </label>
      <Field id={`${id}-reason`} label="Reason" name="reason" error={errors.reason}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Arrived damaged"
          />
        )}
      </Field>
      <Button type="submit" variant="danger" busy={refund.isPending}>
        Refund
      </Button>
    </form>
  );
}
