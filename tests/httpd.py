#!/usr/bin/env python3
"""A small HTTP server for lede's fetcher tests, standard library only.

Usage: httpd.py PORTFILE LOGFILE [LIFETIME_SECONDS [CERT KEY]]

Binds 127.0.0.1 on a port the kernel picks, writes the port to PORTFILE once
it listens, appends "PATH<TAB>USER-AGENT<TAB>ACCEPT-ENCODING" for each request to LOGFILE, and
exits by itself after LIFETIME_SECONDS (default 120) whatever happens, so a
test that dies cannot leave it behind for long. Given a certificate and its
key, it also serves the same paths over TLS on a second port, written to
PORTFILE.tls before PORTFILE appears. Each path below is one
misbehaviour a real server might show.
"""
import gzip
import http.server
import os
import socketserver
import ssl
import sys
import threading
import time
import zlib

PLAIN = b"Hello from the plain page.\nIt has two paragraphs of plain text.\n"
GZIP_TEXT = b"This page travelled gzip-compressed and arrived whole.\n"
# Windows-1252: left and right double quotes (0x93, 0x94) and a pound sign
# (0xA3), with the encoding declared only in the HTTP header.
CP1252_HTML = (b"<!DOCTYPE html><html><head><title>Prices</title></head><body>"
               b"<article><h1>Prices</h1><p>\x93It costs \xa325 a week,\x94 the "
               b"shopkeeper said on Tuesday, standing beside the old till in "
               b"the market hall where she has worked for thirty years.</p>"
               b"<p>Her neighbours said the same of their own stalls, and the "
               b"council promised to look again at the rents next spring.</p>"
               b"</article></body></html>")


def bomb(inflated):
    """A gzip body that inflates to `inflated` zero bytes, built in pieces
    so the server never holds the inflated form."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    parts = []
    for _ in range(inflated >> 20):
        parts.append(z.compress(chunk))
    parts.append(z.flush())
    return b"".join(parts)


BOMB = bomb(1 << 28)   # 256 MiB of zeros in about 260 kB


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, ctype, body, extra=()):
        self.send_response(status)
        if ctype is not None:
            self.send_header("Content-Type", ctype)
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, status, where):
        self.send(status, "text/html", b"<p>moved</p>", [("Location", where)])

    def endless(self, ctype, piece, delay):
        """Sends piece forever (until the client goes), no length given."""
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            while True:
                self.wfile.write(piece)
                self.wfile.flush()
                if delay:
                    time.sleep(delay)
        except OSError:
            pass

    def do_GET(self):
        with open(self.server.logfile, "a") as log:
            log.write("%s\t%s\t%s\n" % (self.path, self.headers.get("User-Agent", ""),
                                         self.headers.get("Accept-Encoding", "")))
        path = self.path
        proxied = path.startswith("http://")
        if proxied:
            # Asked as a proxy: answer for the absolute URL's path.
            path = "/" + path.split("/", 3)[3] if path.count("/") >= 3 else "/"
        path = path.split("?", 1)[0]
        if path == "/plain":
            self.send(200, "text/plain; charset=utf-8", PLAIN)
        elif path == "/proxied" and proxied:
            self.send(200, "text/plain", b"Answered by the proxy.\n")
        elif path == "/ua":
            ua = self.headers.get("User-Agent", "").encode("ascii", "replace")
            self.send(200, "text/plain", b"The user agent was " + ua + b".\n")
        elif path == "/r1":
            self.redirect(301, "/r2")
        elif path == "/r2":
            self.redirect(302, "http://127.0.0.1:%d/r3" % self.server.server_port)
        elif path == "/r3":
            self.redirect(307, "plain")
        elif path.startswith("/loop"):
            self.redirect(302, "/loop")
        elif path == "/tofile":
            self.redirect(302, "file:///etc/passwd")
        elif path == "/toescape":
            self.redirect(302, "/plain?\x1b[31mred\x07")
        elif path == "/tohigh":
            self.redirect(302, "/plain?caf\xe9 au lait")
        elif path == "/toftp":
            self.redirect(301, "ftp://127.0.0.1/pub/")
        elif path == "/gzip":
            self.send(200, "text/plain", gzip.compress(GZIP_TEXT),
                      [("Content-Encoding", "gzip")])
        elif path == "/deflate":
            self.send(200, "text/plain", zlib.compress(GZIP_TEXT),
                      [("Content-Encoding", "deflate")])
        elif path == "/badgzip":
            self.send(200, "text/plain", b"\x1f\x8b\x08\x00garbage, not gzip",
                      [("Content-Encoding", "gzip")])
        elif path == "/bomb":
            self.send(200, "text/html", BOMB, [("Content-Encoding", "gzip")])
        elif path == "/404":
            self.send(404, "text/html", b"<p>no such page</p>")
        elif path == "/500":
            self.send(500, "text/html", b"<p>broken</p>")
        elif path == "/418":
            self.send_response(418, "")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/png":
            self.send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64))
        elif path == "/cp1252":
            self.send(200, "text/html; charset=windows-1252", CP1252_HTML)
        elif path == "/badcharset":
            self.send(200, "text/plain; charset=\"x\x1b[31m\"", PLAIN)
        elif path == "/xhtml":
            self.send(200, "application/xhtml+xml; charset=UTF-8", PLAIN)
        elif path == "/notype":
            self.send(200, None, PLAIN)
        elif path == "/empty":
            self.send(200, "text/html", b"")
        elif path == "/drip":
            self.endless("text/plain", b"x", 1.0)
        elif path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"a few bytes, then nothing")
            self.wfile.flush()
            time.sleep(60)
        elif path == "/silent":
            time.sleep(60)
            self.close_connection = True
        elif path == "/endless":
            self.endless("text/plain", b"endless text " * 5000, 0)
        elif path == "/endlessheaders":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.flush_headers()
            try:
                while True:
                    self.wfile.write(b"X-Filler: " + b"h" * 1000 + b"\r\n")
            except OSError:
                pass
            self.close_connection = True
        elif path in ("/hugelength", "/hugelength404"):
            self.send_response(404 if path.endswith("404") else 200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(1 << 40))
            self.end_headers()
            self.close_connection = True
        elif path == "/quotedcharset":
            self.send(200, 'text/html;Charset="ISO-8859-1"', PLAIN)
        else:
            self.send(404, "text/plain", b"unknown test path\n")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # Clients hanging up mid-body is what half these paths are for.
        pass


def main():
    portfile, logfile = sys.argv[1], sys.argv[2]
    lifetime = float(sys.argv[3]) if len(sys.argv) > 3 else 120.0
    # The hard stop comes first, so nothing below can outlive it.
    threading.Timer(lifetime, lambda: os._exit(0)).start()
    srv = Server(("127.0.0.1", 0), Handler)
    srv.logfile = logfile
    if len(sys.argv) > 5:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[4], sys.argv[5])
        tls = Server(("127.0.0.1", 0), Handler)
        tls.logfile = logfile
        tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
        with open(portfile + ".tls", "w") as f:
            f.write("%d\n" % tls.server_port)
        threading.Thread(target=tls.serve_forever, daemon=True).start()
    tmp = portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_port)
    os.rename(tmp, portfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()
