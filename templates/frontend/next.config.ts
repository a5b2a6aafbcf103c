import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

/**
 * In production Caddy routes /api and /health to the backend before a request reaches Next.
 * `next dev` has no Caddy in front, so it forwards them itself (BACKEND_INTERNAL_URL comes
 * from .env.development or the shell).
 */
function developmentRewrites(): NextConfig["rewrites"] {
  const backend = process.env.BACKEND_INTERNAL_URL;
  if (!backend) throw new Error("BACKEND_INTERNAL_URL is not set (see .env.development)");
  return async () => [
    { source: "/api/:path*", destination: `${backend}/api/:path*` },
    { source: "/health", destination: `${backend}/health` },
  ];
}

export default function nextConfig(phase: string): NextConfig {
  return {
    output: "standalone",
    // This folder is the whole app; never trace files from a parent directory.
    outputFileTracingRoot: import.meta.dirname,
    turbopack: { root: import.meta.dirname },
    poweredByHeader: false,
    // The container's root is read-only: no image optimiser (it writes a cache), and pages
    // rendered at build time are cached in memory rather than written back to .next.
    images: { unoptimized: true },
    experimental: { isrFlushToDisk: false },
    rewrites: phase === PHASE_DEVELOPMENT_SERVER ? developmentRewrites() : undefined,
  };
}
