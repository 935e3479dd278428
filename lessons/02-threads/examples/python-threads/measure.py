# Python's threads, measured for lesson 02 (run by main.go): each figure is
# the best of a few rounds, in microseconds.
import os, platform, threading, time
from concurrent.futures import ThreadPoolExecutor

def best(rounds, f):
    return min(f() for _ in range(rounds))

def start_join(n=2000):
    start = time.perf_counter()
    for _ in range(n):
        t = threading.Thread(target=lambda: None)
        t.start()
        t.join()
    return (time.perf_counter() - start) / n * 1e6

def pool_task(n=20000):
    with ThreadPoolExecutor(2) as pool:
        start = time.perf_counter()
        for f in [pool.submit(lambda: None) for _ in range(n)]:
            f.result()
        return (time.perf_counter() - start) / n * 1e6

def busy(n):
    x = 88172645463325252
    for _ in range(n):
        x ^= (x << 13) & 0xFFFFFFFFFFFFFFFF
        x ^= x >> 7
        x ^= (x << 17) & 0xFFFFFFFFFFFFFFFF
    return x

def on_threads(threads, steps=2_000_000):
    ts = [threading.Thread(target=busy, args=(steps // threads,)) for _ in range(threads)]
    start = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - start

print("version=" + platform.python_version())
print("cpus=%d" % len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "cpus=%d" % os.cpu_count())
print("start_join_us=%.1f" % best(3, start_join))
print("pool_task_us=%.1f" % best(3, pool_task))
print("cpu_speedup=%.2f" % (best(3, lambda: on_threads(1)) / best(3, lambda: on_threads(2))))
