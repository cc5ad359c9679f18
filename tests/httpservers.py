"""Real HTTP servers on 127.0.0.1 for tests of outbound fetches.

A :class:`LocalHTTPServer` listens on an ephemeral port in a background thread and
answers each path from a route you give it: status, headers and body, redirects,
bodies sent in chunks with pauses (to trickle), endless bodies, or no answer at
all. It records every request it receives, so tests can check what was sent::

    with LocalHTTPServer() as server:
        server.html("/post", "<a href='https://example.org/'>hi</a>")
        server.redirect("/old", "/post")
        response = safehttp.fetch(server.url("/old"))
        assert server.requests[-1].path == "/post"

Tests that fetch from it need ``settings.SAFE_HTTP_ALLOW_LOOPBACK = True``.
"""

import itertools
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class ReceivedRequest:
    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes


@dataclass(frozen=True)
class Route:
    """How the server answers one path.

    ``body`` is bytes, or a callable returning an iterable of byte chunks (called
    anew for each request, so generators work). Chunks are written one by one with
    ``pause`` seconds before each. ``content_length`` is sent as given; when None it
    is computed for a bytes body, and a chunk body ends when the connection closes
    (or uses chunked encoding when ``chunked``). ``delay`` waits before answering,
    ``respond=False`` never answers, ``header_pause`` trickles the status line and
    headers byte by byte. A ``Connection: close`` header closes after the body.
    """

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=lambda: {"Content-Type": HTML})
    body: bytes | Callable[[], Iterable[bytes]] = b""
    content_length: int | None = None
    chunked: bool = False
    pause: float = 0.0
    delay: float = 0.0
    respond: bool = True
    header_pause: float = 0.0


class LocalHTTPServer:
    """A threaded HTTP/1.1 server on 127.0.0.1; use it as a context manager."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[ReceivedRequest] = []
        self.stopping = threading.Event()
        self._httpd = _QuietServer(("127.0.0.1", 0), _make_handler(self))
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="local-http-server",
            daemon=True,
        )

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths_requested(self) -> list[str]:
        return [request.path for request in self.requests]

    # Routes

    def route(self, path: str, **route: object) -> str:
        """Answer ``path`` as described by :class:`Route`'s fields; return its URL."""
        self.routes[path] = Route(**route)  # type: ignore[arg-type]
        return self.url(path)

    def html(self, path: str, html: str, *, status: int = 200) -> str:
        return self.route(path, status=status, body=html.encode())

    def redirect(self, path: str, location: str, *, status: int = 302) -> str:
        return self.route(path, status=status, headers={"Location": location})

    def redirect_chain(self, length: int, final_path: str = "/final") -> str:
        """Make /hop1 → /hop2 → … → ``final_path`` with ``length`` redirects."""
        hops = [f"/hop{number}" for number in range(1, length + 1)]
        for here, there in itertools.pairwise([*hops, final_path]):
            self.redirect(here, there)
        return self.url(hops[0]) if hops else self.url(final_path)

    # Life cycle

    def __enter__(self) -> "LocalHTTPServer":
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopping.set()  # ends trickling and silent handlers
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up early are what these tests are about


def _make_handler(server: LocalHTTPServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._answer()

        do_POST = do_GET
        do_PURGE = do_GET  # what a CDN or Varnish gets from frontend-cache purges

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            server.requests.append(
                ReceivedRequest(self.command, self.path, dict(self.headers), body)
            )
            route = server.routes.get(self.path.split("?", 1)[0])
            if route is None:
                route = Route(status=404, headers={"Content-Type": HTML}, body=b"")
            if not route.respond or server.stopping.wait(route.delay):
                server.stopping.wait()
                self.close_connection = True
                return
            try:
                self._write(route)
                self.wfile.flush()
            except ConnectionError:  # the client gave up, as it is meant to
                self.close_connection = True

        def _write(self, route: Route) -> None:
            headers = dict(route.headers)
            streamed = callable(route.body)
            if route.content_length is not None:
                headers["Content-Length"] = str(route.content_length)
            elif route.chunked:
                headers["Transfer-Encoding"] = "chunked"
            elif not streamed:
                headers["Content-Length"] = str(len(route.body))  # type: ignore[arg-type]
            if streamed and route.content_length is None and not route.chunked:
                headers["Connection"] = "close"  # the body ends when we close
            if headers.get("Connection", "").lower() == "close":
                self.close_connection = True

            head = [
                f"HTTP/1.1 {route.status} {self.responses.get(route.status, ('',))[0]}"
            ]
            head += [f"{name}: {value}" for name, value in headers.items()]
            head_bytes = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
            if route.header_pause:
                for byte in head_bytes:
                    if server.stopping.wait(route.header_pause):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            else:
                self.wfile.write(head_bytes)

            chunks = route.body() if streamed else [route.body]  # type: ignore[operator]
            for chunk in chunks:
                if route.pause and server.stopping.wait(route.pause):
                    return
                if route.chunked:
                    chunk = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
                self.wfile.write(chunk)
                self.wfile.flush()
            if route.chunked:
                self.wfile.write(b"0\r\n\r\n")

    return Handler


def endless(chunk: bytes) -> Callable[[], Iterable[bytes]]:
    """A body that never ends (until the client hangs up)."""
    return lambda: itertools.repeat(chunk)


def in_chunks(data: bytes, size: int) -> Callable[[], Iterable[bytes]]:
    """``data`` in chunks of ``size`` bytes (trickled, with a route's ``pause``)."""
    return lambda: (data[start : start + size] for start in range(0, len(data), size))


def wait_until(condition: Callable[[], bool], timeout: float = 2.0) -> bool:
    """Poll ``condition`` until it is true or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True
