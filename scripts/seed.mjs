// `npm run seed`: (re)applies the demo data to every service's database; idempotent.
import { run } from "./lib/processes.mjs";
import { PROFILES, SERVICES, serviceEnv } from "./lib/stack.mjs";

for (const s of SERVICES) {
  await run("npm", ["run", "seed", "-w", s.workspace, "--silent"], {
    env: serviceEnv(s, PROFILES.shop),
  });
}
