"""Notes when the first AWS call arrives: an HTTP listener on a free 127.0.0.1 port that writes the time of the first
request (nanoseconds since the epoch, the clock `date +%s%N` reads) and the operation it asked for into OUT, then
answers every request 503, so the client retries until the benchmark stops it.

    python3 bench/first_call.py PORT_FILE OUT
"""
import http.server
import os
import re
import sys
import threading
import time

port_file, out = sys.argv[1], sys.argv[2]
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def handle_request(self):
        arrived = time.time_ns()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        target = self.headers.get("X-Amz-Target")
        action = re.search(r"(?:^|&)Action=([A-Za-z]+)", body)
        operation = target or (action.group(1) if action else self.command + " " + self.path)
        with lock:
            if not os.path.exists(out):
                with open(out + ".tmp", "w") as f:
                    f.write(f"{arrived} {operation}\n")
                os.replace(out + ".tmp", out)
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_request

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.replace(port_file + ".tmp", port_file)
server.serve_forever()
