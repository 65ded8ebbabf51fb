import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { AnyTRPCRouter } from "@trpc/server";
import type { Actor } from "@shop/contracts";
import type { InternalCredentialSigner } from "@shop/service-kit/internal-auth-signer";
import type { StackClient, StackRouters, StackService } from "./stack-types";

/**
 * A typed tRPC client of `service`: each request carries a fresh credential for `actor` signed by
 * `signer` (audience = the service) and goes to `nextUrl(service)`, a running instance's URL.
 */
export function signedClient<S extends StackService>(
  service: S,
  actor: Actor,
  signer: InternalCredentialSigner,
  nextUrl: (service: StackService) => string,
): StackClient<S> {
  return createTRPCClient<StackRouters[S]>({
    links: [
      // The services use no transformer; built for any router, typed by the client.
      httpBatchLink<AnyTRPCRouter>({
        url: `http://${service}/trpc`,
        maxItems: 10,
        fetch: (input, init) => {
          const path = String(input instanceof Request ? input.url : input).replace(
            /^http:\/\/[^/]+/,
            "",
          );
          return fetch(nextUrl(service) + path, init);
        },
        headers: async () => ({
          authorization: `Bearer ${await signer.sign(actor, service)}`,
        }),
      }),
    ],
  });
}
