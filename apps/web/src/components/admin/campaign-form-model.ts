import type { CreateCampaignInput } from "@shop/contracts";
import { dollarsToCents } from "@/lib/money-input";

/** The campaign form as typed: text in every field, turned into the contract's input here. */
export interface CampaignFormValues {
  name: string;
  kind: "fixed" | "percent";
  amountOff: string;
  percentOff: string;
  maxDiscount: string;
  quantity: string;
  /** `datetime-local` values, read as UTC (the admin pages show times in UTC). */
  validFrom: string;
  validTo: string;
  minOrder: string;
}

export const CAMPAIGN_FIELDS = {
  name: "name",
  discount: "discount",
  "discount.amountOffCents": "amountOff",
  "discount.percentOff": "percentOff",
  "discount.maxDiscountCents": "maxDiscount",
  quantity: "quantity",
  validFrom: "validFrom",
  validTo: "validTo",
  minOrderCents: "minOrder",
} as const;

export type CampaignField = (typeof CAMPAIGN_FIELDS)[keyof typeof CAMPAIGN_FIELDS];

const utcInput = (d: Date) => d.toISOString().slice(0, 16);

export function emptyCampaign(now = new Date()): CampaignFormValues {
  return {
    name: "",
    kind: "percent",
    amountOff: "",
    percentOff: "10",
    maxDiscount: "20.00",
    quantity: "100",
    validFrom: utcInput(now),
    validTo: utcInput(new Date(now.getTime() + 7 * 86_400_000)),
    minOrder: "0",
  };
}

/** "2026-12-01T10:00" (UTC) → ISO; anything else is left for the contract to refuse. */
const instant = (local: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00.000Z` : local;

const cents = (text: string, label: string, errors: Record<string, string[]>, key: string) => {
  const parsed = dollarsToCents(text, label);
  if (parsed.ok) return parsed.value;
  errors[key] = [parsed.error];
  return NaN;
};

/**
 * The contract's input, or the per-field messages of what could not even be read (amounts
 * typed as dollars). Everything else is the contract's to judge (zod, then the service).
 */
export function toCampaignInput(v: CampaignFormValues): {
  input: CreateCampaignInput;
  errors: Record<string, string[]>;
} {
  const errors: Record<string, string[]> = {};
  const discount: CreateCampaignInput["discount"] =
    v.kind === "fixed"
      ? {
          kind: "fixed",
          amountOffCents: cents(v.amountOff, "Amount off", errors, "discount.amountOffCents"),
        }
      : {
          kind: "percent",
          percentOff: Number(v.percentOff.trim() || NaN),
          maxDiscountCents: cents(v.maxDiscount, "Cap", errors, "discount.maxDiscountCents"),
        };
  return {
    input: {
      name: v.name,
      discount,
      quantity: Number(v.quantity.trim() || NaN),
      validFrom: instant(v.validFrom),
      validTo: instant(v.validTo),
      minOrderCents: cents(v.minOrder, "Minimum order", errors, "minOrderCents"),
    },
    errors,
  };
}
