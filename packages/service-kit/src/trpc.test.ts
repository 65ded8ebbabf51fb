import type { IncomingMessage } from "node:http";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { Actor } from "@shop/contracts";
import { err, notFound, ok, validationFailed } from "@shop/kernel";
import { createLogger } from "./logger";
import { noOperations, type ServiceOperations } from "./operations";
import { startServiceServer } from "./http-server";
import { createServiceTRPC } from "./trpc";
import { commonTRPCError, valueOrThrowWith } from "./trpc-errors";
import { testCredentials } from "./test/fixtures";

interface Deps {
  greeting: string;
}
const { router, createCallerFactory, createContextFactory, opsRoutes, ...p } =
  createServiceTRPC<Deps>();
const whoRouter = router({
  caller: p.callerProcedure.query(({ ctx }) => `${ctx.deps.greeting} ${ctx.actor.role}`),
  user: p.userProcedure.query(({ ctx }) => ctx.actor.userId),
  admin: p.adminProcedure.query(({ ctx }) => ctx.actor.userId),
});
const log = createLogger("test", "silent");
const deps = { greeting: "hello" };
const callerAs = (actor: Actor | null) =>
  createCallerFactory(whoRouter)({ deps, log, actor, ops: noOperations });
const codeOf = (call: Promise<unknown>) =>
  call.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );

const USER_ID = "00000000-0000-4000-8000-000000000001";
const VISITOR: Actor = { role: "visitor" };
const SHOPPER: Actor = { role: "shopper", userId: USER_ID };
const ADMIN: Actor = { role: "admin", userId: USER_ID };

describe("createServiceTRPC: one procedure vocabulary in every service", () => {
  it("callerProcedure: anyone the BFF vouches for, visitors included", async () => {
    expect(await callerAs(VISITOR).caller()).toBe("hello visitor");
    expect(await codeOf(callerAs(null).caller())).toBe("UNAUTHORIZED");
  });

  it("userProcedure: a signed-in user", async () => {
    expect(await callerAs(SHOPPER).user()).toBe(USER_ID);
    expect(await callerAs(ADMIN).user()).toBe(USER_ID);
    expect(await codeOf(callerAs(VISITOR).user())).toBe("UNAUTHORIZED");
    expect(await codeOf(callerAs(null).user())).toBe("UNAUTHORIZED");
  });

  it("adminProcedure: admins only", async () => {
    expect(await callerAs(ADMIN).admin()).toBe(USER_ID);
    expect(await codeOf(callerAs(SHOPPER).admin())).toBe("FORBIDDEN");
    expect(await codeOf(callerAs(VISITOR).admin())).toBe("UNAUTHORIZED");
  });

  it("the context factory takes the actor from a verified credential only", async () => {
    const bff = testCredentials();
    const createContext = createContextFactory({
      deps,
      log,
      verifier: bff.verifier("product-service"),
    });
    const request = (authorization?: string) =>
      ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;
    expect(
      (await createContext({ req: request(await bff.bearer(ADMIN, "product-service")) })).actor,
    ).toEqual(ADMIN);
    for (const authorization of [
      undefined,
      await testCredentials().bearer(ADMIN, "product-service"),
      await bff.bearer(ADMIN, "user-service"),
    ])
      expect((await createContext({ req: request(authorization) })).actor).toBeNull();
  });

  it("the server's context must be the router's (a misspelt field does not compile)", async () => {
    const options = {
      name: "test-service",
      router: whoRouter,
      host: "127.0.0.1",
      port: 0,
      logger: log,
    };
    const server = await startServiceServer({
      ...options,
      // @ts-expect-error -- `acter` is not `actor`: the context does not fit the router
      createContext: async () => ({ deps, log, acter: null }),
    });
    await server.close();
  });
});

describe("the ops routes every service has", () => {
  const DEAD_LETTER = "00000000-0000-4000-8000-00000000dead";
  const calls: string[] = [];
  const ops: ServiceOperations = {
    ...noOperations,
    resolveDeadLetter: async (id, action, by) => {
      calls.push(`${action} ${id} by ${by}`);
      return err({ code: "DEAD_LETTER_RESOLVED", message: "already replayed", status: "replayed" });
    },
  };
  const opsAs = (actor: Actor | null) =>
    createCallerFactory(router({ ops: opsRoutes }))({ deps, log, actor, ops }).ops;

  it("are for admins only: a shopper is FORBIDDEN before the service is asked", async () => {
    expect(await codeOf(opsAs(SHOPPER).status())).toBe("FORBIDDEN");
    expect(await codeOf(opsAs(SHOPPER).replay({ id: DEAD_LETTER }))).toBe("FORBIDDEN");
    expect(await codeOf(opsAs(VISITOR).deadLetters({}))).toBe("UNAUTHORIZED");
    expect(calls).toEqual([]);
    expect(await opsAs(ADMIN).status()).toEqual({ queues: [], outbox: null, problems: [] });
  });

  it("a replay names the admin from the credential, and a resolved one is a CONFLICT", async () => {
    const failure = await opsAs(ADMIN)
      .replay({ id: DEAD_LETTER })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: "CONFLICT", errorCode: "DEAD_LETTER_RESOLVED" });
    expect(calls).toEqual([`replay ${DEAD_LETTER} by ${USER_ID}`]);
    expect(await codeOf(opsAs(ADMIN).discard({ id: "not-a-uuid" }))).toBe("BAD_REQUEST");
  });
});

describe("the common error mappings", () => {
  it("VALIDATION_FAILED is a BAD_REQUEST with per-field messages, NOT_FOUND a NOT_FOUND", () => {
    expect(commonTRPCError(validationFailed({ name: ["Required"] }))).toMatchObject({
      code: "BAD_REQUEST",
      errorCode: "VALIDATION_FAILED",
      message: "Some fields are not valid",
      fieldErrors: { name: ["Required"] },
    });
    expect(commonTRPCError(notFound("No widget 7"))).toMatchObject({
      code: "NOT_FOUND",
      errorCode: "NOT_FOUND",
      message: "No widget 7",
    });
  });

  it("valueOrThrowWith unwraps a result or throws its mapped error", () => {
    const valueOrThrow = valueOrThrowWith(commonTRPCError);
    expect(valueOrThrow(ok(42))).toBe(42);
    expect(() => valueOrThrow(err(notFound("No widget 7")))).toThrow("No widget 7");
  });
});
