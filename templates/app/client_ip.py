"""The client's address: the direct peer, unless the peer is a trusted reverse proxy."""

from collections.abc import Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address


def _parse(value: str) -> IPv4Address | IPv6Address | None:
    try:
        return ip_address(value.strip())
    except ValueError:
        return None


def client_ip(
    peer: str | None,
    forwarded_for: str | None,
    trusted_proxies: Sequence[IPv4Network | IPv6Network],
) -> str:
    """Walk X-Forwarded-For from the right while the hop is trusted.

    Each proxy appends the address it received the request from, so the
    rightmost untrusted entry is the first one no trusted proxy vouches for.
    Entries left of it could have been written by the client and are ignored.
    """
    if peer is None:
        return "unknown"
    address = _parse(peer)
    if address is None or forwarded_for is None:
        return peer

    def trusted(candidate: IPv4Address | IPv6Address) -> bool:
        return any(candidate in network for network in trusted_proxies)

    if not trusted(address):
        return peer
    hops = [hop for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        hop_address = _parse(hop)
        if hop_address is None:
            return hop.strip()
        address = hop_address
        if not trusted(address):
            break
    return str(address)
