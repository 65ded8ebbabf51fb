import type { KnownDevice } from "../../../domain/device";
import type { KnownDeviceRepository } from "../../../application/ports";
import type { Db } from "./client";

export class PrismaKnownDeviceRepository implements KnownDeviceRepository {
  constructor(private readonly db: Db) {}

  findByTokenHash(tokenHash: string): Promise<KnownDevice | null> {
    return this.db.knownDevice.findUnique({
      where: { tokenHash },
      select: { tokenHash: true, userId: true, createdAt: true },
    });
  }

  async remember(
    device: KnownDevice,
    { replacing, keep }: { replacing?: string | undefined; keep: number },
  ): Promise<void> {
    // One transaction: the browser's previous token of this account goes, the new one comes,
    // and the account keeps its newest `keep` devices (the new one always among them). It first
    // locks the account's row, as a statement of its own: two sign-ins of one account at once
    // then run one after the other, and the second's trim (a later statement, so a later
    // snapshot) sees the first's device. Without the lock neither sees the other's insert and
    // both keep `keep - 1` others: the account ends above `keep`. NO KEY UPDATE, so inserts
    // that only reference the account (its sessions' foreign key) do not wait for it.
    await this.db.$transaction([
      this.db.$queryRaw`
        SELECT 1 FROM "user" WHERE "id" = ${device.userId}::uuid FOR NO KEY UPDATE`,
      ...(replacing
        ? [
            this.db.knownDevice.deleteMany({
              where: { tokenHash: replacing, userId: device.userId },
            }),
          ]
        : []),
      this.db.knownDevice.create({ data: device }),
      this.db.$executeRaw`
        DELETE FROM "known_device"
        WHERE "user_id" = ${device.userId}::uuid
          AND "token_hash" <> ${device.tokenHash}
          AND "token_hash" NOT IN (
            SELECT "token_hash" FROM "known_device"
            WHERE "user_id" = ${device.userId}::uuid AND "token_hash" <> ${device.tokenHash}
            ORDER BY "created_at" DESC, "token_hash"
            LIMIT ${Math.max(keep - 1, 0)}
          )`,
    ]);
  }

  async deleteCreatedBefore(cutoff: Date): Promise<number> {
    const { count } = await this.db.knownDevice.deleteMany({
      where: { createdAt: { lt: cutoff } },
    });
    return count;
  }
}
