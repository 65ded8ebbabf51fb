import { isUniqueViolationOn } from "@shop/service-kit/prisma-errors";
import { normalizeEmail, type User } from "../../../domain/user";
import type { UserRepository } from "../../../application/ports";
import type { Db } from "./client";

export class PrismaUserRepository implements UserRepository {
  constructor(private readonly db: Db) {}

  async insert(user: User): Promise<"ok" | "email-taken"> {
    try {
      await this.db.user.create({ data: { ...user, email: normalizeEmail(user.email) } });
      return "ok";
    } catch (e) {
      if (isUniqueViolationOn(e, "email")) return "email-taken";
      throw e;
    }
  }

  findById(id: string): Promise<User | null> {
    return this.db.user.findUnique({ where: { id } });
  }

  findByIds(ids: readonly string[]): Promise<User[]> {
    return this.db.user.findMany({ where: { id: { in: [...ids] } } });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.db.user.findUnique({ where: { email: normalizeEmail(email) } });
  }
}
