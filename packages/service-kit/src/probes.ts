/**
 * Where every process of the shop answers its orchestrator (the web's front and each service's
 * HTTP server): liveness (the process runs) and readiness (send it traffic). The Kubernetes
 * manifests (deploy/) take their probe paths from here, so the two cannot drift.
 */
export const LIVENESS_PATH = "/health";
export const READINESS_PATH = "/ready";
