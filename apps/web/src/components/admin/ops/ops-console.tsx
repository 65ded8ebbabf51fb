"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { instant } from "../../orders/order-format";
import { shopErrorOf } from "../../ui/shop-error";
import { DeadLetters } from "./dead-letters";
import { QueuesTable } from "./queues-table";
import { RunningSagas } from "./running-sagas";
import { ServicesHealth } from "./services-health";

/** How often the console refreshes itself while it is open (TanStack Query pauses it when hidden). */
const REFRESH_MS = 3_000;

/**
 * The operator's one page: is every service up and ready, is anything piling up in a queue or
 * an outbox, which sagas are still running, and what went to a dead-letter queue and why.
 */
export function OpsConsole() {
  const trpc = useTRPC();
  const overview = useQuery(
    trpc.admin.ops.overview.queryOptions(undefined, { refetchInterval: REFRESH_MS }),
  );
  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-10 sm:px-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="font-display text-3xl font-semibold tracking-tight">Operations</h1>
        <p className="text-xs text-stone-500" aria-live="polite">
          {overview.data
            ? `As of ${instant(overview.data.at)} UTC · refreshes every ${REFRESH_MS / 1000} s`
            : "Loading…"}
        </p>
      </div>
      {overview.isError && (
        <p role="alert" className="text-sm text-red-700">
          {shopErrorOf(overview.error).message}
        </p>
      )}
      {overview.data && (
        <>
          <ServicesHealth services={overview.data.services} />
          <QueuesTable services={overview.data.services} />
          <RunningSagas sagas={overview.data.sagas} at={overview.data.at} />
        </>
      )}
      <DeadLetters refetchMs={REFRESH_MS} />
    </div>
  );
}
