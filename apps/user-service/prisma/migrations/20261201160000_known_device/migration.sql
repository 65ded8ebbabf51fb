-- CreateTable
CREATE TABLE "known_device" (
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "known_device_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE INDEX "known_device_user_id_created_at_idx" ON "known_device"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "known_device_created_at_idx" ON "known_device"("created_at");

-- CreateIndex
CREATE INDEX "session_revoked_at_idx" ON "session"("revoked_at");

-- CreateIndex
CREATE INDEX "session_last_used_at_idx" ON "session"("last_used_at");

-- AddForeignKey
ALTER TABLE "known_device" ADD CONSTRAINT "known_device_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Written with `prisma migrate diff` from the schema before it. known_device holds the device
-- cookie's token hashes (src/domain/device.ts): (user_id, created_at) serves keeping an
-- account's newest devices, created_at the yearly expiry. Housekeeping deletes sessions by
-- expires_at OR revoked_at OR last_used_at: with an index on each, a bitmap OR of three index
-- scans instead of a scan of the whole table.
