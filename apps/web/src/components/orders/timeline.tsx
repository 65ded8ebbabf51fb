import { clock, type TimelineStep } from "./order-format";

const TITLE: Record<TimelineStep["step"], string> = {
  "reserve-stock": "Reserve your items",
  "use-coupon": "Apply your coupon",
  pay: "Pay from your balance",
  "release-stock": "Put the items back",
  "restore-coupon": "Give the coupon back",
  refund: "Refund the payment",
  ship: "Ship your order",
  deliver: "Deliver your order",
};

const COMPENSATIONS = new Set<TimelineStep["step"]>(["release-stock", "restore-coupon", "refund"]);
const DELIVERY = new Set<TimelineStep["step"]>(["ship", "deliver"]);

/** A step that was sent and not answered yet is running; one not sent yet is still to come. */
const running = (s: TimelineStep) => s.status === "waiting" && s.at !== null;

function statusText(s: TimelineStep): string {
  if (s.status === "done") return "Done";
  if (s.status === "failed") return "Failed";
  if (s.status === "skipped") return s.step === "use-coupon" ? "No coupon" : "Not needed";
  return running(s) ? "In progress" : "Waiting";
}

/**
 * The order's steps as the order service reports them: the three checkout steps, shipping and
 * delivery once there are any, then, if a step failed or the order was cancelled, what was
 * undone, in the order it ran.
 */
export function Timeline({ steps }: { steps: TimelineStep[] }) {
  const forward = steps.filter((s) => !COMPENSATIONS.has(s.step) && !DELIVERY.has(s.step));
  const delivery = steps.filter((s) => DELIVERY.has(s.step));
  const undo = steps.filter((s) => COMPENSATIONS.has(s.step));
  return (
    <div data-testid="timeline">
      <Steps steps={forward} label="Checkout steps" />
      {delivery.length > 0 && (
        <>
          <p className="mb-3 mt-5 text-xs font-medium uppercase tracking-wide text-stone-500">
            Delivery
          </p>
          <Steps steps={delivery} label="Delivery steps" />
        </>
      )}
      {undo.length > 0 && (
        <>
          <p className="mb-3 mt-5 text-xs font-medium uppercase tracking-wide text-stone-500">
            Undoing what was done
          </p>
          <Steps steps={undo} label="Undo steps" />
        </>
      )}
    </div>
  );
}

function Steps({ steps, label }: { steps: TimelineStep[]; label: string }) {
  return (
    <ol aria-label={label}>
      {steps.map((s, i) => (
        <li
          key={s.step}
          className="relative flex gap-3 pb-5 last:pb-0"
          data-testid="timeline-step"
          data-step={s.step}
          data-status={s.status}
        >
          {i < steps.length - 1 && (
            <span aria-hidden className="absolute left-3.5 top-8 bottom-1 w-px bg-stone-200" />
          )}
          <StepIcon step={s} />
          <div className="min-w-0 pt-1">
            <p
              className={`text-sm font-medium ${s.status === "skipped" ? "text-stone-400" : "text-stone-900"}`}
            >
              {TITLE[s.step]}
            </p>
            <p className="text-xs text-stone-500">
              <span className={s.status === "failed" ? "font-medium text-red-700" : ""}>
                {statusText(s)}
              </span>
              {s.at && (
                <>
                  {" · "}
                  <time dateTime={s.at}>{clock(s.at)} UTC</time>
                </>
              )}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}

function StepIcon({ step: s }: { step: TimelineStep }) {
  const base = "relative grid size-7 shrink-0 place-items-center rounded-full";
  if (s.status === "done")
    return (
      <span aria-hidden className={`${base} bg-brand-600 text-white`}>
        <svg viewBox="0 0 20 20" className="size-4" fill="currentColor">
          <path
            fillRule="evenodd"
            d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z"
            clipRule="evenodd"
          />
        </svg>
      </span>
    );
  if (s.status === "failed")
    return (
      <span aria-hidden className={`${base} bg-red-600 text-white`}>
        <svg viewBox="0 0 20 20" className="size-4" fill="currentColor">
          <path d="M5.3 5.3a1 1 0 0 1 1.4 0L10 8.6l3.3-3.3a1 1 0 1 1 1.4 1.4L11.4 10l3.3 3.3a1 1 0 0 1-1.4 1.4L10 11.4l-3.3 3.3a1 1 0 0 1-1.4-1.4L8.6 10 5.3 6.7a1 1 0 0 1 0-1.4Z" />
        </svg>
      </span>
    );
  if (s.status === "skipped")
    return (
      <span aria-hidden className={`${base} bg-stone-100 text-stone-400 ring-1 ring-stone-200`}>
        <span className="h-0.5 w-2.5 rounded bg-current" />
      </span>
    );
  if (running(s))
    return (
      <span aria-hidden className={`${base} bg-white ring-2 ring-brand-100`}>
        <svg viewBox="0 0 24 24" className="size-4 animate-spin text-brand-600" fill="none">
          <circle
            cx="12"
            cy="12"
            r="9"
            stroke="currentColor"
            strokeOpacity="0.25"
            strokeWidth="3"
          />
          <path
            d="M21 12a9 9 0 0 0-9-9"
            stroke="currentColor"
            strokeWidth="3"
            strokeLinecap="round"
          />
        </svg>
      </span>
    );
  return <span aria-hidden className={`${base} bg-white ring-2 ring-stone-200`} />;
}
