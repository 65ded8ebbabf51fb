import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript sources ("just-in-time" packages).
  transpilePackages: ["@shop/contracts", "@shop/service-kit"],
  // Pino and the service clients run only in the BFF; keep them out of the bundler.
  serverExternalPackages: ["pino"],
  // The browser tests build into their own folder so they never clobber a running shop.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden(): a shopper opening an admin page gets a real 403.
  experimental: { authInterrupts: true },
};

export default nextConfig;
