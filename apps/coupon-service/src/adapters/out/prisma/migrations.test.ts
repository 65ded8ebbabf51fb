import { messagingMigrationsContract } from "@shop/messaging/testing";

messagingMigrationsContract(new URL("../../../../prisma/migrations/", import.meta.url));
