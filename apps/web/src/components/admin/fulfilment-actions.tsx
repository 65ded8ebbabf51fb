"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { orderNumber } from "../orders/order-format";
import { Button } from "../ui/button";
import { Field, FormError } from "../ui/field";
import { shopErrorOf } from "../ui/shop-error";
import { useFieldErrors } from "../ui/use-field-errors";
import type { AdminOrderView } from "@/server/orders/requester-names";
import { useTRPC } from "@/trpc/client";

const SHIP_FIELDS = { carrier: "carrier", tracking: "tracking" } as const;

/**
 * What the admin can do to move the order on: ship a completed order (carrier and tracking
 * optional), deliver a shipped one. order-service decides whether the state allows it
 * (ORDER_STATE_CONFLICT); the answer replaces the page's order.
 */
export function FulfilmentActions({ order }: { order: AdminOrderView }) {
  if (order.state === "COMPLETED") return <ShipForm order={order} />;
  if (order.state === "SHIPPED") return <DeliverButton order={order} />;
  return null;
}

function useReplaceOrder(orderId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (next: AdminOrderView) => {
    queryClient.setQueryData(trpc.admin.orders.get.queryKey({ orderId }), next);
    void queryClient.invalidateQueries({ queryKey: trpc.admin.orders.list.pathKey() });
  };
}

function ShipForm({ order }: { order: AdminOrderView }) {
  const trpc = useTRPC();
  const id = useId();
  const replace = useReplaceOrder(order.id);
  const [carrier, setCarrier] = useState("");
  const [tracking, setTracking] = useState("");
  const fields = useFieldErrors(SHIP_FIELDS);
  const ship = useMutation(
    trpc.admin.orders.ship.mutationOptions({
      onSuccess: (next) => {
        replace(next);
        toast.success(`Order ${orderNumber(order.id)} shipped`);
      },
      onError: (err) => {
        const e = shopErrorOf(err);
        fields.show(e.fieldErrors, e.message);
        toast.error("The order was not shipped", { description: e.message });
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    fields.reset();
    ship.mutate({
      orderId: order.id,
      ...(carrier.trim() ? { carrier } : {}),
      ...(tracking.trim() ? { tracking } : {}),
    });
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Ship the order"
      className="space-y-4 rounded-2xl bg-white p-6 ring-1 ring-stone-200"
    >
      <h2 className="font-medium">Ship</h2>
      <FormError message={fields.formError} />
      <div className="grid gap-4">
        <Field
          id={`${id}-carrier`}
          label="Carrier"
          name="carrier"
          optional
          error={fields.errors.carrier}
        >
          {(control) => (
            <input
              {...control}
              value={carrier}
              onChange={(e) => setCarrier(e.target.value)}
              maxLength={100}
            />
          )}
        </Field>
        <Field
          id={`${id}-tracking`}
          label="Tracking number"
          name="tracking"
          optional
          error={fields.errors.tracking}
        >
          {(control) => (
            <input
              {...control}
              value={tracking}
              onChange={(e) => setTracking(e.target.value)}
              maxLength={100}
            />
          )}
        </Field>
      </div>
      <Button type="submit" busy={ship.isPending}>
        Mark as shipped
      </Button>
    </form>
  );
}

function DeliverButton({ order }: { order: AdminOrderView }) {
  const trpc = useTRPC();
  const replace = useReplaceOrder(order.id);
  const [error, setError] = useState<string | null>(null);
  const deliver = useMutation(
    trpc.admin.orders.deliver.mutationOptions({
      onSuccess: (next) => {
        replace(next);
        toast.success(`Order ${orderNumber(order.id)} delivered`);
      },
      onError: (err) => {
        const e = shopErrorOf(err);
        setError(e.message);
        toast.error("The order was not marked delivered", { description: e.message });
      },
    }),
  );
  return (
    <section
      className="space-y-3 rounded-2xl bg-white p-6 ring-1 ring-stone-200"
      aria-label="Deliver the order"
    >
      <h2 className="font-medium">Deliver</h2>
      <FormError message={error} />
      <p className="text-sm text-stone-600">
        Shipped{order.fulfilment.carrier ? ` with ${order.fulfilment.carrier}` : ""}
        {order.fulfilment.tracking ? ` (tracking ${order.fulfilment.tracking})` : ""}. Mark it
        delivered once it has arrived.
      </p>
      <Button busy={deliver.isPending} onClick={() => deliver.mutate({ orderId: order.id })}>
        Mark as delivered
      </Button>
    </section>
  );
}
