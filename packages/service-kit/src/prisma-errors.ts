/**
 * Whether `e` is Prisma's unique violation (P2002) on `field`, and on nothing else a caller
 * would misreport: a clash on the primary key is not "slug taken". With the pg driver adapter
 * Prisma names the columns in meta.driverAdapterError.cause.constraint.fields (meta.target is
 * absent). Structural, so it works with every service's generated client.
 */
export function isUniqueViolationOn(e: unknown, field: string): boolean {
  const error = e as { code?: unknown; meta?: unknown } | null;
  if (!error || typeof error !== "object" || error.code !== "P2002") return false;
  const meta = error.meta as
    | { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } }
    | undefined;
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target;
  return Array.isArray(fields) && fields.some((f) => f === field || f === `"${field}"`);
}
