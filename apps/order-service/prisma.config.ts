import { servicePrismaConfig } from "@shop/service-kit/prisma-config";

export default servicePrismaConfig("order-service");
