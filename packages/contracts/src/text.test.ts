import { describe, expect, it } from "vitest";
import { displayName, email, newPassword, signInInput, signUpInput } from "./auth";
import {
  catalogQueryInput,
  createProductInput,
  imagePath,
  listProductsInput,
  updateProductInput,
} from "./product";
import { isStorableText, UNSTORABLE_TEXT } from "./text";

const NUL = "mug\u0000";
const LONE_HIGH = "mug\uD83D";
const LONE_LOW = "\uDE00mug";

describe("text a client sends", () => {
  it("keeps ordinary text, emoji (a whole surrogate pair) and accents", () => {
    for (const ok of ["mug", "café ☕", "😀 mug", "\uD83D\uDE00"])
      expect(isStorableText(ok)).toBe(true);
  });

  it.each([NUL, LONE_HIGH, LONE_LOW])("refuses %j", (bad) =>
    expect(isStorableText(bad)).toBe(false),
  );

  // Every text field of every input: the error names the field, so the answer is a 400 for it.
  const cases: [
    string,
    { safeParse: (v: unknown) => { success: boolean; error?: unknown } },
    (bad: string) => unknown,
    string,
  ][] = [
    ["search", catalogQueryInput, (bad) => ({ q: bad }), "q"],
    ["admin search", listProductsInput, (bad) => ({ q: bad }), "q"],
    [
      "product name",
      createProductInput,
      (bad) => ({ name: bad, categorySlug: "kitchen", priceCents: 1 }),
      "name",
    ],
    [
      "description",
      createProductInput,
      (bad) => ({ name: "Mug", description: bad, categorySlug: "kitchen", priceCents: 1 }),
      "description",
    ],
    [
      "slug",
      updateProductInput,
      (bad) => ({ id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", slug: bad }),
      "slug",
    ],
    [
      "display name",
      signUpInput,
      (bad) => ({ email: "a@b.test", password: "long-enough", displayName: bad }),
      "displayName",
    ],
    ["email", signInInput, (bad) => ({ email: `a${bad}@b.test`, password: "x" }), "email"],
    ["password", signInInput, (bad) => ({ email: "a@b.test", password: bad }), "password"],
  ];
  it.each(cases)("the %s field refuses a NUL and a lone surrogate", (_, schema, input, field) => {
    for (const bad of [NUL, LONE_HIGH, LONE_LOW]) {
      const result = schema.safeParse(input(bad));
      expect(result.success).toBe(false);
      const issues = (result.error as { issues: { path: PropertyKey[]; message: string }[] })
        .issues;
      expect(issues.map((i) => i.path.join("."))).toContain(field);
    }
  });

  it("says what is wrong", () => {
    expect(displayName.safeParse(NUL).error?.issues[0]?.message).toBe(UNSTORABLE_TEXT);
    expect(newPassword.safeParse(`long-enough${LONE_HIGH}`).success).toBe(false);
    expect(email.safeParse(`ann${NUL}@x.test`).success).toBe(false);
  });
});

describe("product images", () => {
  it.each([
    "/images/products/mug.svg",
    "/images/products/cast-iron-skillet-10.svg",
    "/images/a.b.png",
  ])("accepts the shop's own %j", (path) => expect(imagePath.parse(path)).toBe(path));

  it.each([
    "//attacker.example/pixel.svg",
    "/\\attacker.example/pixel.svg",
    "https://attacker.example/pixel.svg",
    "/images//attacker.example/pixel.svg",
    "/images/../../attacker.svg",
    "/images/./x.svg",
    "/images/products/mug.svg?x=1",
    "/images/products/mug.html",
    "/api/trpc/auth.signOut.svg",
    "/images/products/%2e%2e/x.svg",
    "images/products/mug.svg",
  ])("refuses %j", (path) => expect(imagePath.safeParse(path).success).toBe(false));
});
