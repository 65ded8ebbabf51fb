import { describe, expect, it } from "vitest";
import {
  deviceExpiresAt,
  devicesOverBefore,
  isKnownDeviceOf,
  issueDevice,
  KNOWN_DEVICE_TTL_DAYS,
  MAX_KNOWN_DEVICES_PER_USER,
} from "./device";
import { T0 } from "../test/fixtures";

const YEAR = 365 * 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const device = issueDevice({ tokenHash: "h", userId: "ann", now: T0 });

describe("known devices", () => {
  it("last a year (the device cookie's lifetime), and an account keeps 20", () => {
    expect(KNOWN_DEVICE_TTL_DAYS).toBe(365);
    expect(MAX_KNOWN_DEVICES_PER_USER).toBe(20);
    expect(device).toEqual({ tokenHash: "h", userId: "ann", createdAt: T0 });
    expect(deviceExpiresAt(device)).toEqual(at(YEAR));
    expect(devicesOverBefore(at(YEAR))).toEqual(T0);
  });

  it("count for their own user only, until their year is over", () => {
    expect(isKnownDeviceOf(device, "ann", T0)).toBe(true);
    expect(isKnownDeviceOf(device, "ann", at(YEAR - 1))).toBe(true);
    expect(isKnownDeviceOf(device, "ann", at(YEAR))).toBe(false);
    expect(isKnownDeviceOf(device, "eve", T0)).toBe(false);
    expect(isKnownDeviceOf(device, undefined, T0)).toBe(false);
    expect(isKnownDeviceOf(null, "ann", T0)).toBe(false);
  });
});
