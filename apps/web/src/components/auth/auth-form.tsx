"use client";
import { useMutation } from "@tanstack/react-query";
import { PASSWORD_RULE, signInInput, signUpInput } from "@shop/contracts";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { shopErrorOf } from "../ui/shop-error";
import { useFieldErrors } from "../ui/use-field-errors";

const FIELDS = { email: "email", password: "password", displayName: "displayName" } as const;

/**
 * Sign-in and sign-up. Checked in the browser with the contract's schema, then by the BFF;
 * either's per-field messages land under their field. On success the whole page reloads at
 * `next`, so every part of it (the header too) shows the signed-in state.
 */
export function AuthForm({ mode, next }: { mode: "sign-in" | "sign-up"; next: string }) {
  const trpc = useTRPC();
  const errors = useFieldErrors(FIELDS);
  const [done, setDone] = useState(false);
  const onSuccess = () => {
    setDone(true);
    window.location.assign(next);
  };
  const onError = (error: unknown) => {
    const e = shopErrorOf(error);
    errors.show(e.fieldErrors, e.message);
  };
  const signIn = useMutation(trpc.auth.signIn.mutationOptions({ onSuccess, onError }));
  const signUp = useMutation(trpc.auth.signUp.mutationOptions({ onSuccess, onError }));
  const busy = signIn.isPending || signUp.isPending || done;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    if (mode === "sign-up") {
      const parsed = signUpInput.safeParse(form);
      if (!parsed.success) return void errors.show(issuesOf(parsed.error.issues));
      errors.reset();
      signUp.mutate(parsed.data);
    } else {
      const parsed = signInInput.safeParse(form);
      if (!parsed.success) return void errors.show(issuesOf(parsed.error.issues));
      errors.reset();
      signIn.mutate(parsed.data);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {errors.formError && (
        <p
          role="alert"
          data-testid="form-error"
          className="rounded-lg bg-red-50 px-3 py-2.5 text-sm text-red-800 ring-1 ring-red-200"
        >
          {errors.formError}
        </p>
      )}
      {mode === "sign-up" && (
        <Field
          id="displayName"
          name="displayName"
          label="Your name"
          error={errors.errors.displayName}
        >
          {(c) => <input {...c} name="displayName" autoComplete="name" maxLength={60} />}
        </Field>
      )}
      <Field id="email" name="email" label="Email" error={errors.errors.email}>
        {(c) => <input {...c} name="email" type="email" autoComplete="email" maxLength={254} />}
      </Field>
      <Field
        id="password"
        name="password"
        label="Password"
        error={errors.errors.password}
        hint={mode === "sign-up" ? PASSWORD_RULE : undefined}
      >
        {(c) => (
          <input
            {...c}
            name="password"
            type="password"
            autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
            maxLength={200}
          />
        )}
      </Field>
      <Button type="submit" busy={busy} className="w-full">
        {mode === "sign-up" ? "Create account" : "Sign in"}
      </Button>
    </form>
  );
}

function issuesOf(issues: { path: PropertyKey[]; message: string }[]) {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[String(issue.path[0] ?? "_")] ??= []).push(issue.message);
  return out;
}
