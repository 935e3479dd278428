"""Lesson 02's figures in Python: a thread's start and join, a thread pool
of 2, downloads from a slow site with a pool of 16 threads, and a CPU-bound
loop on 2 threads against 1, where the GIL lets one thread at a time run
Python code. The Go twins are in l02_threads.go; the site is the Go side's
(threads.NewImageSite, site=URL on the command line), so that both
download from the same one. The python-threads example of lesson 02 runs
this program too.

    python3 l02_threads.py thread-start-join=2000,1 site=http://127.0.0.1:8000 download=64,1
"""

import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from common import busy, main, noop, per_op, timed

WARM = 100
DOWNLOAD_WORKERS = 16


def thread_start_join(n, env):
    def job():
        for _ in range(n):
            t = threading.Thread(target=noop, args=(0,))
            t.start()
            t.join()
    return per_op(n, job)


def thread_pool_map(n, env):
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(noop, range(WARM)))
        return per_op(n, lambda: list(pool.map(noop, range(n))))


def fetch(url):
    with urllib.request.urlopen(url) as r:
        return r.read()


def download(n, env):
    urls = [f"{env['site']}/images/{i}.jpg" for i in range(n)]
    with ThreadPoolExecutor(DOWNLOAD_WORKERS) as pool:
        return timed(lambda: list(pool.map(fetch, urls)))


def cpu_threads(n, env, workers):
    ts = [threading.Thread(target=busy, args=(n // workers,)) for _ in range(workers)]

    def run():
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    return timed(run)


FIGURES = {
    "thread-start-join": thread_start_join,
    "thread-pool-map": thread_pool_map,
    "download": download,
    "cpu-threads": cpu_threads,
}

if __name__ == "__main__":
    main(FIGURES)
