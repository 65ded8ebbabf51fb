"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { formatMoney, MAX_BALANCE_CENTS, MAX_CHARGE_CENTS } from "@shop/contracts";
import { useState, type FormEvent } from "react";
import { newIdempotencyKey } from "@/lib/idempotency-key";
import { dollarsToCents } from "@/lib/money-input";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { shopErrorOf } from "../ui/shop-error";
import { useFieldErrors } from "../ui/use-field-errors";
import { announceBalance } from "./balance-event";

const FIELDS = { amountCents: "amount" } as const;
const PRESETS = [1_000, 2_500, 5_000, 10_000];

/** Adds money to the wallet. The service decides the limits; the form states them first. */
export function ChargeForm({ chargeableCents }: { chargeableCents: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errors = useFieldErrors(FIELDS);
  const [amount, setAmount] = useState("");
  // One key per charge the shopper means: a double click or a retry sends the same one.
  const [key, setKey] = useState(newIdempotencyKey);
  const [done, setDone] = useState<string | null>(null);
  const charge = useMutation(
    trpc.wallet.charge.mutationOptions({
      onSuccess: async (result) => {
        setDone(`Added ${formatMoney(result.entry.amountCents)}.`);
        announceBalance(result.balanceCents);
        setAmount("");
        setKey(newIdempotencyKey());
        errors.reset();
        await queryClient.invalidateQueries({ queryKey: trpc.wallet.pathKey() });
      },
      onError: (error) => {
        const e = shopErrorOf(error);
        errors.show(e.fieldErrors, e.message);
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const parsed = dollarsToCents(amount, "Amount");
    if (!parsed.ok) return void errors.show({ amountCents: [parsed.error] });
    if (parsed.value === 0)
      return void errors.show({ amountCents: ["Enter an amount above zero"] });
    errors.reset();
    charge.mutate({ amountCents: parsed.value, idempotencyKey: key });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Charge your balance">
      {errors.formError && (
        <p
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2.5 text-sm text-red-800 ring-1 ring-red-200"
        >
          {errors.formError}
        </p>
      )}
      <div className="grid grid-cols-4 gap-2">
        {PRESETS.filter((p) => p <= chargeableCents).map((cents) => (
          <button
            key={cents}
            type="button"
            onClick={() => setAmount((cents / 100).toFixed(2))}
            className="rounded-full px-2 py-1.5 text-sm font-medium text-stone-700 ring-1 ring-stone-300 hover:ring-brand-500"
          >
            ${cents / 100}
          </button>
        ))}
      </div>
      <Field
        id="amount"
        name="amount"
        label="Amount (USD)"
        error={errors.errors.amount}
        hint={`Up to ${formatMoney(Math.min(MAX_CHARGE_CENTS, chargeableCents))} now (at most ${formatMoney(MAX_CHARGE_CENTS)} per charge, a balance of ${formatMoney(MAX_BALANCE_CENTS)}).`}
      >
        {(c) => (
          <input
            {...c}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            placeholder="25.00"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        )}
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" busy={charge.isPending} disabled={chargeableCents === 0}>
          Charge balance
        </Button>
        {done && (
          <p role="status" className="text-sm text-brand-700">
            {done}
          </p>
        )}
      </div>
    </form>
  );
}
