#!/usr/bin/env python3
"""What a release may ask of the server. Used by platform/bin/deploy.

A release brings its own Compose file and Caddy site (baked into its image),
and the deploy command runs them as root. So before anything starts, this
checks that they stay inside what an app on a shared server may do: no host
files, ports, devices or privileges, only the release's own images, only the
platform network, only the app's own environment; and a Caddy site that only
proxies the app's own host name to the app's own containers.

  deploy-policy.py compose RAW.json FINAL.json --image IMG... --env-file F... --network NAME
  deploy-policy.py caddy ADAPTED.json --host HOST --upstream HOST:PORT...

RAW is `docker compose config --no-interpolate --format json`, FINAL the same
interpolated. Exit 0: allowed; 1: refused, one line per reason on stderr;
2: bad usage. Only the standard library (python3 is on every server).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Service keys a release may use. Anything else (volumes, ports, privileged,
# devices, cap_add, pid/ipc/network_mode, sysctls, configs, secrets, ...) is refused.
SERVICE_KEYS = frozenset(
    {
        "command",
        "cap_drop",
        "cpus",
        "depends_on",
        "deploy",
        "entrypoint",
        "environment",
        "env_file",
        "expose",
        "healthcheck",
        "hostname",
        "image",
        "init",
        "labels",
        "logging",
        "mem_limit",
        "mem_reservation",
        "networks",
        "pids_limit",
        "profiles",
        "pull_policy",
        "read_only",
        "restart",
        "security_opt",
        "shm_size",
        "stop_grace_period",
        "stop_signal",
        "stdin_open",
        "tmpfs",
        "tty",
        "ulimits",
        "user",
        "working_dir",
    }
)
TOP_LEVEL_KEYS = frozenset({"name", "services", "networks"})
DEPLOY_KEYS = frozenset({"resources", "restart_policy"})
LOGGING_DRIVERS = frozenset({"json-file", "local"})
SECURITY_OPTS = frozenset({"no-new-privileges:true", "no-new-privileges"})

# Caddy handlers a site may use, and matchers its routes may have.
CADDY_HANDLERS = frozenset(
    {
        "subroute",
        "reverse_proxy",
        "headers",
        "encode",
        "rewrite",
        "static_response",
        "vars",
        "request_body",
        "error",
    }
)
CADDY_MATCHERS = frozenset(
    {
        "path",
        "path_regexp",
        "method",
        "header",
        "header_regexp",
        "query",
        "not",
        "host",
        "protocol",
        "remote_ip",
        "client_ip",
    }
)
CADDY_TRANSPORT_KEYS = frozenset(
    {
        "protocol",
        "dial_timeout",
        "read_timeout",
        "write_timeout",
        "keep_alive",
        "versions",
        "response_header_timeout",
        "expect_continue_timeout",
        "compression",
        "max_conns_per_host",
        "read_buffer_size",
        "write_buffer_size",
        "dial_fallback_delay",
    }
)
CADDY_LISTEN = frozenset({":443", ":80"})


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines the way Compose reads them: comments, `export`, quotes."""
    values: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        key = key.removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


def environment_of(service: dict[str, Any]) -> dict[str, str | None]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        pairs = (item.split("=", 1) if "=" in item else (item, None) for item in env)
        return {key: value for key, value in pairs}
    return dict(env)


def check_compose(
    raw: dict[str, Any], final: dict[str, Any], images: set[str], env: dict[str, str], network: str
) -> list[str]:
    problems = check_top_level(final, network)
    raw_services = raw.get("services") or {}
    for name, service in sorted((final.get("services") or {}).items()):
        problems += check_service(f"service '{name}'", service, raw_services.get(name) or {}, images, env)
    return problems


def check_top_level(final: dict[str, Any], network: str) -> list[str]:
    problems = [
        f"top-level '{key}' is not allowed (no volumes, configs or secrets on a shared server)"
        for key in sorted(set(final) - TOP_LEVEL_KEYS)
        if not key.startswith("x-")
    ]
    for name, spec in sorted((final.get("networks") or {}).items()):
        if name != "default" and not (spec.get("external") and spec.get("name", name) == network):
            problems.append(
                f"network '{name}' is not allowed: services join only the external '{network}' network"
            )
    return problems


def is_set(value: object) -> bool:
    return value not in (None, [], {}, "")


def check_service(
    where: str, service: dict[str, Any], raw: dict[str, Any], images: set[str], env: dict[str, str]
) -> list[str]:
    problems = [
        f"{where}: '{key}' is not allowed on a shared server"
        for key in sorted(set(service) - SERVICE_KEYS)
        if is_set(service[key])
    ]
    if service.get("image") not in images:
        problems.append(f"{where}: image '{service.get('image')}' is not one of this release's images")
    problems += [
        f"{where}: security_opt '{option}' is not allowed"
        for option in service.get("security_opt") or []
        if option not in SECURITY_OPTS
    ]
    deploy = service.get("deploy") or {}
    problems += [
        f"{where}: deploy.{key} is not allowed"
        for key in sorted(set(deploy) - DEPLOY_KEYS)
        if is_set(deploy[key])
    ]
    driver = (service.get("logging") or {}).get("driver", "json-file")
    if driver not in LOGGING_DRIVERS:
        problems.append(f"{where}: logging driver '{driver}' is not allowed (json-file or local)")
    # The final environment may hold only what the file sets itself and the
    # app's own env files: a value from anywhere else (another app's
    # credentials, the platform's settings) is refused.
    declared = environment_of(raw)
    problems += [
        f"{where}: variable {key} comes from a file other than the app's own env files"
        for key, value in sorted(environment_of(service).items())
        if key not in declared and env.get(key) != value
    ]
    return problems


def walk_routes(
    routes: list[dict[str, Any]] | None, host: str, upstreams: set[str], where: str
) -> Iterator[str]:
    for route in routes or []:
        for match in route.get("match") or []:
            yield from check_matcher(match, host, where)
        for handler in route.get("handle") or []:
            yield from check_handler(handler, host, upstreams, where)


def check_matcher(match: dict[str, Any], host: str, where: str) -> Iterator[str]:
    for key, value in match.items():
        if key not in CADDY_MATCHERS:
            yield f"{where}: matcher '{key}' is not allowed"
        elif key == "host" and any(h != host for h in value):
            yield f"{where}: host names other than {host} are not allowed: {', '.join(value)}"
        elif key == "not":
            for inner in value:
                yield from check_matcher(inner, host, where)


def check_handler(handler: dict[str, Any], host: str, upstreams: set[str], where: str) -> Iterator[str]:
    kind = handler.get("handler")
    if kind not in CADDY_HANDLERS:
        yield f"{where}: directive '{kind}' is not allowed in an app's site (proxy, headers, rewrites)"
        return
    if kind == "subroute":
        yield from walk_routes(handler.get("routes"), host, upstreams, where)
        for error_route in (handler.get("errors") or {}).get("routes") or []:
            yield from walk_routes([error_route], host, upstreams, where)
    if kind == "reverse_proxy":
        if "dynamic_upstreams" in handler:
            yield f"{where}: dynamic upstreams are not allowed"
        for upstream in handler.get("upstreams") or []:
            dial = upstream.get("dial")
            if dial not in upstreams:
                allowed = ", ".join(sorted(upstreams))
                yield f"{where}: reverse_proxy to '{dial}' is not allowed (only {allowed})"
        transport = handler.get("transport") or {}
        for key in sorted(set(transport) - CADDY_TRANSPORT_KEYS):
            yield f"{where}: reverse_proxy transport option '{key}' is not allowed"
        for response in handler.get("handle_response") or []:
            yield from walk_routes(response.get("routes"), host, upstreams, where)


def strings_in(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def check_caddy(config: dict[str, Any], host: str, upstreams: set[str]) -> list[str]:
    # {env.*} and {file.*} placeholders would show the Caddy container's
    # environment or files (certificates, keys) to whoever asks.
    leaks = sorted({s for s in strings_in(config) if "{env." in s or "{file." in s})
    problems = [f"placeholders reading Caddy's environment or files are not allowed: {s}" for s in leaks]
    problems += [
        f"'{key}' is not allowed in an app's site (no logs, storage or admin settings)"
        for key in sorted(set(config) - {"apps"})
    ]
    apps = config.get("apps") or {}
    problems += [
        f"the '{key}' app is not allowed in an app's site (no tls, pki or layer4 settings)"
        for key in sorted(set(apps) - {"http"})
    ]
    servers = (apps.get("http") or {}).get("servers") or {}
    if not servers:
        problems.append("the site defines no routes")
    for name, server in sorted(servers.items()):
        where = f"server {name}"
        for address in server.get("listen") or []:
            if address not in CADDY_LISTEN:
                problems.append(
                    f"{where}: listening on '{address}' is not allowed (only the site's host name)"
                )
        for key in sorted(set(server) - {"listen", "routes", "errors", "automatic_https"}):
            problems.append(f"{where}: server option '{key}' is not allowed")
        for route in server.get("routes") or []:
            hosts = [m.get("host") for m in route.get("match") or []]
            if hosts != [[host]]:
                problems.append(f"{where}: every site block must be for {host} alone")
        problems += walk_routes(server.get("routes"), host, upstreams, where)
        problems += walk_routes((server.get("errors") or {}).get("routes"), host, upstreams, where)
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="deploy-policy.py")
    commands = parser.add_subparsers(dest="command", required=True)
    compose = commands.add_parser("compose")
    compose.add_argument("raw", type=Path)
    compose.add_argument("final", type=Path)
    compose.add_argument("--image", action="append", default=[])
    compose.add_argument("--env-file", action="append", default=[], type=Path)
    compose.add_argument("--network", required=True)
    caddy = commands.add_parser("caddy")
    caddy.add_argument("adapted", type=Path)
    caddy.add_argument("--host", required=True)
    caddy.add_argument("--upstream", action="append", default=[])
    args = parser.parse_args(argv)

    if args.command == "compose":
        env: dict[str, str] = {}
        for path in args.env_file:
            env.update(read_env_file(path))
        problems = check_compose(
            json.loads(args.raw.read_text()),
            json.loads(args.final.read_text()),
            set(args.image),
            env,
            args.network,
        )
    else:
        problems = check_caddy(json.loads(args.adapted.read_text()), args.host, set(args.upstream))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
