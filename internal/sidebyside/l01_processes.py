"""Lesson 01's figures in Python: multiprocessing's Pool (map, in chunks,
starmap), a Process's start and join, a Queue between processes, and
CPU-bound work on processes. The Go twins are in l01_processes.go.

    python3 l01_processes.py pool-map=2000,1 process-spawn=6,1
"""

import multiprocessing as mp

from common import busy, main, noop, per_op, timed

WARM = 100  # tasks that warm a pool up before the clock starts, on both sides
TASKS = 16  # the tasks a CPU-bound job is cut into


def add(a, b):
    return a + b


def with_pool(workers, job):
    with mp.Pool(workers) as pool:
        pool.map(noop, range(WARM), chunksize=1)
        return job(pool)


def pool_map(chunk):
    def figure(n, env):
        return with_pool(2, lambda pool: per_op(n, lambda: pool.map(noop, range(n), chunksize=chunk)))
    return figure


def pool_starmap(n, env):
    pairs = [(i, i) for i in range(n)]
    return with_pool(2, lambda pool: per_op(n, lambda: pool.starmap(add, pairs, chunksize=1)))


def start_join(method):
    def figure(n, env):
        ctx = mp.get_context(method)

        def job():
            for _ in range(n):
                p = ctx.Process(target=noop, args=(0,))
                p.start()
                p.join()
        return per_op(n, job)
    return figure


def put_items(q, n):
    for i in range(n + 1):
        q.put(i)


def queue_items(n, env):
    q = mp.Queue()
    p = mp.Process(target=put_items, args=(q, n))
    p.start()
    q.get()  # the child has started

    def job():
        for _ in range(n):
            q.get()
    s = per_op(n, job)
    p.join()
    return s


def cpu_processes(n, env, workers):
    return with_pool(workers, lambda pool: timed(lambda: pool.map(busy, [n // TASKS] * TASKS, chunksize=1)))


FIGURES = {
    "pool-map": pool_map(1),
    "pool-map-256": pool_map(256),
    "pool-starmap": pool_starmap,
    "process-spawn": start_join("spawn"),
    "process-fork": start_join("fork"),
    "queue": queue_items,
    "cpu-processes": cpu_processes,
}

if __name__ == "__main__":
    main(FIGURES)
