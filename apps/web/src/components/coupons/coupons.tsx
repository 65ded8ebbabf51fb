"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { describeDiscount, formatMoney, type MyCoupon, type OpenCampaign } from "@shop/contracts";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { shopErrorOf } from "../ui/shop-error";

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** Open campaigns to claim from, and (signed in) the shopper's own coupons. */
export function Coupons() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const open = useQuery(trpc.coupons.open.queryOptions());
  const mine = useQuery({ ...trpc.coupons.mine.queryOptions(), enabled: !!me.data });

  return (
    <div className="space-y-12">
      <section aria-labelledby="open-heading">
        <h2 id="open-heading" className="font-display text-2xl font-semibold tracking-tight">
          Open now
        </h2>
        {open.isError && (
          <p role="alert" className="mt-4 text-sm text-red-700">
            Coupons are unavailable right now. Please try again in a moment.
          </p>
        )}
        {open.data?.length === 0 && (
          <p className="mt-4 text-stone-600">No campaign is open right now. Check back soon.</p>
        )}
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {open.data?.map((c) => (
            <CampaignCard key={c.id} campaign={c} signedIn={!!me.data} />
          ))}
        </ul>
      </section>
      {me.data && (
        <section aria-labelledby="mine-heading">
          <h2 id="mine-heading" className="font-display text-2xl font-semibold tracking-tight">
            My coupons
          </h2>
          {mine.data?.length === 0 && (
            <p className="mt-4 text-stone-600">You have no coupons yet. Claim one above.</p>
          )}
          <ul
            className="mt-6 divide-y divide-stone-100 rounded-2xl bg-white ring-1 ring-stone-200"
            data-testid="my-coupons"
          >
            {mine.data?.map((c) => (
              <MyCouponRow key={c.id} coupon={c} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function CampaignCard({ campaign, signedIn }: { campaign: OpenCampaign; signedIn: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const claim = useMutation(
    trpc.coupons.claim.mutationOptions({
      onSuccess: () => {
        setError(null);
        void queryClient.invalidateQueries({ queryKey: trpc.coupons.pathKey() });
      },
      onError: (e) => {
        setError(shopErrorOf(e).message);
        void queryClient.invalidateQueries({ queryKey: trpc.coupons.open.queryKey() });
      },
    }),
  );
  const soldOut = campaign.remaining === 0;
  return (
    <li
      className="flex flex-col justify-between rounded-2xl bg-white p-5 ring-1 ring-stone-200"
      data-testid="campaign"
    >
      <div>
        <p className="text-lg font-semibold text-brand-800">
          {describeDiscount(campaign.discount)}
        </p>
        <h3 className="mt-1 font-medium text-stone-900">{campaign.name}</h3>
        <p className="mt-2 text-sm text-stone-600">
          {campaign.minOrderCents > 0
            ? `On orders of ${formatMoney(campaign.minOrderCents)} or more. `
            : "On any order. "}
          Until {day.format(new Date(campaign.validTo))}.
        </p>
        <p className="mt-3 text-sm" data-testid="remaining">
          {soldOut ? (
            <span className="rounded-full bg-stone-900 px-2 py-0.5 text-xs font-medium text-white">
              Sold out
            </span>
          ) : (
            <span className="text-stone-700">
              {campaign.remaining} of {campaign.quantity} left
            </span>
          )}
        </p>
      </div>
      <div className="mt-5">
        {campaign.claimed ? (
          <p className="text-sm font-medium text-brand-700">✓ In your coupons</p>
        ) : !signedIn ? (
          <Link
            href="/sign-in?next=/coupons"
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            Sign in to claim
          </Link>
        ) : (
          <Button
            size="sm"
            busy={claim.isPending}
            disabled={soldOut}
            onClick={() => claim.mutate({ campaignId: campaign.id })}
          >
            Claim coupon
          </Button>
        )}
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}

const STATUS = {
  available: "bg-brand-50 text-brand-800 ring-brand-200",
  used: "bg-stone-100 text-stone-700 ring-stone-200",
  expired: "bg-stone-100 text-stone-500 ring-stone-200",
} as const;

function MyCouponRow({ coupon }: { coupon: MyCoupon }) {
  return (
    <li className="flex items-center justify-between gap-4 px-5 py-4 text-sm">
      <div>
        <p className="font-medium text-stone-900">
          {describeDiscount(coupon.discount)} · {coupon.campaignName}
        </p>
        <p className="text-xs text-stone-500">
          {coupon.minOrderCents > 0 ? `Orders of ${formatMoney(coupon.minOrderCents)}+ · ` : ""}
          until {day.format(new Date(coupon.validTo))}
        </p>
      </div>
      <span
        className={`rounded-full px-2.5 py-0.5 text-xs font-medium capitalize ring-1 ${STATUS[coupon.status]}`}
      >
        {coupon.status}
      </span>
    </li>
  );
}
