"""What requests' and urllib3's failures mean, in words a user can act on (for :mod:`.net` only).

:func:`describe` gives the words and whether trying again could help; :mod:`.net` makes its
error of them (this module imports nothing of :mod:`.net`: no import cycle).
"""

from __future__ import annotations

from ..text import one_line


def describe(error: Exception, url: str, host: str, timeout: float) -> tuple[str, bool]:
    """requests' exception as (a sentence naming ``host``, retryable)."""
    import requests

    text = str(error)
    if isinstance(error, (requests.exceptions.Timeout,)) or "timed out" in text.lower():
        return f"{host} did not answer within {timeout:g} s", True
    if (
        isinstance(error, (requests.exceptions.ChunkedEncodingError,))
        or "IncompleteRead" in text
        or "Connection broken" in text
    ):
        return f"connection to {host} cut during the transfer", True
    if isinstance(error, requests.exceptions.SSLError):
        return f"TLS error talking to {host}: {short(text)}", False
    if isinstance(error, requests.exceptions.ConnectionError):
        if (
            "Name or service not known" in text
            or "NameResolutionError" in text
            or "getaddrinfo" in text
            or "nodename nor servname" in text
            or "Temporary failure in name resolution" in text
        ):
            # Not retried: with no DNS there is no network, and waiting seconds per paper helps nobody.
            return f"cannot resolve {host} (no network?)", False
        if "unreachable" in text.lower():
            return f"{host} is unreachable (no network?)", False
        if "refused" in text.lower():
            return f"{host} refused the connection", True
        if "BadStatusLine" in text or "InvalidHeader" in text or "LineTooLong" in text or "got more than" in text:
            return f"{host} did not answer in HTTP", True
        if "reset by peer" in text.lower():
            return f"{host} reset the connection", True
        if "RemoteDisconnected" in text or "without response" in text:
            return f"{host} closed the connection without an answer", True
        return f"cannot connect to {host}: {short(text)}", True
    if isinstance(
        error, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema)
    ):
        return f"not a usable URL: {url}", False
    return f"request to {host} failed: {short(text)}", True


def describe_transfer(error: Exception, host: str, timeout: float) -> tuple[str, bool]:
    """A failure while the body streams in, as (a sentence naming ``host``, retryable)."""
    from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError

    if isinstance(error, ReadTimeoutError):
        return f"{host} did not answer within {timeout:g} s", True
    if isinstance(error, ProtocolError):
        return f"connection to {host} cut during the transfer", True
    if isinstance(error, DecodeError):
        return f"{host} sent a body that cannot be decoded", True
    if isinstance(error, OSError):  # a socket error below urllib3
        return f"connection to {host} failed: {short(str(error))}", True
    return f"transfer from {host} failed: {short(str(error))}", True


def describe_wait(seconds: float) -> str:
    """``86400 s``, or ``about 27 years`` for what no one would wait for."""
    if seconds < 10**6:
        return f"{seconds:.0f} s"
    if seconds < 365.25 * 86400:
        return f"about {seconds / 86400:.0f} days"
    return f"about {seconds / (365.25 * 86400):,.0f} years"


def short(text: str) -> str:
    # urllib3 messages nest several reprs; the innermost reason is the useful part. What a server
    # sent may appear in it: control characters never reach the user's terminal.
    inner = text.rsplit(": ", 1)[-1].strip(" ')\"") or text
    return one_line(inner, 200)
