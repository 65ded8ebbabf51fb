/**
 * A browser the user signed in from before (the OWASP "device cookie"). Each successful sign-in
 * or sign-up gives the browser a random device token in a long-lived cookie of its own; the
 * service keeps only the token's hash, whose user it is and when it was issued. A sign-in that
 * presents a token of the account it is for is exempt from the per-email failure ceiling
 * (domain/rate-limit.ts), so strangers failing on the owner's email cannot lock the owner out
 * of a browser the owner already used.
 */
export interface KnownDevice {
  tokenHash: string;
  userId: string;
  createdAt: Date;
}

const DAY_MS = 86_400_000;

/** How long a device token is good for (the device cookie's lifetime): a year. */
export const KNOWN_DEVICE_TTL_DAYS = 365;

/**
 * The most devices an account keeps: issuing one more forgets the oldest. Bounds the table
 * whoever signs in how often (each sign-in without the browser's old token issues a new one).
 */
export const MAX_KNOWN_DEVICES_PER_USER = 20;

export function issueDevice(fields: { tokenHash: string; userId: string; now: Date }): KnownDevice {
  return { tokenHash: fields.tokenHash, userId: fields.userId, createdAt: fields.now };
}

/** When a device token stops counting (exclusive); the cookie expires at the same instant. */
export const deviceExpiresAt = (device: KnownDevice): Date =>
  new Date(device.createdAt.getTime() + KNOWN_DEVICE_TTL_DAYS * DAY_MS);

/** Whether `device` (looked up by a token a sign-in presented) is a known device of `userId`. */
export function isKnownDeviceOf(
  device: KnownDevice | null,
  userId: string | undefined,
  now: Date,
): device is KnownDevice {
  return (
    device !== null &&
    userId !== undefined &&
    device.userId === userId &&
    now.getTime() < deviceExpiresAt(device).getTime()
  );
}

/** Devices issued before this instant are over (for housekeeping). */
export const devicesOverBefore = (now: Date): Date =>
  new Date(now.getTime() - KNOWN_DEVICE_TTL_DAYS * DAY_MS);
