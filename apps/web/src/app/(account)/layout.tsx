import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/trpc/client";

/** Account pages talk to the BFF from the browser (sign-in, sign-up, sign-out). */
export default function AccountLayout({ children }: { children: ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
