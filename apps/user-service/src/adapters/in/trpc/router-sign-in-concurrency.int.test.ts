import { describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import type { PasswordHasher } from "../../../application/ports";
import { LONGEST_WINDOW, windowStartOf } from "../../../domain/rate-limit";
import { fastHasher, spyHasher } from "../../../test/fixtures";
import {
  as,
  clock,
  deps,
  failure,
  remember,
  signUpAnn,
  start,
  useUserServiceOverHttp,
} from "./router.fixtures";

useUserServiceOverHttp();

describe("userServiceRouter over HTTP", () => {
  describe("sign-in failures", () => {
    describe("wrong passwords fired at once: the limits hold, decided by the database", () => {
      /**
       * The test hasher, as slow to verify as production's argon2id (tens of milliseconds): the
       * time concurrent guesses have to slip past a limit while each is verified.
       */
      const productionPaced: PasswordHasher = {
        dummyHash: fastHasher.dummyHash,
        hash: (password) => fastHasher.hash(password),
        verify: async (hash, password) => {
          await sleep(50);
          return fastHasher.verify(hash, password);
        },
      };
      /**
       * `n` wrong-password sign-ins for Ann at the same moment, each from an address of its own
       * (so the per-pair limit is not what stops them), on a server whose hasher counts the
       * passwords it verifies. The error code of each answer, and how many were verified.
       */
      async function guessAtOnce(n: number, deviceToken?: string) {
        const hasher = spyHasher(productionPaced);
        const guessing = await start({ ...deps, passwords: hasher });
        try {
          const answers = await Promise.all(
            Array.from({ length: n }, (_, i) =>
              failure(
                as(
                  { role: "visitor", clientIp: `198.51.100.${i}` },
                  guessing.url,
                ).auth.signIn.mutate(
                  remember({
                    email: "ann@meridian.test",
                    password: `guess-password-${i}`,
                    deviceToken,
                  }),
                ),
              ),
            ),
          );
          const codes = answers.map((e) => e.data?.errorCode);
          return {
            invalid: codes.filter((c) => c === "INVALID_CREDENTIALS").length,
            limited: codes.filter((c) => c === "RATE_LIMITED").length,
            verified: hasher.verified.length,
          };
        } finally {
          await guessing.close();
        }
      }
      const hour = () => new Date(windowStartOf(clock.now(), LONGEST_WINDOW));
      const stored = (key: string) => deps.attempts.count(key, hour());

      it("30 from a stolen device cookie, the email's ceiling spent: 10 verified (the device's limit), 20 refused", async () => {
        const { deviceToken } = await signUpAnn();
        for (let i = 0; i < 300; i++)
          await deps.attempts.hit("sign-in-failures:ann@meridian.test", hour());
        expect(await guessAtOnce(30, deviceToken)).toEqual({
          invalid: 10,
          limited: 20,
          verified: 10,
        });
        expect(await stored(`sign-in-device:${deps.tokens.hash(deviceToken)}`)).toBe(10);
        expect(await stored("sign-in-failures:ann@meridian.test")).toBe(300);
      });

      it("30 with 290 failures on the email: 10 verified (up to the ceiling of 300), 20 refused", async () => {
        await signUpAnn();
        for (let i = 0; i < 290; i++)
          await deps.attempts.hit("sign-in-failures:ann@meridian.test", hour());
        expect(await guessAtOnce(30)).toEqual({ invalid: 10, limited: 20, verified: 10 });
        expect(await stored("sign-in-failures:ann@meridian.test")).toBe(300);
      });
    });
  });
});
