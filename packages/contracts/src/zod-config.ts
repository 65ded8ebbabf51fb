import { z } from "zod";

// In a browser, zod probes `new Function` for its compiled fast path; the shop's CSP forbids
// eval, and the browser reports even the caught probe as a policy violation. Servers keep it.
if ("window" in globalThis) z.config({ jitless: true });
