"""What concurrent.futures costs per task, for lesson 03's "What it costs".

Run from the repository root:

    python3 lessons/03-futures/examples/python-costs/costs.py

(go run ./lessons/03-futures/examples/python-costs runs it too.)

It maps a function that does nothing over many arguments on executors of
2 workers, as the Go benchmarks do, and prints the time per task. The pools
are started and warmed up before the clock starts.
"""

import concurrent.futures as cf
import os
import platform
import time


def noop(n):
    return n


def per_task(executor, n, **kwargs):
    """Seconds per task of executor.map(noop, range(n), **kwargs)."""
    list(executor.map(noop, range(1000), **kwargs))  # warm up
    start = time.perf_counter()
    for _ in executor.map(noop, range(n), **kwargs):
        pass
    return (time.perf_counter() - start) / n


def main():
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs")
    with cf.ThreadPoolExecutor(2) as ex:
        t = per_task(ex, 20_000)
        print(f"ThreadPoolExecutor(2).map:                 {t * 1e6:6.2f} µs per task")
    with cf.ProcessPoolExecutor(2) as ex:
        t = per_task(ex, 5_000)
        print(f"ProcessPoolExecutor(2).map, chunksize=1:   {t * 1e6:6.2f} µs per task")
        t = per_task(ex, 200_000, chunksize=256)
        print(f"ProcessPoolExecutor(2).map, chunksize=256: {t * 1e6:6.2f} µs per task")


if __name__ == "__main__":
    main()
