import type { User } from "../domain/user";
import type { Session } from "../domain/session";

export interface UserRepository {
  /** Inserts; "email-taken" when an account with the same (lower-case) email exists. */
  insert(user: User): Promise<"ok" | "email-taken">;
  findById(id: string): Promise<User | null>;
  /** Looks the address up lower-cased. */
  findByEmail(email: string): Promise<User | null>;
}

export interface SessionRepository {
  insert(session: Session): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<Session | null>;
  /** Sets revokedAt if the session exists and is not revoked yet; otherwise does nothing. */
  revoke(tokenHash: string, at: Date): Promise<void>;
  /** Deletes sessions that expired, or were revoked, before `cutoff`; returns how many. */
  deleteEndedBefore(cutoff: Date): Promise<number>;
}

export interface AttemptCounter {
  /**
   * Counts one attempt for `key` in the window starting at `windowStart`, as one atomic step
   * in the store (concurrent attempts each get a distinct count); returns the count including
   * this attempt.
   */
  hit(key: string, windowStart: Date): Promise<number>;
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
  /** A new, unguessable session token (what the browser's cookie carries). */
  generate(): string;
  /** The one-way digest of a token that is stored and looked up instead of the token. */
  hash(token: string): string;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  next(): string;
}

export interface UserServiceConfig {
  sessionTtlDays: number;
}

export interface UserDeps {
  users: UserRepository;
  sessions: SessionRepository;
  attempts: AttemptCounter;
  passwords: PasswordHasher;
  tokens: TokenGenerator;
  clock: Clock;
  ids: IdGenerator;
  config: UserServiceConfig;
}

/** A new session for a user: the token is given out once, here, and never stored. */
export interface SessionGrant {
  user: User;
  token: string;
  expiresAt: Date;
}
