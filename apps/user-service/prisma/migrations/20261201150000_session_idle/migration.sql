-- AlterTable
ALTER TABLE "session" ADD COLUMN     "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;


-- The default gives sessions that existed before this migration a last use of "now": nobody is
-- signed out by the deploy, and an old session left unused ends SESSION_IDLE_DAYS later. New
-- sessions always get their start time from the service (src/domain/session.ts).
