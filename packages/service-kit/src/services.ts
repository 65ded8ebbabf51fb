import list from "../services.json";
import type { ServiceAudience } from "./internal-auth";

/*
 * The one list of the shop's services (../services.json): scripts/lib/stack.mjs starts and
 * migrates each one whose workspace exists (both profiles, the e2e one on offset ports and
 * `_e2e` databases), each service's env.ts takes its PORT and DATABASE_URL defaults from it
 * (serviceEnvFor), its prisma.config.ts its default database (servicePrismaConfig), and the
 * BFF the default URL of each service it calls. A new service is one entry here.
 *
 * An entry without a database is a stand-in for a system outside the shop (the data platform's
 * receiver): npm start runs it on its port, nothing migrates it, no credential is addressed to
 * it. Those are STAND_INS, never SERVICES.
 */

export interface ServiceEntry {
  /** Also its folder under apps/ and its credential audience. */
  name: ServiceAudience;
  /** The npm workspace name (`npm run <script> -w <workspace>`). */
  workspace: string;
  /** Where it listens by default (the e2e copy adds 100). */
  port: number;
  /** Its own database on the shop's PostgreSQL server. */
  database: string;
}

/** A local stand-in for an external system: its folder under apps/, workspace and port. */
export interface StandInEntry {
  name: string;
  workspace: string;
  port: number;
}

const entries: readonly (StandInEntry & { database?: string })[] = list;

export const SERVICES: readonly ServiceEntry[] = entries.filter(
  (e): e is ServiceEntry => e.database !== undefined,
);

export const STAND_INS: readonly StandInEntry[] = entries.filter((e) => e.database === undefined);

/** The PostgreSQL server every default DATABASE_URL points at (one database per service). */
export const DEFAULT_POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432";

export function serviceEntry(name: ServiceAudience): ServiceEntry {
  const entry = SERVICES.find((s) => s.name === name);
  if (!entry) throw new Error(`${name} is not in packages/service-kit/services.json`);
  return entry;
}

export const defaultDatabaseUrl = (name: ServiceAudience) =>
  `${DEFAULT_POSTGRES_SERVER}/${serviceEntry(name).database}`;

export const defaultServiceUrl = (name: ServiceAudience) =>
  `http://127.0.0.1:${serviceEntry(name).port}`;

/** Where a stand-in listens on this machine by default: `http://127.0.0.1:<its port>`. */
export function defaultStandInUrl(name: string): string {
  const entry = STAND_INS.find((s) => s.name === name);
  if (!entry) throw new Error(`${name} is not a stand-in in packages/service-kit/services.json`);
  return `http://127.0.0.1:${entry.port}`;
}
