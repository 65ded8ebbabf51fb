import { initTRPC, TRPCError } from "@trpc/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@shop/contracts";
import { createLogger, startServiceServer, type ServiceServer } from "@shop/service-kit";
import type { ServiceAudience } from "@shop/service-kit/internal-auth";
import { testCredentials } from "@shop/service-kit/test-fixtures";

// Stand-ins for product-service and user-service, each verifying the BFF's credential for its
// own audience with the BFF's public key, as the real ones do, and telling who it says acts.
const keys = testCredentials();
const silent = createLogger("test", "silent");
const seen: Record<string, string[]> = { "product-service": [], "user-service": [] };

function standIn(audience: ServiceAudience, path: "categories" | "users") {
  const verifier = keys.verifier(audience);
  const t = initTRPC.context<{ actor: Actor | null }>().create();
  const whoami = t.procedure.query(({ ctx }) => {
    if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED" });
    return ctx.actor;
  });
  const router = t.router({
    [path]: t.router(path === "categories" ? { list: whoami } : { me: whoami }),
  });
  return startServiceServer({
    name: audience,
    router,
    createContext: async ({ req }) => {
      seen[audience]!.push(req.headers.authorization ?? "");
      return { actor: await verifier.fromHeaders(req.headers) };
    },
    host: "127.0.0.1",
    port: 0,
    logger: silent,
  });
}

let product: ServiceServer;
let user: ServiceServer;

/** services.ts as the BFF loads it with this environment (env.ts is parsed on import). */
async function loadServices(env: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import("./services");
}

const SHOPPER: Actor = {
  role: "shopper",
  userId: "0b5a1c3e-8f7d-4e2a-9c6b-1d2e3f4a5b6c",
  clientIp: "203.0.113.7",
};

beforeAll(async () => {
  product = await standIn("product-service", "categories");
  user = await standIn("user-service", "users");
});
afterAll(async () => {
  await product.close();
  await user.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  seen["product-service"] = [];
  seen["user-service"] = [];
});

describe("the BFF's internal credentials", () => {
  const bffEnv = () => ({
    NODE_ENV: "test",
    INTERNAL_AUTH_PRIVATE_KEY: keys.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    PRODUCT_SERVICE_URL: product.url,
    USER_SERVICE_URL: user.url,
  });

  it("are signed with the private key, one per service, each accepted only by its own service", async () => {
    const { servicesFor } = await loadServices(bffEnv());
    const services = servicesFor(SHOPPER) as unknown as {
      product: { categories: { list: { query: () => Promise<Actor> } } };
      user: { users: { me: { query: () => Promise<Actor> } } };
    };
    expect(await services.product.categories.list.query()).toEqual(SHOPPER);
    expect(await services.user.users.me.query()).toEqual(SHOPPER);
    await services.product.categories.list.query();

    const [toProduct, again] = seen["product-service"]!;
    const [toUser] = seen["user-service"]!;
    // Signed once per request and service: the second call reuses the first credential.
    expect(again).toBe(toProduct);
    expect(toUser).not.toBe(toProduct);
    // What product-service received cannot be replayed to user-service, and the reverse.
    const headers = (authorization: string) => ({ authorization });
    expect(await keys.verifier("user-service").fromHeaders(headers(toProduct!))).toBeNull();
    expect(await keys.verifier("product-service").fromHeaders(headers(toUser!))).toBeNull();
  });

  it("sign nothing for a service the request never calls", async () => {
    const { servicesFor } = await loadServices(bffEnv());
    const services = servicesFor({ role: "visitor" }) as unknown as {
      user: { users: { me: { query: () => Promise<Actor> } } };
    };
    expect(await services.user.users.me.query()).toEqual({ role: "visitor" });
    expect(seen["product-service"]).toEqual([]);
  });

  it("are refused by a service holding another public key", async () => {
    const other = testCredentials();
    const { servicesFor } = await loadServices({
      ...bffEnv(),
      INTERNAL_AUTH_PRIVATE_KEY: other.privateKey.export({
        type: "pkcs8",
        format: "pem",
      }) as string,
    });
    const services = servicesFor(SHOPPER) as unknown as {
      user: { users: { me: { query: () => Promise<Actor> } } };
    };
    await expect(services.user.users.me.query()).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
    });
  });

  it("cannot be signed with the public development key pair in production", async () => {
    await expect(loadServices({ NODE_ENV: "production" })).rejects.toThrow(
      /INTERNAL_AUTH_PRIVATE_KEY: set a key pair of your own in production/,
    );
  });

  it("need an Ed25519 private key: the error names the variable", async () => {
    await expect(
      loadServices({
        NODE_ENV: "test",
        INTERNAL_AUTH_PRIVATE_KEY: keys.publicKey.export({ type: "spki", format: "pem" }) as string,
      }),
    ).rejects.toThrow(/INTERNAL_AUTH_PRIVATE_KEY.*Ed25519 private key/);
  });
});
