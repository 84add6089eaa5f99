"""Offline launcher for the ``bqemulator`` BigQuery emulator (PyPI).

Why a launcher instead of ``bqemulator start``:

* ``DuckDBEngine._load_spatial`` runs ``INSTALL spatial`` at start-up, which
  downloads the extension from extensions.duckdb.org and aborts start-up when
  there is no network. We replace it with a best-effort version: use the
  extension if it is already installed locally, otherwise log a warning and
  carry on (only GEOGRAPHY / ST_* functions are lost).
* The ``avro`` extension is disabled (``enable_format_extensions=False``) for
  the same reason; only AVRO load/extract jobs are affected.
* Time travel is off unless BQEMU_TIME_TRAVEL=1: bqemulator copies the whole
  table into a snapshot table after every write (for ``FOR SYSTEM_TIME AS
  OF``), so a long run of small commits costs time and memory quadratic in
  the table size (a 1,000,000-row exactly-once run filled 21 GB of RAM and
  42 GB of DuckDB spill files). The tests never query the past. Explicit
  ``CREATE SNAPSHOT TABLE`` still works.
* We need the ports that were actually bound (port 0 = pick a free one) on a
  single machine-readable stdout line:

      READY rest=127.0.0.1:PORT grpc=127.0.0.1:PORT project=PROJECT

Everything binds to 127.0.0.1. Logs go to stderr. Runs until SIGTERM/SIGINT
(or, with --exit-on-stdin-eof, until stdin is closed, e.g. because the parent died).

Usage: launch.py [--rest-port N] [--grpc-port N] [--project ID] [--log-level L]
                 [--exit-on-stdin-eof]
Env fallbacks: BQEMU_REST_PORT, BQEMU_GRPC_PORT, BQEMU_DEFAULT_PROJECT_ID,
BQEMU_LOG_LEVEL (defaults: 0, 0, test-project, warning); BQEMU_TIME_TRAVEL=1
keeps the emulator's automatic snapshots.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import threading

HOST = "127.0.0.1"
_READY_OUT = sys.stdout


def _disable_auto_snapshots() -> None:
    from bqemulator.versioning import snapshots as snapshots_mod

    capture = snapshots_mod.SnapshotManager.capture

    def _capture_user_only(self, project_id, dataset_id, table_id, *, kind="AUTO"):  # type: ignore[no-untyped-def]
        # None is what capture returns for a table that is gone: callers carry on.
        if kind == "AUTO":
            return None
        return capture(self, project_id, dataset_id, table_id, kind=kind)

    snapshots_mod.SnapshotManager.capture = _capture_user_only  # type: ignore[method-assign]


def _patch_spatial() -> None:
    from bqemulator.storage import engine as engine_mod

    log = engine_mod._log  # noqa: SLF001 - module logger

    def _load_spatial_offline(self: engine_mod.DuckDBEngine) -> None:
        conn = self._connection  # noqa: SLF001
        if conn is None:
            return
        try:
            # LOAD (without INSTALL) never touches the network; it works when
            # the extension was installed into ~/.duckdb beforehand.
            conn.execute("LOAD spatial")
        except Exception as exc:  # noqa: BLE001
            log.warning(
                "duckdb.spatial_unavailable_offline",
                error=str(exc).splitlines()[0],
                note="GEOGRAPHY/ST_* functions disabled; everything else works",
            )

    engine_mod.DuckDBEngine._load_spatial = _load_spatial_offline  # type: ignore[method-assign]


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        sys.exit(f"bqemulator launcher: invalid {name}={raw!r}")


async def _main(args: argparse.Namespace) -> None:
    from bqemulator.config import LogFormat, LogLevel, PersistenceMode, Settings
    from bqemulator.server import EmulatorServer

    settings = Settings(
        rest_host=HOST,
        rest_port=args.rest_port,
        grpc_host=HOST,
        grpc_port=args.grpc_port,
        persistence_mode=PersistenceMode.EPHEMERAL,
        default_project_id=args.project,
        enable_format_extensions=False,
        log_level=LogLevel(args.log_level),
        log_format=LogFormat.JSON,
        metrics_enabled=False,
        tracing_enabled=False,
    )
    server = EmulatorServer(settings)
    await server.start()
    if server.grpc_port == 0:
        await server.stop()
        sys.exit(f"bqemulator launcher: could not bind gRPC on {HOST}:{args.grpc_port}")

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    if args.exit_on_stdin_eof:

        def _watch_stdin() -> None:
            try:
                while sys.stdin.buffer.read(65536):
                    pass
            finally:
                loop.call_soon_threadsafe(stop.set)

        threading.Thread(target=_watch_stdin, name="stdin-watch", daemon=True).start()

    _READY_OUT.write(
        f"READY rest={HOST}:{server.rest_port} grpc={HOST}:{server.grpc_port} "
        f"project={args.project}\n"
    )
    _READY_OUT.flush()
    try:
        await stop.wait()
    finally:
        await server.stop()


def main() -> None:
    # Keep stdout for the READY line only: some bqemulator modules log through
    # structlog's default PrintLogger (stdout) before logging is configured.
    global _READY_OUT
    _READY_OUT = sys.stdout
    sys.stdout = sys.stderr
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rest-port", type=int, default=_env_int("BQEMU_REST_PORT", 0))
    parser.add_argument("--grpc-port", type=int, default=_env_int("BQEMU_GRPC_PORT", 0))
    parser.add_argument(
        "--project", default=os.environ.get("BQEMU_DEFAULT_PROJECT_ID", "test-project")
    )
    parser.add_argument(
        "--log-level",
        default=os.environ.get("BQEMU_LOG_LEVEL", "warning").lower(),
        choices=["trace", "debug", "info", "warning", "error", "critical"],
    )
    parser.add_argument(
        "--exit-on-stdin-eof",
        action="store_true",
        help="also shut down when stdin reaches EOF (parent died or closed the pipe)",
    )
    args = parser.parse_args()
    _patch_spatial()
    if os.environ.get("BQEMU_TIME_TRAVEL") != "1":
        _disable_auto_snapshots()
    asyncio.run(_main(args))


if __name__ == "__main__":
    main()
