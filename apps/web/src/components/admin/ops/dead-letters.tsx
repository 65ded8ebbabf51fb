"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import type { DeadLetterStatus } from "@shop/contracts";
import type { ServiceDeadLetter } from "@/lib/ops";
import { useTRPC } from "@/trpc/client";
import { instant } from "../../orders/order-format";
import { Button } from "../../ui/button";
import { shopErrorOf } from "../../ui/shop-error";
import { serviceLabel } from "./format";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STATUS_TONE: Record<DeadLetterStatus, string> = {
  held: "bg-red-50 text-red-800 ring-red-200",
  replaying: "bg-amber-50 text-amber-900 ring-amber-200",
  replayed: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  discarded: "bg-stone-100 text-stone-600 ring-stone-200",
};

/**
 * Every dead letter of every service, newest first: why it is there, its message readable,
 * and the operator's replay (back to the queue it came from) or discard. `correlationId`: only
 * that saga's (the saga inspector shows these).
 */
export function DeadLetters({
  correlationId,
  refetchMs = 3_000,
}: {
  correlationId?: string;
  refetchMs?: number;
}) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<DeadLetterStatus | undefined>(
    correlationId ? undefined : "held",
  );
  const list = useQuery(
    trpc.admin.ops.deadLetters.queryOptions(
      { ...(status ? { status } : {}), ...(correlationId ? { correlationId } : {}), limit: 50 },
      {
        // A replay asked for is sent within a second: follow it closely until it is.
        refetchInterval: (q) =>
          q.state.data?.deadLetters.some((d) => d.status === "replaying") ? 1_000 : refetchMs,
      },
    ),
  );
  const letters = list.data?.deadLetters ?? [];
  return (
    <section
      aria-labelledby="dead-letters-heading"
      className="rounded-2xl bg-white ring-1 ring-stone-200"
    >
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 px-6 py-4">
        <h2 id="dead-letters-heading" className="font-medium">
          Dead letters
        </h2>
        {!correlationId && (
          <div role="group" aria-label="Show" className="flex gap-1 text-sm">
            {([undefined, "held", "replayed", "discarded"] as const).map((s) => (
              <button
                key={s ?? "all"}
                type="button"
                aria-pressed={status === s}
                onClick={() => setStatus(s)}
                className={`rounded-md px-2.5 py-1 ${status === s ? "bg-stone-900 text-white" : "text-stone-700 hover:bg-stone-100"}`}
              >
                {s ?? "all"}
              </button>
            ))}
          </div>
        )}
      </div>
      {list.data && list.data.unanswered.length > 0 && (
        <p
          role="alert"
          className="border-b border-amber-200 bg-amber-50 px-6 py-2 text-sm text-amber-900"
        >
          Not listed: {list.data.unanswered.map(serviceLabel).join(", ")} did not answer.
        </p>
      )}
      {list.isError && (
        <p role="alert" className="px-6 py-4 text-sm text-red-700">
          {shopErrorOf(list.error).message}
        </p>
      )}
      <ul className="divide-y divide-stone-100" data-testid="dead-letters">
        {letters.map((d) => (
          <DeadLetterItem key={`${d.service}:${d.id}`} letter={d} />
        ))}
      </ul>
      {list.data && letters.length === 0 && (
        <p className="px-6 py-6 text-sm text-stone-500">
          {status === "held" ? "No dead letter waits for you." : "None."}
        </p>
      )}
    </section>
  );
}

function DeadLetterItem({ letter: d }: { letter: ServiceDeadLetter }) {
  const [open, setOpen] = useState(false);
  return (
    <li
      id={`dead-letter-${d.id}`}
      data-testid="dead-letter"
      data-reason={d.reason}
      data-status={d.status}
      className="px-6 py-4 text-sm"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="flex flex-wrap items-center gap-2">
            <span
              className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STATUS_TONE[d.status]}`}
            >
              {d.status}
            </span>
            <span
              className="font-mono text-xs font-semibold text-red-800"
              data-testid="dead-letter-reason"
            >
              {d.reason}
            </span>
            <span className="font-mono text-xs text-stone-900">
              {d.type ? `${d.type}@${d.version ?? "?"}` : "not an envelope"}
            </span>
            <span className="text-xs text-stone-500">
              from <span className="font-mono">{d.queue}</span> ({serviceLabel(d.service)})
            </span>
          </p>
          {d.detail && <p className="break-words text-xs text-stone-700">{d.detail}</p>}
          <p className="text-xs text-stone-500">
            {instant(d.deadLetteredAt)} UTC · delivered {d.deliveryCount}×
            {d.messageId && (
              <>
                {" "}
                · message <code title={d.messageId}>{d.messageId.slice(0, 8)}</code>
              </>
            )}
            {d.correlationId && (
              <>
                {" "}
                · saga{" "}
                {UUID.test(d.correlationId) ? (
                  <Link
                    href={`/admin/orders/${d.correlationId}`}
                    className="font-mono text-brand-700 hover:underline"
                  >
                    {d.correlationId.slice(0, 8)}
                  </Link>
                ) : (
                  <code>{d.correlationId.slice(0, 40)}</code>
                )}
              </>
            )}
          </p>
          {d.resolvedAt && (
            <p className="text-xs text-stone-600" data-testid="dead-letter-resolved">
              {d.status === "discarded" ? "Discarded" : "Replay asked"} by{" "}
              <span title={d.resolvedBy ?? undefined}>
                {d.resolvedByName ?? <code>{d.resolvedBy?.slice(0, 8)}</code>}
              </span>{" "}
              at {instant(d.resolvedAt)} UTC
              {d.replayedAt && ` · sent back ${instant(d.replayedAt)} UTC`}
            </p>
          )}
          {d.replayError && (
            <p className="text-xs text-red-700">Replay failed, retrying: {d.replayError}</p>
          )}
        </div>
        <div className="flex shrink-0 gap-2">
          <Button variant="ghost" size="sm" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? "Hide message" : "Show message"}
          </Button>
          {d.status === "held" && <Actions letter={d} />}
        </div>
      </div>
      {open && (
        <div className="mt-3 grid gap-3 lg:grid-cols-2">
          {/* min-w-0: a grid item is as wide as its longest line otherwise, wider than a phone */}
          <div className="min-w-0">
            <p className="mb-1 text-xs font-medium text-stone-500">
              Payload ({d.payloadBytes} bytes{d.payloadBytes > d.payload.length ? ", cut" : ""})
            </p>
            <pre
              className="max-h-72 overflow-auto rounded-lg bg-stone-950 p-3 text-xs text-stone-100"
              data-testid="dead-letter-payload"
            >
              {pretty(d.payload)}
            </pre>
          </div>
          <div className="min-w-0">
            <p className="mb-1 text-xs font-medium text-stone-500">Headers</p>
            <pre className="max-h-72 overflow-auto rounded-lg bg-stone-100 p-3 text-xs text-stone-800">
              {JSON.stringify(d.headers, null, 2)}
            </pre>
          </div>
        </div>
      )}
    </li>
  );
}

function Actions({ letter: d }: { letter: ServiceDeadLetter }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = (verb: string) => ({
    onSuccess: () => {
      void queryClient.invalidateQueries(trpc.admin.ops.pathFilter());
      toast.success(`Dead letter ${verb}`, {
        description: `${d.type ?? "message"} from ${d.queue}`,
      });
    },
    onError: (err: unknown) =>
      toast.error(`Could not ${verb === "replayed" ? "replay" : "discard"} it`, {
        description: shopErrorOf(err).message,
      }),
  });
  const replay = useMutation(trpc.admin.ops.replay.mutationOptions(options("replayed")));
  const discard = useMutation(trpc.admin.ops.discard.mutationOptions(options("discarded")));
  const ref = { service: d.service, id: d.id };
  return (
    <>
      <Button
        size="sm"
        busy={replay.isPending}
        disabled={discard.isPending}
        onClick={() => replay.mutate(ref)}
      >
        Replay
      </Button>
      <Button
        size="sm"
        variant="ghost-danger"
        busy={discard.isPending}
        disabled={replay.isPending}
        onClick={() => discard.mutate(ref)}
      >
        Discard
      </Button>
    </>
  );
}

/** JSON indented when it is JSON; the text as it is when not (that may be why it is here). */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
