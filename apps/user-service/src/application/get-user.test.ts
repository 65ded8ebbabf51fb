import { describe, expect, it } from "vitest";
import { getUser } from "./get-user";
import { aUser, memoryDeps } from "../test/fixtures";
import { errorOf, valueOf } from "../test/results";

describe("getUser", () => {
  it("finds a user by id", async () => {
    const deps = memoryDeps();
    const user = await aUser();
    await deps.users.insert(user);
    expect(valueOf(await getUser(deps, user.id))).toEqual(user);
  });

  it("answers NOT_FOUND for an unknown id", async () => {
    const error = errorOf(
      await getUser(memoryDeps(), "00000000-0000-4000-8000-000000000099"),
      "NOT_FOUND",
    );
    expect(error.message).toBe("No user with id 00000000-0000-4000-8000-000000000099");
  });
});
