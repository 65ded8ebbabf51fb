import "server-only";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { deadLetterIdInput, listDeadLettersInput } from "@shop/contracts";
import { adminProcedure } from "../trpc";
import { SERVICE_AUDIENCES } from "@shop/service-kit/internal-auth";
import { clientOf, deadLettersOf, overviewOf } from "../ops/overview";

const serviceName = z.enum(SERVICE_AUDIENCES);
const deadLetterRef = deadLetterIdInput.extend({ service: serviceName });

/**
 * The operations console (admins): every service's health, queues, outbox and running sagas,
 * and the dead letters of every service, replayed or discarded where they live. Each service
 * checks the admin role again itself.
 */
export const adminOpsRoutes = {
  overview: adminProcedure.query(({ ctx }) => overviewOf(ctx.services)),
  deadLetters: adminProcedure
    .input(listDeadLettersInput)
    .query(({ ctx, input }) => deadLettersOf(ctx.services, input)),
  replay: adminProcedure
    .input(deadLetterRef)
    .mutation(({ ctx, input }) =>
      ctx.services[clientOf(input.service)].ops.replay.mutate({ id: input.id }),
    ),
  discard: adminProcedure
    .input(deadLetterRef)
    .mutation(({ ctx, input }) =>
      ctx.services[clientOf(input.service)].ops.discard.mutate({ id: input.id }),
    ),
} satisfies TRPCRouterRecord;
