"""Fetching a web page: http and https only, a timeout, a size limit counted on the bytes
actually read, a bounded number of redirects (each one checked again), and a clear error per
failure. Standard library only."""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass, field
from email.message import Message

from stancectl import __version__
from stancectl.problems import ExitCode, StancectlError

DEFAULT_TIMEOUT = 20.0
"""Seconds for the whole fetch, redirects included."""
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
ALLOWED_SCHEMES = ("http", "https")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
"""Content types add-article can read: web pages and plain text."""
_CHUNK = 64 * 1024
_REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = f"stancectl/{__version__} (add-article)"


class FetchError(StancectlError):
    """The page could not be fetched; the message says which URL and why."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class Fetched:
    """A page as received: its final URL (after redirects), content type and raw bytes."""

    url: str
    requested: str
    content_type: str
    charset: str | None
    """The charset the server declared, if any."""
    body: bytes
    redirects: list[str] = field(default_factory=list)


def check_url(url: str) -> urllib.parse.SplitResult:
    """The URL split into parts, or FetchError if it is not an http(s) URL with a host."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as error:
        raise FetchError(f"{url!r} is not a valid URL: {error}") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise FetchError(f"{url!r}: only http:// and https:// URLs can be fetched")
    if not parts.hostname:
        raise FetchError(f"{url!r} has no host name")
    if any(c.isspace() or ord(c) < 0x20 for c in url):
        raise FetchError(f"{url!r} contains spaces or control characters")
    return parts


def ascii_url(url: str) -> str:
    """The URL as it goes on the wire: an international host name in IDNA form, other
    non-ASCII characters percent-encoded (what is already encoded stays as it is)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(f"{url!r}: the host name {host!r} is not valid") from None
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    if parts.username is not None:
        netloc = f"{parts.netloc.rsplit('@', 1)[0]}@{netloc}"
    keep = "/%:@!$&'()*+,;=-._~?"
    return urllib.parse.urlunsplit(
        (
            parts.scheme,
            netloc,
            urllib.parse.quote(parts.path, safe=keep),
            urllib.parse.quote(parts.query, safe=keep),
            urllib.parse.quote(parts.fragment, safe=keep + "#"),
        )
    )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by `fetch` itself, so that each target is checked."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
) -> Fetched:
    """Fetch `url` and return the page. Raises FetchError naming the URL and the reason: not
    http(s), unreachable, timed out, HTTP error status, too many redirects or a redirect to
    another scheme, a body over `max_bytes`, or a content type that is not a page or text."""
    check_url(url)
    opener = urllib.request.build_opener(_NoRedirects())
    deadline = time.monotonic() + timeout
    current, seen = url, [url]
    for _ in range(max_redirects + 1):
        response = _open(opener, current, deadline)
        with response:
            status = response.status
            if status in _REDIRECTS:
                current = _redirect_target(current, response.headers, seen)
                seen.append(current)
                continue
            headers = response.headers
            content_type = headers.get_content_type()
            if content_type not in PAGE_TYPES:
                raise FetchError(
                    f"{current}: the server sent {content_type}, not a web page or text; "
                    "save the article as .html or .txt and add that file"
                )
            body = _read_body(response, current, deadline, max_bytes)
        body = _decoded(body, headers.get("Content-Encoding", ""), current, max_bytes)
        return Fetched(
            url=current,
            requested=url,
            content_type=content_type,
            charset=headers.get_content_charset(),
            body=body,
            redirects=seen[1:],
        )
    raise FetchError(f"{url}: more than {max_redirects} redirects (last to {current})")


def _open(
    opener: urllib.request.OpenerDirector, url: str, deadline: float
) -> http.client.HTTPResponse:
    request = urllib.request.Request(  # the scheme is checked: http(s) only
        ascii_url(url), headers={"User-Agent": USER_AGENT, "Accept": ", ".join(PAGE_TYPES)}
    )
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"{url}: timed out")
    try:
        response: http.client.HTTPResponse = opener.open(request, timeout=remaining)
    except urllib.error.HTTPError as error:
        if error.code in _REDIRECTS:
            return error  # type: ignore[return-value]  # an HTTPError is the response itself
        reason = error.reason or http.client.responses.get(error.code, "")
        error.close()
        raise FetchError(f"{url}: the server answered {error.code} {reason}".rstrip()) from None
    except urllib.error.URLError as error:
        raise FetchError(f"{url}: {_reason(error.reason)}") from None
    except TimeoutError:
        raise FetchError(f"{url}: timed out") from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise FetchError(f"{url}: {_reason(error)}") from None
    return response


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {reason.reason or reason}"
    if isinstance(reason, socket.gaierror):
        return "the host name could not be resolved"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, OSError):
        return reason.strerror or str(reason)
    return str(reason) or type(reason).__name__


def _redirect_target(current: str, headers: Message, seen: list[str]) -> str:
    location = headers.get("Location")
    if not location:
        raise FetchError(f"{current}: a redirect without a Location")
    target = urllib.parse.urljoin(current, location.strip())
    scheme = urllib.parse.urlsplit(target).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise FetchError(f"{current}: redirected to {target!r}, which is not http(s); not followed")
    check_url(target)
    if target in seen:
        raise FetchError(f"{current}: redirect loop back to {target}")
    return target


def _read_body(
    response: http.client.HTTPResponse, url: str, deadline: float, max_bytes: int
) -> bytes:
    """The body, read in chunks: over `max_bytes` (whatever Content-Length says) or past the
    deadline is an error."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: the page is {int(declared):,} bytes, over {max_bytes:,}")
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: timed out while reading the page")
        try:
            chunk = response.read1(_CHUNK)  # at most one receive: the deadline is checked between
        except TimeoutError:
            raise FetchError(f"{url}: timed out while reading the page") from None
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(f"{url}: the connection failed while reading: {error}") from None
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: the page is over {max_bytes:,} bytes; not read further")
        chunks.append(chunk)


def _decoded(body: bytes, encoding: str, url: str, max_bytes: int) -> bytes:
    """The body with a gzip or deflate content encoding undone, bounded by `max_bytes` too."""
    encoding = encoding.strip().lower()
    if encoding in {"", "identity"}:
        return body
    if encoding not in {"gzip", "x-gzip", "deflate"}:
        raise FetchError(f"{url}: the page is sent with an unknown encoding {encoding!r}")
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    inflater = zlib.decompressobj(wbits)
    try:
        data = inflater.decompress(body, max_bytes + 1)
    except zlib.error as error:
        raise FetchError(f"{url}: the compressed page is damaged: {error}") from None
    if len(data) > max_bytes or inflater.unconsumed_tail:
        raise FetchError(f"{url}: the page is over {max_bytes:,} bytes once decompressed")
    return data
