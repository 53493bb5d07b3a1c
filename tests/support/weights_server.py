"""A real HTTP server on 127.0.0.1 serving weight files, with switchable faults."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Behaviour:
    """What the server does; tests change it between requests."""

    drop_after: int | None = None  # close the connection after sending this many body bytes
    corrupt: bool = False  # flip the bytes it sends
    status: int | None = None  # answer this status instead of the file
    ignore_range: bool = False
    delay_per_chunk: float = 0.0  # seconds between 64 KiB chunks (a slow server)
    fail_first: int = 0  # answer 503 to this many requests first
    stall_headers: float = 0.0  # seconds to wait before answering at all
    wrong_range: int = 0  # answer this many Range requests with a Content-Range off by one


@dataclass
class RequestLog:
    path: str
    range: str | None


@dataclass
class WeightsServer:
    root: Path
    behaviour: Behaviour = field(default_factory=Behaviour)
    requests: list[RequestLog] = field(default_factory=list)
    port: int = 0

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"


def start(root: Path) -> tuple[WeightsServer, ThreadingHTTPServer]:
    state = WeightsServer(root)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            behaviour = state.behaviour
            state.requests.append(RequestLog(self.path, self.headers.get("Range")))
            if behaviour.stall_headers:
                time.sleep(behaviour.stall_headers)
            if behaviour.fail_first > 0:
                behaviour.fail_first -= 1
                self._empty(503)
                return
            if behaviour.status:
                self._empty(behaviour.status)
                return
            file = state.root / self.path.lstrip("/")
            if not file.is_file():
                self._empty(404)
                return
            data = file.read_bytes()
            start = 0
            match = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range") or "")
            if match and not behaviour.ignore_range:
                start = int(match.group(1))
                if start >= len(data):
                    self._empty(416)
                    return
                self.send_response(206)
                claimed = start
                if behaviour.wrong_range > 0:
                    behaviour.wrong_range -= 1
                    claimed += 1
                self.send_header("Content-Range", f"bytes {claimed}-{len(data) - 1}/{len(data)}")
            else:
                self.send_response(200)
            body = data[start:]
            if behaviour.corrupt:
                body = bytes(b ^ 0xFF for b in body)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            limit = len(body) if behaviour.drop_after is None else behaviour.drop_after
            sent = 0
            try:
                while sent < min(limit, len(body)):
                    chunk = body[sent : min(sent + 65536, limit)]
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    sent += len(chunk)
                    if behaviour.delay_per_chunk:
                        time.sleep(behaviour.delay_per_chunk)
            except (BrokenPipeError, ConnectionResetError):
                return
            if sent < len(body):
                self.close_connection = True

        def _empty(self, status: int) -> None:
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return state, server
