"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createCampaignInput, describeDiscount, formatMoney, type Campaign } from "@shop/contracts";
import { useState, type FormEvent, type ReactNode } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { shopErrorOf } from "../ui/shop-error";
import { useFieldErrors } from "../ui/use-field-errors";
import {
  CAMPAIGN_FIELDS,
  emptyCampaign,
  toCampaignInput,
  type CampaignFormValues,
} from "./campaign-form-model";

const when = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** Coupon campaigns: create one, and see how many coupons each issued and how many were used. */
export function CouponsAdmin() {
  const trpc = useTRPC();
  const campaigns = useQuery(trpc.admin.coupons.list.queryOptions());
  const [creating, setCreating] = useState(false);
  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="font-display text-3xl font-semibold tracking-tight">Coupons</h1>
          <p className="mt-1 text-sm text-stone-500">
            {campaigns.data ? `${campaigns.data.length} campaigns` : " "}
          </p>
        </div>
        {!creating && <Button onClick={() => setCreating(true)}>New campaign</Button>}
      </div>
      {creating && <CampaignForm onDone={() => setCreating(false)} />}
      <div className="mt-8 overflow-x-auto rounded-2xl bg-white ring-1 ring-stone-200">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
            <tr>
              <th className="px-4 py-3 font-medium">Campaign</th>
              <th className="px-4 py-3 font-medium">Discount</th>
              <th className="px-4 py-3 text-right font-medium">Issued</th>
              <th className="px-4 py-3 text-right font-medium">Used</th>
              <th className="px-4 py-3 text-right font-medium">Left</th>
              <th className="px-4 py-3 font-medium">Window (UTC)</th>
              <th className="px-4 py-3 font-medium">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {campaigns.data?.map((c) => (
              <CampaignRow key={c.id} campaign={c} />
            ))}
          </tbody>
        </table>
        {campaigns.isError && (
          <p role="alert" className="px-4 py-6 text-sm text-red-700">
            {shopErrorOf(campaigns.error).message}
          </p>
        )}
        {campaigns.data?.length === 0 && (
          <p className="px-4 py-6 text-sm text-stone-500">No campaigns yet.</p>
        )}
      </div>
    </div>
  );
}

const PHASE = {
  open: "bg-brand-50 text-brand-800 ring-brand-200",
  upcoming: "bg-amber-50 text-amber-800 ring-amber-200",
  ended: "bg-stone-100 text-stone-600 ring-stone-200",
} as const;

function CampaignRow({ campaign: c }: { campaign: Campaign }) {
  return (
    <tr data-testid="campaign-row">
      <td className="px-4 py-3 font-medium text-stone-900">
        {c.name}
        {c.minOrderCents > 0 && (
          <span className="block text-xs font-normal text-stone-500">
            orders of {formatMoney(c.minOrderCents)}+
          </span>
        )}
      </td>
      <td className="px-4 py-3 text-stone-700">{describeDiscount(c.discount)}</td>
      <td className="px-4 py-3 text-right tabular-nums">
        {c.issued} / {c.quantity}
      </td>
      <td className="px-4 py-3 text-right tabular-nums">{c.used}</td>
      <td className="px-4 py-3 text-right tabular-nums">{c.remaining}</td>
      <td className="px-4 py-3 text-xs text-stone-600">
        {when.format(new Date(c.validFrom))} – {when.format(new Date(c.validTo))}
      </td>
      <td className="px-4 py-3">
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-medium capitalize ring-1 ${PHASE[c.phase]}`}
        >
          {c.phase}
        </span>
      </td>
    </tr>
  );
}

function CampaignForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<CampaignFormValues>(() => emptyCampaign());
  const errors = useFieldErrors(CAMPAIGN_FIELDS);
  const create = useMutation(
    trpc.admin.coupons.create.mutationOptions({
      onSuccess: async (campaign) => {
        toast.success(`Campaign "${campaign.name}" created`);
        await queryClient.invalidateQueries({ queryKey: trpc.admin.coupons.list.queryKey() });
        onDone();
      },
      onError: (error) => {
        const e = shopErrorOf(error);
        errors.show(e.fieldErrors, e.message);
      },
    }),
  );
  const set = (key: keyof CampaignFormValues) => (value: string) =>
    setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const { input, errors: unreadable } = toCampaignInput(values);
    const parsed = createCampaignInput.safeParse(input);
    const issues: Record<string, string[]> = { ...unreadable };
    for (const i of parsed.error?.issues ?? []) (issues[i.path.join(".")] ??= []).push(i.message);
    if (Object.keys(issues).length) return void errors.show(issues);
    errors.reset();
    create.mutate(input);
  }

  const text = (
    key: keyof CampaignFormValues & keyof typeof errors.errors,
    label: string,
    extra: { hint?: ReactNode; type?: string; inputMode?: "decimal" | "numeric" } = {},
  ) => (
    <Field
      id={`campaign-${key}`}
      name={key}
      label={label}
      error={errors.errors[key]}
      hint={extra.hint}
    >
      {(c) => (
        <input
          {...c}
          type={extra.type ?? "text"}
          inputMode={extra.inputMode}
          value={values[key]}
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="New campaign"
      className="mt-6 space-y-5 rounded-2xl bg-white p-6 ring-1 ring-stone-200"
    >
      {errors.formError && (
        <p
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2.5 text-sm text-red-800 ring-1 ring-red-200"
        >
          {errors.formError}
        </p>
      )}
      <div className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
        {text("name", "Name")}
        <Field id="campaign-kind" name="kind" label="Discount">
          {(c) => (
            <select {...c} value={values.kind} onChange={(e) => set("kind")(e.target.value)}>
              <option value="percent">Percent off, with a cap</option>
              <option value="fixed">Fixed amount off</option>
            </select>
          )}
        </Field>
        {values.kind === "fixed" ? (
          text("amountOff", "Amount off (USD)", { inputMode: "decimal" })
        ) : (
          <div className="grid grid-cols-2 gap-3">
            {text("percentOff", "Percent off", { inputMode: "numeric" })}
            {text("maxDiscount", "Up to (USD)", { inputMode: "decimal" })}
          </div>
        )}
        {text("quantity", "Coupons", {
          inputMode: "numeric",
          hint: "How many can be claimed in all",
        })}
        {text("minOrder", "Minimum order (USD)", { inputMode: "decimal" })}
        <div className="grid grid-cols-2 gap-3">
          {text("validFrom", "Starts (UTC)", { type: "datetime-local" })}
          {text("validTo", "Ends (UTC)", { type: "datetime-local" })}
        </div>
      </div>
      <div className="flex gap-3">
        <Button type="submit" busy={create.isPending}>
          Create campaign
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
