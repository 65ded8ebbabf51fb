import type { NextConfig } from "next";
import { CLIENT_PROTO_HEADER } from "./src/http/trust-proxy";

/*
 * Scripts: Next streams each page's data in inline <script> tags. A nonce would make every page
 * render per request (no cache, about an eighth of the throughput), so inline scripts are
 * allowed and everything else is locked to this origin: no other site's script, frame,
 * plugin, form target or <base> can enter a page. `next dev` also needs eval (fast refresh).
 */
const dev = process.env.NODE_ENV === "development";
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript sources ("just-in-time" packages).
  transpilePackages: ["@shop/contracts", "@shop/service-kit"],
  // Pino and the service clients run only in the BFF; keep them out of the bundler.
  serverExternalPackages: ["pino"],
  // The browser tests build into their own folder so they never clobber a running shop.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // The image runs .next/standalone (only the files the server needs, traced by Next) with our
  // own server, src/main.ts, which takes this config from the build (src/next-config.ts).
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden(): a shopper opening an admin page gets a real 403.
  // Searches are cached pages too (src/app/browse): free text is unbounded, so cached pages stay
  // in memory only, where Next's LRU (cacheMaxMemorySize, 50 MB) bounds them; nothing is
  // written to disk per search.
  experimental: { authInterrupts: true, isrFlushToDisk: false },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        // A search is rendered per request (src/app/search), and is the same for everyone (the
        // page reads no cookie): shared caches may keep it briefly. RFC 9213's header, which a
        // CDN and our front (src/http/page-cache.ts) read and Next does not overwrite.
        source: "/search/:state",
        headers: [{ key: "CDN-Cache-Control", value: "max-age=10" }],
      },
      {
        // Only when the client reached us over TLS (as src/main.ts determined it): HSTS on a
        // plain-http answer would be ignored anyway, and on localhost it is never wanted.
        source: "/:path*",
        has: [{ type: "header", key: CLIENT_PROTO_HEADER, value: "https" }],
        // No includeSubDomains: whether every subdomain serves https is for the TLS proxy to say.
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000" }],
      },
    ];
  },
};

export default nextConfig;
