"""What requests' and urllib3's failures mean, in words a user can act on (for :mod:`.net` only)."""

from __future__ import annotations

from ..text import one_line
from .net import NetworkError, host_of


def translate(error: Exception, url: str, timeout: float) -> NetworkError:
    """requests' exception as ours, in words a user can act on."""
    import requests

    host = host_of(url) or url
    text = str(error)
    if isinstance(error, (requests.exceptions.Timeout,)) or "timed out" in text.lower():
        return NetworkError(f"{host} did not answer within {timeout:g} s", retryable=True)
    if (
        isinstance(error, (requests.exceptions.ChunkedEncodingError,))
        or "IncompleteRead" in text
        or "Connection broken" in text
    ):
        return NetworkError(f"connection to {host} cut during the transfer", retryable=True)
    if isinstance(error, requests.exceptions.SSLError):
        return NetworkError(f"TLS error talking to {host}: {short(text)}")
    if isinstance(error, requests.exceptions.ConnectionError):
        if (
            "Name or service not known" in text
            or "NameResolutionError" in text
            or "getaddrinfo" in text
            or "nodename nor servname" in text
            or "Temporary failure in name resolution" in text
        ):
            # Not retried: with no DNS there is no network, and waiting seconds per paper helps nobody.
            return NetworkError(f"cannot resolve {host} (no network?)")
        if "unreachable" in text.lower():
            return NetworkError(f"{host} is unreachable (no network?)")
        if "refused" in text.lower():
            return NetworkError(f"{host} refused the connection", retryable=True)
        if "BadStatusLine" in text or "InvalidHeader" in text or "LineTooLong" in text or "got more than" in text:
            return NetworkError(f"{host} did not answer in HTTP", retryable=True)
        if "reset by peer" in text.lower():
            return NetworkError(f"{host} reset the connection", retryable=True)
        if "RemoteDisconnected" in text or "without response" in text:
            return NetworkError(f"{host} closed the connection without an answer", retryable=True)
        return NetworkError(f"cannot connect to {host}: {short(text)}", retryable=True)
    if isinstance(
        error, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema)
    ):
        return NetworkError(f"not a usable URL: {url}")
    return NetworkError(f"request to {host} failed: {short(text)}", retryable=True)


def short(text: str) -> str:
    # urllib3 messages nest several reprs; the innermost reason is the useful part. What a server
    # sent may appear in it: control characters never reach the user's terminal.
    inner = text.rsplit(": ", 1)[-1].strip(" ')\"") or text
    return one_line(inner, 200)
