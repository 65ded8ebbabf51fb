import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { safeNext } from "@/lib/safe-next";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const next = safeNext((await searchParams).next);
  return (
    <AuthCard
      title="Welcome back"
      subtitle="Sign in to see your account and orders."
      footer={
        <>
          New here?{" "}
          <Link
            href={`/sign-up?next=${encodeURIComponent(next)}`}
            className="font-medium text-brand-700 hover:underline"
          >
            Create an account
          </Link>
        </>
      }
    >
      <AuthForm mode="sign-in" next={next} />
    </AuthCard>
  );
}
