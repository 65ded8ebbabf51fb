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

describe("the service list (services.json)", () => {
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
    const ports = [...SERVICES, ...STAND_INS].flatMap((s) => [s.port, s.port + 100]);
    expect(new Set(ports).size).toBe(ports.length);
    for (const s of STAND_INS) expect(s.workspace).toBe(`@shop/${s.name}`);
    expect(defaultStandInUrl("data-platform-receiver")).toBe("http://127.0.0.1:4090");
    expect(() => defaultStandInUrl("order-service")).toThrow(/not a stand-in/);
  });
});
