"""Import throughput: `tousu import` of a demo-data CSV into a fresh database, then a re-import.

Usage: .venv/bin/python benchmarks/bench_import.py [--rows 100000] [--db sqlite|postgres]

The file is made once from the synthetic demo generator (cached under benchmarks/out/) so content lengths
and the mix of personal fields look like real registers. Each import runs as its own `tousu import`
process, so the timings include start-up and the peak memory is that process's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
TOUSU = [sys.executable, "-m", "tousu.cli"]


def make_file(rows: int) -> Path:
    from tousu.demo import DemoConfig, generate_demo
    from tousu.intake import write_complaints

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"import_{rows}.csv"
    if not path.exists():
        dataset = generate_demo(DemoConfig(complaints=rows, seed=101))
        write_complaints(path, dataset.records)
    return path


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, dict[str, int]]:
    """Wall seconds, peak RSS in MB of the child, and the JSON summary it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(TOUSU + args, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"tousu {' '.join(args)} failed:\n{done.stderr}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak, json.loads(done.stdout.strip().splitlines()[-1])


def database_url(kind: str, workdir: Path) -> tuple[str, object]:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.db'}", None
    from sqlalchemy import create_engine, text

    admin = create_engine(
        os.environ.get("TOUSU_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test").replace(
            "postgresql://", "postgresql+psycopg://"
        ),
        isolation_level="AUTOCOMMIT",
    )
    name = f"tousu_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return admin.url.set(database=name).render_as_string(hide_password=False), (admin, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    options = parser.parse_args()

    source = make_file(options.rows)
    size_mb = source.stat().st_size / 1e6
    runs = []
    for label, extra in (("import", ["--no-analyze"]), ("+analysis", [])):
        with tempfile.TemporaryDirectory() as workdir:
            url, cleanup = database_url(options.db, Path(workdir))
            env = dict(os.environ, TOUSU_DATABASE_URL=url)
            subprocess.run(TOUSU + ["init"], env=env, check=True, capture_output=True)
            runs.append((label, run(["import", str(source), "--json", *extra], env)))
            if label == "import":
                runs.append(("re-import", run(["import", str(source), "--json", *extra], env)))
            if cleanup is not None:
                from sqlalchemy import text

                admin, name = cleanup
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))

    print(
        f"\nImport benchmark: {options.rows:,} rows, {size_mb:.1f} MB CSV, database {options.db}, "
        f"{os.cpu_count()} cores"
    )
    print("import = store only (--no-analyze); +analysis = store and analyse every complaint (the default)")
    print(f"{'run':<12}{'seconds':>10}{'rows/s':>12}{'peak RSS MB':>14}  summary")
    for name, (seconds, peak, summary) in runs:
        print(f"{name:<12}{seconds:>10.1f}{options.rows / seconds:>12,.0f}{peak:>14.0f}  {json.dumps(summary)}")
    first = runs[0][1][0]
    if options.db == "sqlite":  # the target is the embedded default's; PostgreSQL is measured for comparison
        target = "met" if first < 60 * options.rows / 100_000 else "NOT met"
        print(f"target: 100,000 rows stored in under 60 s on SQLite -> {target} ({first:.1f} s for {options.rows:,})")


if __name__ == "__main__":
    main()
