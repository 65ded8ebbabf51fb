import type { Clock, IdGenerator } from "@shop/kernel";
import type { User } from "../domain/user";
import type { Session } from "../domain/session";
import type { KnownDevice } from "../domain/device";

export interface UserRepository {
  /** Inserts; "email-taken" when an account with the same (lower-case) email exists. */
  insert(user: User): Promise<"ok" | "email-taken">;
  findById(id: string): Promise<User | null>;
  /** The accounts of these ids, in one read; ids with no account are left out. */
  findByIds(ids: readonly string[]): Promise<User[]>;
  /** Looks the address up lower-cased. */
  findByEmail(email: string): Promise<User | null>;
}

export interface SessionRepository {
  insert(session: Session): Promise<void>;
  /**
   * Inserts `session` and revokes the session `previousTokenHash` names (at
   * `session.createdAt`, if it exists and is not revoked yet) in one transaction: either the
   * browser's old session ends and the new one exists, or neither happened.
   */
  rotate(previousTokenHash: string, session: Session): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<Session | null>;
  /** Sets revokedAt if the session exists and is not revoked yet; otherwise does nothing. */
  revoke(tokenHash: string, at: Date): Promise<void>;
  /**
   * Sets lastUsedAt to `at`, in one conditional statement, only if the session's lastUsedAt is
   * before `ifLastUsedBefore` (so a busy session is written at most once per interval, however
   * many requests race) and the session is not revoked. True if it wrote.
   */
  touch(tokenHash: string, at: Date, ifLastUsedBefore: Date): Promise<boolean>;
  /**
   * Deletes sessions that ended before `cutoff`: expired, revoked, or idle for `idleMs` (last
   * used before `cutoff - idleMs`); returns how many.
   */
  deleteEndedBefore(cutoff: Date, idleMs: number): Promise<number>;
}

export interface KnownDeviceRepository {
  findByTokenHash(tokenHash: string): Promise<KnownDevice | null>;
  /**
   * In one transaction: deletes the device `replacing` names if it is `device.userId`'s (the
   * browser's previous token of the same account: rotation), inserts `device`, and deletes the
   * user's devices beyond the newest `keep`. So an account never has more than `keep`, however
   * many sign-ins of it remember a device at once (the store serializes them per account).
   */
  remember(
    device: KnownDevice,
    options: { replacing?: string | undefined; keep: number },
  ): Promise<void>;
  /** Deletes devices issued before `cutoff`; returns how many. */
  deleteCreatedBefore(cutoff: Date): Promise<number>;
}

export interface AttemptCounter {
  /**
   * Counts one attempt for `key` in the window starting at `windowStart`, as one atomic step
   * in the store (concurrent attempts each get a distinct count); returns the count including
   * this attempt.
   */
  hit(key: string, windowStart: Date): Promise<number>;
  /**
   * Counts one attempt for `key` in the window starting at `windowStart` only if fewer than
   * `limit` are counted there, deciding and counting in one atomic step in the store (a
   * conditional upsert): however many calls run at once, no more than `limit` are ever counted
   * in a window. True if this one was; false (and nothing counted) if the limit was reached.
   */
  reserve(key: string, windowStart: Date, limit: number): Promise<boolean>;
  /**
   * Takes back one attempt counted for `key` in the window starting at `windowStart` (a place
   * `reserve` took for what turned out not to count), in one atomic step; never below 0.
   */
  release(key: string, windowStart: Date): Promise<void>;
  /** The count for `key` in the window starting at `windowStart` (0 if none), changing nothing. */
  count(key: string, windowStart: Date): Promise<number>;
  /** Deletes windows that started before `cutoff`; returns how many. */
  deleteWindowsBefore(cutoff: Date): Promise<number>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** false for a wrong password; never throws for a mismatch. */
  verify(hash: string, password: string): Promise<boolean>;
  /**
   * A hash made with the same parameters as `hash` of a password nobody knows: verifying
   * against it when an email is unknown costs what a real verification costs, so the answer's
   * timing does not tell which accounts exist.
   */
  readonly dummyHash: string;
}

export interface TokenGenerator {
  /** A new, unguessable token (session and device tokens: what the browser's cookies carry). */
  generate(): string;
  /** The one-way digest of a token that is stored and looked up instead of the token. */
  hash(token: string): string;
}

export interface UserServiceConfig {
  /** A session's absolute lifetime, however much it is used. */
  sessionTtlDays: number;
  /** A session unused for this long no longer signs its browser in. */
  sessionIdleDays: number;
}

export interface UserDeps {
  users: UserRepository;
  sessions: SessionRepository;
  attempts: AttemptCounter;
  devices: KnownDeviceRepository;
  passwords: PasswordHasher;
  tokens: TokenGenerator;
  clock: Clock;
  ids: IdGenerator;
  config: UserServiceConfig;
}

/**
 * A new session for a user, and a new device token for the browser: both tokens are given out
 * once, here, and never stored.
 */
export interface SessionGrant {
  user: User;
  token: string;
  expiresAt: Date;
  deviceToken: string;
  deviceExpiresAt: Date;
}
