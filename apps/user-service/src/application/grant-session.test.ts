import { describe, expect, it } from "vitest";
import { grantSession } from "./grant-session";
import { MAX_KNOWN_DEVICES_PER_USER } from "../domain/device";
import { aUser, memoryDeps } from "../test/fixtures";

describe("grantSession: device tokens", () => {
  it("keeps an account's newest 20 devices, the one just issued always among them", async () => {
    const deps = memoryDeps();
    const ann = await aUser();
    const eve = await aUser();
    await grantSession(deps, eve);
    const grants = [];
    // All at the same instant: the newest is still the one just issued.
    for (let i = 0; i < MAX_KNOWN_DEVICES_PER_USER + 5; i++)
      grants.push(await grantSession(deps, ann));
    const anns = [...deps.devices.rows.values()].filter((d) => d.userId === ann.id);
    expect(anns).toHaveLength(MAX_KNOWN_DEVICES_PER_USER);
    expect(deps.devices.rows.has(deps.tokens.hash(grants.at(-1)!.deviceToken))).toBe(true);
    expect(deps.devices.rows.has(deps.tokens.hash(grants[0]!.deviceToken))).toBe(false);
    // Another account's devices are not touched.
    expect([...deps.devices.rows.values()].filter((d) => d.userId === eve.id)).toHaveLength(1);
  });

  it("replaces the previous device only if it is the same user's", async () => {
    const deps = memoryDeps();
    const ann = await aUser();
    const eve = await aUser();
    const evesGrant = await grantSession(deps, eve);
    const evesHash = deps.tokens.hash(evesGrant.deviceToken);
    await grantSession(deps, ann, { previousDeviceHash: evesHash });
    expect(deps.devices.rows.has(evesHash)).toBe(true);
    const annsFirst = deps.tokens.hash((await grantSession(deps, ann)).deviceToken);
    await grantSession(deps, ann, { previousDeviceHash: annsFirst });
    expect(deps.devices.rows.has(annsFirst)).toBe(false);
  });
});
