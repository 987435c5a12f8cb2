"""
Load against a running server: wrk when installed (installed with apt-get if possible), else a
small Python generator (threads, keep-alive) that says so. Each run returns requests per second,
p50/p99 latency in milliseconds, the number of requests and of non-2xx answers. A POST sends a
distinct body each time: `{n}` in its template is replaced by the request's number.
"""

import http.client
import itertools
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

CONNECTIONS = 8


def ensure_wrk():
    if shutil.which("wrk"):
        return True
    print("wrk is missing: trying `apt-get install -y wrk`...", file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], capture_output=True, check=False)
    if shutil.which("wrk"):
        return True
    print("wrk unavailable: falling back to the Python load generator (slower, less exact).", file=sys.stderr)
    return False


def run(url, duration, *, headers=(), post_template=None, use_wrk=True, connections=CONNECTIONS):
    if use_wrk:
        return _wrk(url, duration, headers, post_template, connections)
    return _python(url, duration, headers, post_template, connections)


# Each request's body: the template with {n} replaced by a counter of its own.
POST_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local template = [[%s]]
local counter = 0
request = function()
  counter = counter + 1
  local body = string.gsub(template, "{n}", tostring(counter))
  return wrk.format(nil, nil, nil, body)
end
"""


def _wrk(url, duration, headers, post_template, connections):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url]
    for header in headers:
        command[1:1] = ["-H", header]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if post_template is not None:
            script.write(POST_SCRIPT % post_template)
            script.flush()
            command[1:1] = ["-s", script.name]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def _ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def _python(url, duration, headers, post_template, connections):
    match = re.match(r"http://([^/:]+):(\d+)(/.*)", url)
    host, port, path = match.group(1), int(match.group(2)), match.group(3)
    header_dict = dict(header.split(": ", 1) for header in headers)
    if post_template is not None:
        header_dict["Content-Type"] = "application/json"
    latencies, errors, stop = [], [0], time.monotonic() + duration
    numbers = itertools.count(1)

    def client():
        connection = http.client.HTTPConnection(host, port)
        while time.monotonic() < stop:
            began = time.perf_counter()
            body = post_template.replace("{n}", str(next(numbers))) if post_template else None
            connection.request("POST" if body else "GET", path, body=body, headers=header_dict)
            response = connection.getresponse()
            response.read()
            latencies.append((time.perf_counter() - began) * 1000)
            errors[0] += response.status >= 300

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / duration,
        "p50": cuts[49],
        "p99": cuts[98],
        "requests": len(latencies),
        "errors": errors[0],
    }
