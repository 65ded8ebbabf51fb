import { Prisma } from "../../../generated/prisma/client";
import { normalizeEmail, type User } from "../../../domain/user";
import type { UserRepository } from "../../../application/ports";
import type { Db } from "./client";

/**
 * Whether `e` is a unique violation on `field`. With the pg driver adapter, Prisma reports the
 * columns in meta.driverAdapterError.cause.constraint.fields (meta.target is absent).
 */
function isUniqueViolationOn(e: unknown, field: string): boolean {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError) || e.code !== "P2002") return false;
  const meta = e.meta as
    | {
        target?: unknown;
        driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } };
      }
    | undefined;
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target;
  return Array.isArray(fields) && fields.includes(field);
}

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

  findByEmail(email: string): Promise<User | null> {
    return this.db.user.findUnique({ where: { email: normalizeEmail(email) } });
  }
}
