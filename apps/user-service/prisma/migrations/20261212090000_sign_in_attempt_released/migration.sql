-- Hand-written (Prisma's schema language has no CHECK constraints; the schema is unchanged).
-- A sign-in now takes its place under a failure limit before its password is verified and
-- gives it back when the password is right (src/application/sign-in.ts), so a window's count
-- can go back to 0: the row stays, at 0, until housekeeping deletes its window. A count is
-- still never negative.
ALTER TABLE "sign_in_attempt" DROP CONSTRAINT "sign_in_attempt_count_positive";
ALTER TABLE "sign_in_attempt" ADD CONSTRAINT "sign_in_attempt_count_not_negative" CHECK ("count" >= 0);
