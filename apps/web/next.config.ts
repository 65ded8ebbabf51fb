import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript sources ("just-in-time" packages).
  transpilePackages: ["@shop/contracts", "@shop/service-kit"],
  // Pino and the service clients run only in the BFF; keep them out of the bundler.
  serverExternalPackages: ["pino"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
