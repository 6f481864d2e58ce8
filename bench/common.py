"""Shared pieces of the load benchmark and the soak test.

Everything here runs on loopback only: a separate database (SQLite file under
``bench/out/`` or a ``*_bench`` / ``*_soak`` PostgreSQL database next to the one
``DATABASE_URL`` names), gunicorn on 127.0.0.1 and wrk as the load tool.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("BENCH_OUT") or ROOT / "bench" / "out")  # BENCH_OUT: run two benches side by side
PY = sys.executable
BENCH_SECRET = "bench-only-secret-key-3b9f0c1e5a7d4c2b8e6f1a0d9c8b7a6f5e4d3c2b1a09"


# ---------------------------------------------------------------- database


def bench_database_url(suffix):
    """A database of its own for the bench (``suffix`` "bench" or "soak").

    SQLite: ``bench/out/<suffix>.sqlite3``. PostgreSQL (``DATABASE_URL`` set):
    the same server, database ``<name>_<suffix>``.
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url or url.startswith("sqlite"):
        OUT.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{OUT / (suffix + '.sqlite3')}"
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "kumo"
    return urlunsplit(parts._replace(path=f"/{name}_{suffix}"))


def is_postgres(url):
    return url.startswith(("postgres://", "postgresql://", "pgsql://"))


def reset_database(url):
    """Start from nothing: delete the SQLite file, or drop and recreate the PostgreSQL database."""
    if not is_postgres(url):
        path = Path(urlsplit(url).path)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def server_env(database_url, **extra):
    """The environment of the app under load: production settings on plain HTTP loopback."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_ENV="production",
        SECRET_KEY=BENCH_SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="studynotes.settings",
        PYTHONPATH=str(ROOT),
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def setup_django(env):
    """Configure Django in this process with ``env`` (call once, before any model import)."""
    os.environ.update(env)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# ---------------------------------------------------------------- servers


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env, port, workers=2, log_path=None):
    OUT.mkdir(parents=True, exist_ok=True)
    log = open(log_path or OUT / f"gunicorn-{port}.log", "w")
    proc = subprocess.Popen(
        [PY, "-m", "gunicorn", "studynotes.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "sync", "--timeout", "60",
         "--graceful-timeout", "5", "--no-control-socket"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited early, see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                if r.status == 200:
                    return proc
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    stop_gunicorn(proc)
    raise RuntimeError(f"gunicorn did not answer /healthz on port {port}")


def stop_gunicorn(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def worker_pids(master_pid):
    """The gunicorn workers of one master (children in /proc)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == master_pid:
            pids.append(int(entry.name))
    return sorted(pids)


# ---------------------------------------------------------------- load tool


def ensure_wrk():
    """Debian's wrk, installed on first use (idempotent)."""
    if shutil.which("wrk"):
        return shutil.which("wrk")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], env=env, capture_output=True).returncode:
        subprocess.run([*sudo, "apt-get", "update", "-qq"], env=env, check=True)
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], env=env, check=True)
    return shutil.which("wrk")


def write_flow_file(path, requests):
    """``requests``: dicts with method, path, headers (dict) and body (str)."""
    with open(path, "w") as f:
        for r in requests:
            headers = " | ".join(f"{k}: {v}" for k, v in (r.get("headers") or {}).items())
            f.write(f"{r.get('method', 'GET')}\t{r['path']}\t{headers}\t{r.get('body') or ''}\n")


def run_wrk(port, flow_file, *, seconds=10, connections=20, threads=2, timeout=10):
    wrk = ensure_wrk()
    env = {**os.environ, "FLOW_FILE": str(flow_file), "FLOW_THREADS": str(threads)}
    result = subprocess.run(
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}s",
         "-s", str(ROOT / "bench" / "wrk" / "flow.lua"), f"http://127.0.0.1:{port}"],
        env=env, capture_output=True, text=True, timeout=seconds + 60,
    )
    return parse_wrk_output(result.stdout + result.stderr)


def parse_wrk_output(text):
    """The figures from the ``BENCH_JSON`` line that bench/wrk/flow.lua prints."""
    for line in text.splitlines():
        if line.startswith("BENCH_JSON "):
            raw = json.loads(line[len("BENCH_JSON "):])
            return summarise(raw)
    raise RuntimeError(f"wrk printed no figures:\n{text}")


def summarise(raw, floor_rps=None):
    seconds = raw["duration_us"] / 1e6 or 1
    bad_status = sum(n for code, n in raw.get("statuses", {}).items() if int(code) >= 400)
    socket_errors = raw["connect_errors"] + raw["read_errors"] + raw["write_errors"] + raw["timeouts"]
    stats = {
        "rps": round(raw["requests"] / seconds, 1),
        "requests": raw["requests"],
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "errors": max(bad_status, raw.get("status_errors", 0)) + socket_errors,
        "statuses": raw.get("statuses", {}),
    }
    if floor_rps:
        stats["ratio_to_floor"] = round(stats["rps"] / floor_rps, 3)
    return stats


def with_ratios(flows):
    floor = flows.get("floor", {}).get("rps")
    for stats in flows.values():
        if floor and "rps" in stats:
            stats["ratio_to_floor"] = round(stats["rps"] / floor, 3)
    return flows


def format_table(flows, targets=None):
    """A Markdown table of the flows (also what the terminal shows)."""
    targets = targets or {}
    lines = [
        "| flow | req/s | p50 ms | p95 ms | p99 ms | errors | ratio to floor | CPU ms/request | CPU ratio | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, s in flows.items():
        if "rps" not in s:
            lines.append(f"| {name} | — | — | — | — | — | — | — | — | {s.get('skipped', 'not run')} |")
            continue
        lines.append(
            f"| {name} | {s['rps']:,.0f} | {s['p50_ms']:.1f} | {s['p95_ms']:.1f} | {s['p99_ms']:.1f} | "
            f"{s['errors']} | {s.get('ratio_to_floor', 1):.2f} | "
            f"{s['cpu_ms'] if 'cpu_ms' in s else '—'} | "
            f"{format(s['cpu_ratio_to_floor'], '.2f') if 'cpu_ratio_to_floor' in s else '—'} | {targets.get(name, '')} |"
        )
    return "\n".join(lines)


def target_check(name, stats):
    """The issue's targets: every flow >= 10% of the floor, answers >= 25% and p95 < 50 ms, no errors."""
    if "rps" not in stats or name == "floor":
        return "" if name == "floor" else "not run"
    misses = []
    answer = "answer" in name
    ratio = stats.get("ratio_to_floor", 0)
    if ratio < (0.25 if answer else 0.10):
        misses.append(f"ratio < {'25' if answer else '10'}%")
    if answer and stats["p95_ms"] >= 50:
        misses.append("p95 >= 50 ms")
    if stats["errors"]:
        misses.append("errors")
    return "ok" if not misses else "MISS: " + ", ".join(misses)
