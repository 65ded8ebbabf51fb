import { describe, expect, it } from "vitest";
import { SERVICE_AUDIENCES } from "./internal-auth";
import {
  defaultDatabaseUrl,
  defaultServiceUrl,
  defaultStandInUrl,
  serviceEntry,
  SERVICES,
  STAND_INS,
} from "./services";

/**
 * Ports that fetch() refuses to connect to ("bad port", the Fetch standard's list): a process
 * on one is unreachable from the start script's readiness check and from the BFF. The e2e
 * profile adds 100 and the benchmark's 200 (scripts/lib/stack.mjs); 4190 (ManageSieve) once
 * broke the e2e one.
 */
const FETCH_BLOCKED_PORTS = new Set([
  1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669,
  6679, 6697, 10080,
]);

describe("the service list (services.json)", () => {
  it("uses no port fetch() refuses, in the shop's profile, the e2e one (+100) or the bench's (+200)", () => {
    for (const { name, port } of [...SERVICES, ...STAND_INS])
      for (const p of [port, port + 100, port + 200])
        expect(FETCH_BLOCKED_PORTS.has(p), `${name}: ${p}`).toBe(false);
  });

  it("names every credential audience once, and nothing else", () => {
    expect(SERVICES.map((s) => s.name).sort()).toEqual([...SERVICE_AUDIENCES].sort());
  });

  it("gives each service its own port, database and workspace", () => {
    for (const key of ["port", "database", "workspace"] as const)
      expect(new Set(SERVICES.map((s) => s[key])).size, key).toBe(SERVICES.length);
    for (const s of SERVICES) {
      expect(s.workspace).toBe(`@shop/${s.name}`);
      expect(s.database).toMatch(/^shop_[a-z]+$/);
      // The e2e copy listens 100 above, and must not land on another service's port.
      expect(SERVICES.map((o) => o.port)).not.toContain(s.port + 100);
    }
  });

  it("makes the defaults a service and the BFF start with", () => {
    expect(serviceEntry("payment-service")).toMatchObject({ port: 4003, database: "shop_payment" });
    expect(defaultDatabaseUrl("product-service")).toBe(
      "postgresql://postgres@127.0.0.1:5432/shop_product",
    );
    expect(defaultServiceUrl("user-service")).toBe("http://127.0.0.1:4002");
  });

  it("keeps the stand-ins (no database) apart, each on a port of its own", () => {
    expect(STAND_INS.map((s) => s.name)).toEqual(["data-platform-receiver"]);
    const ports = [...SERVICES, ...STAND_INS].flatMap((s) => [s.port, s.port + 100, s.port + 200]);
    expect(new Set(ports).size).toBe(ports.length);
    for (const s of STAND_INS) expect(s.workspace).toBe(`@shop/${s.name}`);
    expect(defaultStandInUrl("data-platform-receiver")).toBe("http://127.0.0.1:4080");
    expect(() => defaultStandInUrl("order-service")).toThrow(/not a stand-in/);
  });
});
