import { describe, expect, it } from "vitest";
import { nameUsers } from "./name-users";
import { aUser, memoryDeps } from "../test/fixtures";

describe("nameUsers", () => {
  it("names each known account once, and leaves out an id with no account", async () => {
    const deps = memoryDeps();
    const [ada, bo] = [await aUser({ displayName: "Ada" }), await aUser({ displayName: "Bo" })];
    await deps.users.insert(ada);
    await deps.users.insert(bo);
    const unknown = "00000000-0000-4000-8000-000000000099";
    expect(await nameUsers(deps, [ada.id, unknown, bo.id, ada.id])).toEqual({
      [ada.id]: "Ada",
      [bo.id]: "Bo",
    });
  });
});
