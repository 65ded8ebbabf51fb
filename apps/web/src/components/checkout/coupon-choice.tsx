import { formatMoney } from "@shop/contracts";

/** One radio of the coupon picker: the coupon, when it ends or what it needs, what it takes off. */
export function CouponChoice({
  id,
  checked,
  disabled = false,
  onChoose,
  title,
  detail,
  off,
}: {
  id: string;
  checked: boolean;
  disabled?: boolean;
  onChoose: () => void;
  title: string;
  detail: string | null;
  off: number | null;
}) {
  return (
    <label
      htmlFor={`coupon-${id}`}
      className={`flex items-start gap-3 px-6 py-4 text-sm ${
        disabled ? "cursor-not-allowed text-stone-400" : "cursor-pointer hover:bg-stone-50"
      } ${checked ? "bg-brand-50" : ""}`}
    >
      <input
        id={`coupon-${id}`}
        type="radio"
        name="coupon"
        value={id}
        checked={checked}
        disabled={disabled}
        onChange={onChoose}
        className="mt-0.5 size-4 shrink-0 accent-brand-600"
      />
      <span className="min-w-0 flex-1">
        <span className={`block font-medium ${disabled ? "" : "text-stone-900"}`}>{title}</span>
        {detail && <span className="block text-xs text-stone-500">{detail}</span>}
      </span>
      {off !== null && (
        <span className="shrink-0 font-medium tabular-nums text-brand-700">
          −{formatMoney(off)}
        </span>
      )}
    </label>
  );
}
