"""Which redirects :func:`sora_refs.fetch.net.get` follows: http(s) only, and never from the internet inward.

A catalogue someone sent you names the hosts sora-refs asks; a redirect is the server's choice. A
server on the internet that answers ``302 Location: http://127.0.0.1:8080/admin`` (or a router's
address, or a cloud's metadata service at 169.254.169.254) would have sora-refs fetch from this
machine or its local network on its behalf. Such a redirect is refused. A host that is itself
local (a mirror on ``localhost``, a test server) may redirect anywhere, and a URL written in the
catalogue is always asked: the user chose it.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from ..text import one_line


def refusal(source: str, target: str) -> str | None:
    """Why the redirect from ``source`` to ``target`` must not be followed, or None to follow it."""
    try:
        parts = urlsplit(target)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number below 65536
    except ValueError:
        return f"to an address that cannot be read ({one_line(target, 120)})"
    if parts.scheme not in ("http", "https"):  # urlsplit lower-cases it; a relative one was joined already
        scheme = one_line(parts.scheme, 20)
        return f"to a {scheme}: address ({one_line(target, 120)}); only http(s) is followed"
    if not parts.hostname:
        return f"to an address without a host ({one_line(target, 120)})"
    if is_local(parts.hostname) and not is_local(urlsplit(source).hostname or ""):
        return (
            f"to {one_line(parts.hostname, 80)}, an address on this machine or its local network; "
            "a server on the internet may not send sora-refs there"
        )
    return None


def is_local(host: str) -> bool:
    """Whether ``host`` is (or resolves to) an address that is not on the public internet.

    Loopback, private networks, link-local (cloud metadata), carrier-grade NAT, unspecified and
    reserved ranges all count. A name that does not resolve counts as public: there is nothing
    to protect behind it, and the request itself will fail.
    """
    host = host.strip("[]").lower()
    if not host:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return _local_address(host)
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    return any(_local_address(str(info[4][0]).split("%")[0]) for info in found)


def _local_address(text: str) -> bool:
    address = ipaddress.ip_address(text)
    mapped = getattr(address, "ipv4_mapped", None)
    return not (mapped or address).is_global
