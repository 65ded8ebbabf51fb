import type { Metadata } from "next";
import { OpsConsole } from "@/components/admin/ops/ops-console";
import { requireAdminPage } from "@/server/admin-guard";

export const metadata: Metadata = { title: "Operations" };

/** The operations console (admins): services, queues, outboxes, running sagas, dead letters. */
export default async function AdminOpsPage() {
  await requireAdminPage();
  return <OpsConsole />;
}
