"""HTTP routes: liveness and readiness at the root, everything else under /api."""
