"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { adjustStockInput, type Product } from "@shop/contracts";
import { useId, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { parseWholeNumber } from "@/lib/money-input";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Dialog } from "./dialog";
import { Field, FormError } from "../ui/field";
import { shopErrorOf } from "../ui/shop-error";

const STEPS = [-10, -1, 1, 10] as const;
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : "0");

/** Moves stock by a signed delta; the service refuses to go below zero (INSUFFICIENT_STOCK). */
export function StockForm({ product, onClose }: { product: Product; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);

  const adjust = useMutation(
    trpc.admin.products.adjustStock.mutationOptions({
      onSuccess: (p) => {
        void queryClient.invalidateQueries(trpc.admin.products.pathFilter());
        toast.success(`Stock of “${p.name}” is now ${p.stock}`, {
          description: `${product.stock} → ${p.stock}`,
        });
        onClose();
      },
      onError: (err) => {
        const e = shopErrorOf(err);
        const inline = e.errorCode === "INSUFFICIENT_STOCK" ? e.message : e.fieldErrors.delta?.[0];
        setError(inline);
        setFormError(inline ? null : e.message);
        if (inline) document.getElementById(`${id}-delta`)?.focus();
        toast.error("Stock was not changed", { description: e.message });
      },
    }),
  );

  const delta = parseWholeNumber(text, { signed: true });
  const valid = Number.isInteger(delta) && delta !== 0;
  const after = valid ? product.stock + delta : product.stock;

  function change(next: string) {
    setText(next);
    setError(undefined);
  }

  function step(by: number) {
    const base = Number.isInteger(delta) ? delta : 0;
    change(
      signed(base + by)
        .replace("\u2212", "-")
        .replace(/^0$/, ""),
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (adjust.isPending) return;
    if (text.trim() === "") return setError("Enter a change, like +10 or -3");
    const checked = adjustStockInput.safeParse({ id: product.id, delta });
    if (!checked.success) return setError(checked.error.issues[0]?.message ?? "Not a valid change");
    setFormError(null);
    adjust.mutate(checked.data);
  }

  return (
    <Dialog
      variant="center"
      title="Adjust stock"
      description={
        <>
          <span className="font-medium text-stone-700">{product.name}</span> · {product.stock} in
          stock
        </>
      }
      onClose={onClose}
    >
      <form
        noValidate
        onSubmit={onSubmit}
        className="flex min-h-0 flex-col"
        aria-busy={adjust.isPending}
      >
        <div data-dialog-body className="space-y-4 overflow-y-auto px-6 py-5">
          <FormError message={formError} />
          <Field
            id={`${id}-delta`}
            name="delta"
            label="Stock change"
            error={error}
            hint="A whole number: +10 adds units, -3 removes them."
          >
            {(c) => (
              <div className="flex gap-2">
                <input
                  {...c}
                  name="delta"
                  type="text"
                  autoComplete="off"
                  placeholder="+10 or -3"
                  value={text}
                  onChange={(e) => change(e.target.value)}
                  className={`${c.className} text-base tabular-nums`}
                />
                <div className="flex shrink-0 gap-1" role="group" aria-label="Quick steps">
                  {STEPS.map((s) => (
                    <button
                      key={s}
                      type="button"
                      onClick={() => step(s)}
                      aria-label={s > 0 ? `Plus ${s}` : `Minus ${-s}`}
                      className="h-10 min-w-10 rounded-lg px-2 text-sm font-medium tabular-nums text-stone-700 ring-1 ring-inset ring-stone-300 hover:bg-stone-50"
                    >
                      {signed(s)}
                    </button>
                  ))}
                </div>
              </div>
            )}
          </Field>
          <div
            className="flex items-center justify-between rounded-xl bg-stone-50 px-4 py-3 ring-1 ring-stone-200"
            aria-live="polite"
          >
            <span className="text-sm text-stone-600">After this change</span>
            <span className="flex items-baseline gap-2 tabular-nums">
              <span className="text-stone-500">{product.stock}</span>
              <span aria-hidden className="text-stone-400">
                →
              </span>
              <span className="sr-only">becomes</span>
              <span
                className={`text-lg font-semibold ${after < 0 ? "text-red-700" : valid ? "text-brand-700" : "text-stone-900"}`}
              >
                {after}
              </span>
            </span>
          </div>
          {after < 0 && !error && (
            <p className="text-sm text-amber-800">
              That is more than is on hand; the shop will refuse to go below zero.
            </p>
          )}
        </div>
        <div className="flex items-center justify-end gap-3 border-t border-stone-200 bg-stone-50/80 px-6 py-4">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={adjust.isPending}>
            Adjust stock
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
