"""The network guard: connects and name look-ups beyond loopback fail. Used by the pytest process
(tests/conftest.py) and, through sitecustomize.py on PYTHONPATH, by every Python subprocess a test starts."""

from __future__ import annotations

import ipaddress
import socket
import sys

_LOCAL_NAMES = (None, "localhost", "127.0.0.1", "::1")


class NetworkBlocked(PermissionError):
    """A subprocess of the tests tried to reach the network beyond loopback."""


def _loopback(host) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def install(error: type[Exception]) -> None:
    """Patch socket.connect and socket.getaddrinfo to raise `error` for anything beyond loopback."""
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
            _blocked(error, f"tried to reach the network: {address!r}")
        return real_connect(self, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host not in _LOCAL_NAMES and not str(host).startswith("127."):
            _blocked(error, f"tried to resolve a network name: {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = guarded_connect
    socket.getaddrinfo = guarded_getaddrinfo


def _blocked(error: type[Exception], what: str):
    if error is NetworkBlocked:  # a subprocess may swallow the exception: say it on stderr too
        print(f"netguard: a test subprocess {what}", file=sys.stderr, flush=True)
    raise error(f"test {what}" if error is AssertionError else f"netguard: {what}")
