"""Shared pieces of the HTTP benchmarks: servers as subprocesses, signed load, stats, results.

Everything talks to 127.0.0.1 only. Servers are started the way tests/conftest.py starts
`hirebot serve` (a subprocess with the app's environment, ready when GET /healthz answers);
the bare baseline (bench/bare_app.py) is served the same way: gunicorn gthread, the same
workers and threads, the same slack_bolt.adapter.wsgi.SlackRequestHandler.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import platform
import socket
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.slackkit import BOT_TOKEN, SIGNING_SECRET, sign  # noqa: E402

RESULTS = ROOT / "bench" / "results"
HOST = "127.0.0.1"


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def app_env(db_url: str, slack_url: str, **extra: str) -> dict[str, str]:
    """The environment tests/conftest.py gives a Hirebot process (sources pointed at a dead port)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "HIREBOT_", "GITHUB_", "HF_"))}
    env |= {"DATABASE_URL": db_url, "SLACK_API_URL": slack_url, "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET, "HIREBOT_LOG_LEVEL": "INFO", "HIREBOT_SLACK_MAX_RETRIES": "2",
            "HIREBOT_SOURCE_MAX_WAIT": "0", "GITHUB_API_URL": "http://127.0.0.1:9/github",
            "HF_API_URL": "http://127.0.0.1:9/hf", "ARXIV_API_URL": "http://127.0.0.1:9/arxiv"}
    return env | extra


class Server:
    """A server subprocess on a free port, ready when GET /healthz answers 200."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log_path: Path, *, workers: int,
                 threads: int, timeout: float = 60):
        self.name = name
        self.port = free_port()
        self.log_path = log_path
        self._log = open(log_path, "w")
        env = env | {"PORT": str(self.port), "HIREBOT_WEB_WORKERS": str(workers),
                     "HIREBOT_WEB_THREADS": str(threads)}
        started = time.monotonic()
        self.proc = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = started + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{name} exited: {log_path.read_text()[-3000:]}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    conn.close()
                    self.startup_s = time.monotonic() - started
                    return
                conn.close()
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{name} did not come up: {log_path.read_text()[-3000:]}")

    def stop(self) -> None:
        """SIGTERM the gunicorn master (it stops its workers); kill it if it lingers."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._log.close()

    def log_tail(self, n: int = 2000) -> str:
        """The end of what the server printed."""
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text()[-n:]


def start_hirebot(db_url: str, slack_url: str, log_dir: Path, *, workers: int, threads: int, name: str = "hirebot") -> Server:
    """`hirebot serve` (gunicorn gthread) on a free port."""
    return Server(name, [sys.executable, "-m", "bot.runtime.cli", "serve"], app_env(db_url, slack_url), log_dir / f"{name}.log",
                  workers=workers, threads=threads)


def start_bare(slack_url: str, log_dir: Path, *, workers: int, threads: int, name: str = "bare") -> Server:
    """The bare Bolt baseline (bench/bare_app.py), served the same way."""
    return Server(name, [sys.executable, str(ROOT / "bench" / "bare_app.py")], app_env("sqlite://", slack_url),
                  log_dir / f"{name}.log", workers=workers, threads=threads)


# -- load ------------------------------------------------------------------------------------
@dataclass
class Target:
    """What to send where: one slash command to one server, and a check on each reply."""

    label: str
    port: int
    command: str
    texts: list[str]
    team_id: str
    expect: str  # a substring every 200 reply must contain

    def body(self, i: int) -> str:
        """The form body Slack sends for a slash command (the fields tests/slackkit.py sends)."""
        return urlencode({
            "token": "deprecated-verification-token", "team_id": self.team_id, "team_domain": "acme-ml",
            "enterprise_id": "", "enterprise_name": "", "channel_id": "C0HIRING", "channel_name": "hiring-ml",
            "user_id": "U0SAM", "user_name": "sam", "command": self.command, "text": self.texts[i % len(self.texts)],
            "api_app_id": "A0HIREBOT", "is_enterprise_install": "false",
            "response_url": f"http://{HOST}:9/response/bench", "trigger_id": "1337.42.abcdef",
        })


@dataclass
class Run:
    """Latencies (seconds) of one run, plus what went wrong."""

    label: str
    mode: str
    clients: int
    latencies: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    errors: int = 0
    bad_replies: int = 0
    reply_bytes: int = 0
    first_error: str | None = None

    def summary(self) -> dict[str, Any]:
        """Median, p99, max (ms) and requests per second."""
        lat = sorted(self.latencies)
        n = len(lat)
        pct = lambda q: lat[max(0, math.ceil(q * n) - 1)] * 1000 if n else float("nan")  # noqa: E731 - nearest rank
        return {"label": self.label, "mode": self.mode, "clients": self.clients, "n": n, "errors": self.errors,
                "bad_replies": self.bad_replies, "median_ms": round(pct(0.5), 2), "p90_ms": round(pct(0.90), 2),
                "p99_ms": round(pct(0.99), 2), "max_ms": round(lat[-1] * 1000, 2) if n else None,
                "req_per_s": round(n / self.wall_s, 1) if self.wall_s else None,
                "reply_bytes": self.reply_bytes, "first_error": self.first_error}


def _one(target: Target, i: int, conn: http.client.HTTPConnection | None) -> tuple[float, int, bytes]:
    body = target.body(i)
    headers = {"Content-Type": "application/x-www-form-urlencoded"} | sign(body)
    if conn is None:
        headers["Connection"] = "close"
        c = http.client.HTTPConnection(HOST, target.port, timeout=30)
    else:
        c = conn
    started = time.perf_counter()
    c.request("POST", "/slack/events", body=body.encode(), headers=headers)
    resp = c.getresponse()
    data = resp.read()
    elapsed = time.perf_counter() - started
    if conn is None:
        c.close()
    return elapsed, resp.status, data


def _record(run: Run, target: Target, result: tuple[float, int, bytes] | Exception) -> None:
    if isinstance(result, Exception):
        run.errors += 1
        run.first_error = run.first_error or f"{type(result).__name__}: {result}"
        return
    elapsed, status, data = result
    if status != 200:
        run.errors += 1
        run.first_error = run.first_error or f"HTTP {status}: {data[:200]!r}"
        return
    if target.expect.encode() not in data:
        run.bad_replies += 1
        run.first_error = run.first_error or f"unexpected reply: {data[:300]!r}"
    run.reply_bytes = len(data)
    run.latencies.append(elapsed)


def sequential(target: Target, n: int, *, keepalive: bool = False) -> Run:
    """One client, one request at a time."""
    run = Run(target.label, "sequential", 1)
    conn = http.client.HTTPConnection(HOST, target.port, timeout=30) if keepalive else None
    started = time.perf_counter()
    for i in range(n):
        try:
            _record(run, target, _one(target, i, conn))
        except Exception as exc:  # noqa: BLE001 - a failed request is a measured error, not a crash
            _record(run, target, exc)
            if conn is not None:
                conn.close()
                conn = http.client.HTTPConnection(HOST, target.port, timeout=30)
    run.wall_s = time.perf_counter() - started
    if conn is not None:
        conn.close()
    return run


def concurrent(target: Target, n: int, clients: int, *, keepalive: bool = False) -> Run:
    """`clients` threads, each sending its next request as soon as the last one was answered, until n are done."""
    run = Run(target.label, "concurrent", clients)
    lock = threading.Lock()
    counter = iter(range(n))
    barrier = threading.Barrier(clients + 1)

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, target.port, timeout=30) if keepalive else None
        barrier.wait()
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            try:
                result: Any = _one(target, i, conn)
            except Exception as exc:  # noqa: BLE001
                result = exc
                if conn is not None:
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, target.port, timeout=30)
            with lock:
                _record(run, target, result)
        if conn is not None:
            conn.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    run.wall_s = time.perf_counter() - started
    return run


def warm_up(target: Target, n: int, clients: int = 8) -> Run:
    """Reach every worker and thread (imports, templates, connection pools) before measuring."""
    run = concurrent(target, n, clients)
    if run.errors or run.bad_replies:
        raise RuntimeError(f"warm-up of {target.label} failed: {run.first_error}")
    return run


def merge(runs: list[Run]) -> Run:
    """Pool the latencies of repeated runs of the same target and mode."""
    out = Run(runs[0].label, runs[0].mode, runs[0].clients)
    for r in runs:
        out.latencies += r.latencies
        out.wall_s += r.wall_s
        out.errors += r.errors
        out.bad_replies += r.bad_replies
        out.reply_bytes = r.reply_bytes
        out.first_error = out.first_error or r.first_error
    return out


# -- output ----------------------------------------------------------------------------------
def table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> str:
    """A plain text table: columns are (key, header)."""
    cells = [[h for _, h in columns]] + [["" if r.get(k) is None else _fmt(r.get(k)) for k, _ in columns] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = []
    for j, row in enumerate(cells):
        lines.append("  ".join(c.rjust(w) if j and _numeric(c) else c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:,.2f}" if abs(v) < 100 else f"{v:,.1f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _numeric(s: str) -> bool:
    return bool(s) and s.replace(",", "").replace(".", "").replace("-", "").replace("x", "").isdigit()


def ratio(a: float | None, b: float | None) -> float | None:
    """a / b rounded, None when either is missing."""
    if not a or not b:
        return None
    return round(a / b, 2)


def machine() -> dict[str, Any]:
    """Where and with what the figures were measured."""
    from importlib.metadata import version

    def v(pkg: str) -> str | None:
        try:
            return version(pkg)
        except Exception:  # noqa: BLE001 - an absent package is just not reported
            return None

    def git(*args: str) -> str | None:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except Exception:  # noqa: BLE001 - not a git checkout: just not reported
            return None

    return {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
            "git_head": git("rev-parse", "--short", "HEAD"),
            "git_dirty_files": len((git("status", "--porcelain") or "").splitlines()),
            "python": platform.python_version(), "platform": platform.platform(),
            "packages": {p: v(p) for p in ("slack_bolt", "slack_sdk", "gunicorn", "sqlalchemy", "psycopg", "httpx",
                                           "graphql-core")}}


def write_results(name: str, data: dict[str, Any]) -> Path:
    """bench/results/NAME.json (gitignored)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"benchmark": name, "machine": machine()} | data, indent=2, default=_default))
    return path


def _default(o: Any) -> Any:
    if hasattr(o, "__dataclass_fields__"):
        return asdict(o)
    return str(o)


def stopwatch() -> Callable[[], float]:
    """Seconds since this call, each time the returned function is called."""
    t0 = time.perf_counter()
    return lambda: time.perf_counter() - t0


def measure(targets: list[Target], *, seq: int, conc: int, clients: int, rounds: int, keepalive: bool,
            progress: Callable[[str], None] = lambda s: print(s, file=sys.stderr, flush=True)) -> dict[tuple[str, str], Run]:
    """Sequential then concurrent runs of every target, in `rounds` rounds whose order alternates
    (A B, then B A, ...) so drift on the machine does not favour one side; runs are pooled."""
    per: dict[tuple[str, str], list[Run]] = {}
    seq_round, conc_round = max(1, seq // rounds), max(1, conc // rounds)
    for r in range(rounds):
        order = targets if r % 2 == 0 else list(reversed(targets))
        for t in order:
            run = sequential(t, seq_round, keepalive=keepalive)
            per.setdefault((t.label, "sequential"), []).append(run)
            progress(f"  round {r + 1}: {t.label:45s} sequential  median {run.summary()['median_ms']:7.2f} ms")
        for t in order:
            run = concurrent(t, conc_round, clients, keepalive=keepalive)
            per.setdefault((t.label, "concurrent"), []).append(run)
            s = run.summary()
            progress(f"  round {r + 1}: {t.label:45s} {clients} clients  p99 {s['p99_ms']:7.2f} ms  {s['req_per_s']} req/s")
    return {k: merge(v) for k, v in per.items()}


LATENCY_COLUMNS = [("label", "target"), ("mode", "mode"), ("clients", "clients"), ("n", "n"), ("errors", "errors"),
                   ("median_ms", "median ms"), ("p90_ms", "p90 ms"), ("p99_ms", "p99 ms"), ("max_ms", "max ms"),
                   ("req_per_s", "req/s"), ("reply_bytes", "reply bytes")]


def compare(ours: dict[str, Any], base: dict[str, Any], what: str) -> dict[str, Any]:
    """Ratios ours / baseline for one mode (req/s: ours / baseline too, so < 1 means fewer)."""
    return {"compare": what, "mode": ours["mode"], "median_x": ratio(ours["median_ms"], base["median_ms"]),
            "p99_x": ratio(ours["p99_ms"], base["p99_ms"]), "req_per_s_x": ratio(ours["req_per_s"], base["req_per_s"]),
            "p99_ms": ours["p99_ms"], "baseline_p99_ms": base["p99_ms"]}


RATIO_COLUMNS = [("compare", "Hirebot / bare"), ("mode", "mode"), ("median_x", "median x"), ("p99_x", "p99 x"),
                 ("req_per_s_x", "req/s x")]


class CpuWatch:
    """How busy the whole machine was during a run, and how much of that was this process tree.

    Other sessions share this machine; when they use a noticeable share of the CPUs the figures
    are noisier (and slower), so every benchmark records it. `own` counts this process and the
    children it has reaped (servers are reaped when stopped); the local PostgreSQL server's CPU
    is counted apart (it works for us, but other sessions may use it too).
    """

    def __init__(self) -> None:
        self.hz = os.sysconf("SC_CLK_TCK")
        self.cpus = os.cpu_count() or 1
        self._busy0, self._own0, self._pg0, self._t0 = self._busy(), self._own(), self._postgres(), time.monotonic()
        self.load_start = os.getloadavg()

    @staticmethod
    def _busy() -> float:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        return float(sum(fields[:8]) - idle)

    def _postgres(self) -> float:
        """CPU seconds of the local PostgreSQL server: live postgres processes plus what the
        postmaster has reaped (backends come and go with connections)."""
        total = 0.0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    raw = f.read()
            except OSError:
                continue
            comm = raw[raw.index("(") + 1:raw.rindex(")")]
            if comm not in ("postgres", "postmaster"):
                continue
            fields = raw[raw.rindex(")") + 2:].split()
            utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
            total += utime + stime
            parent_is_pg = False
            try:
                with open(f"/proc/{fields[1]}/comm") as f:
                    parent_is_pg = f.read().strip() in ("postgres", "postmaster")
            except OSError:
                pass
            if not parent_is_pg:  # the postmaster: add its reaped children
                total += cutime + cstime
        return total / self.hz

    @staticmethod
    def _own() -> float:
        import resource

        s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime

    def result(self) -> dict[str, Any]:
        """Seconds of CPU the machine spent, how much was ours, and the load averages."""
        wall = time.monotonic() - self._t0
        busy = (self._busy() - self._busy0) / self.hz
        own = self._own() - self._own0
        pg = max(0.0, self._postgres() - self._pg0)
        other = max(0.0, busy - own - pg)
        return {"wall_s": round(wall, 1), "machine_busy_cpu_s": round(busy, 1), "own_cpu_s": round(own, 1),
                "postgres_cpu_s": round(pg, 1), "other_cpu_s": round(other, 1),
                "other_share_of_capacity": round(other / (wall * self.cpus), 3),
                "loadavg_start": [round(x, 2) for x in self.load_start],
                "loadavg_end": [round(x, 2) for x in os.getloadavg()]}

    def warning(self, result: dict[str, Any], *, threshold: float = 0.1) -> str | None:
        """A line to print when other work took more than `threshold` of the CPUs."""
        if result["other_share_of_capacity"] > threshold:
            return (f"NOTE: other processes used {result['other_share_of_capacity']:.0%} of the CPUs during this run "
                    f"({result['other_cpu_s']} CPU-s, PostgreSQL not counted); figures are noisier")
        return None
