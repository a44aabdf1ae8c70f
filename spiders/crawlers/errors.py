"""Turn a failed request into a ``crawl_error`` record with a stage and a machine-readable reason."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError as TwistedRefused
from twisted.internet.error import DNSLookupError, TCPTimedOutError
from twisted.internet.error import TimeoutError as TwistedTimeout
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived


def classify(failure: Failure) -> dict[str, Any]:
    """``stage``, ``reason``, ``status`` and ``detail`` of a failure."""
    exc = failure.value
    detail = f"{type(exc).__name__}: {exc}"[:500]
    if isinstance(exc, HttpError):
        status = exc.response.status
        return {"stage": "fetch", "reason": f"http_{status}", "status": status, "detail": detail}
    if isinstance(exc, IgnoreRequest):
        text = str(exc).lower()
        if "robots.txt unreachable" in text:
            return {"stage": "robots", "reason": "robots_unreachable", "detail": detail}
        if "robots" in text:
            return {"stage": "robots", "reason": "robots_denied", "detail": detail}
        if "offsite redirect" in text:
            return {"stage": "redirect", "reason": "offsite_redirect", "detail": detail}
        if "offsite" in text or "out of scope" in text:
            return {"stage": "scope", "reason": "out_of_scope", "detail": detail}
        if "redirect" in text:
            return {"stage": "redirect", "reason": "redirect_loop", "detail": detail}
        return {"stage": "scope", "reason": "ignored", "detail": detail}
    if isinstance(exc, (DownloadTimeoutError, TwistedTimeout, TCPTimedOutError, TimeoutError)):
        return {"stage": "fetch", "reason": "timeout", "detail": detail}
    if isinstance(exc, DownloadCancelledError):
        return {"stage": "size", "reason": "oversize_body", "detail": detail}
    if isinstance(exc, (ResponseDataLossError, ResponseFailed)):
        return {"stage": "fetch", "reason": "truncated_body", "detail": detail}
    if isinstance(exc, (DownloadConnectionRefusedError, TwistedRefused)):
        return {"stage": "fetch", "reason": "connection_refused", "detail": detail}
    if isinstance(exc, (CannotResolveHostError, DNSLookupError)):
        return {"stage": "fetch", "reason": "dns_error", "detail": detail}
    if isinstance(exc, ResponseNeverReceived):
        return {"stage": "fetch", "reason": "no_response", "detail": detail}
    return {"stage": "fetch", "reason": type(exc).__name__, "detail": detail}
