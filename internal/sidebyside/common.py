"""What the course's Python programs share (internal/sidebyside): the
command line, best-of rounds, and the CPU-bound loop.

Each program is run as

    python3 lNN_name.py [site=URL] figure=size,rounds ...

and prints version=..., cpus=... (the CPUs it may use), then one figure=value line per figure asked for:
seconds (per operation, or for the whole job), the least of its rounds; or,
for a speedup (a figure whose name starts cpu-, whose function takes the
number of workers too and returns the seconds its work took), the least
time on 1 worker over the least on 2.
"""

import os
import platform
import sys
import time

MASK = 0xFFFFFFFFFFFFFFFF


def busy(n):
    """n steps of a 64-bit xorshift generator: lesson 00's busy loop."""
    x = 88172645463325252
    for _ in range(n):
        x ^= (x << 13) & MASK
        x ^= x >> 7
        x ^= (x << 17) & MASK
    return x


def noop(n):
    return n


def timed(job):
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def per_op(n, job):
    return timed(job) / max(n, 1)


def main(figures):
    env, sizes = {}, []
    for arg in sys.argv[1:]:
        key, _, value = arg.partition("=")
        if key in figures:
            n, _, rounds = value.partition(",")
            sizes.append((key, int(n), int(rounds or "1")))
        else:
            env[key] = value
    print("version=" + platform.python_version(), flush=True)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"cpus={cpus}", flush=True)
    for key, n, rounds in sizes:
        if key.startswith("cpu-"):
            one = two = float("inf")
            for _ in range(rounds):
                one = min(one, figures[key](n, env, 1))
                two = min(two, figures[key](n, env, 2))
            value = one / two
        else:
            value = min(figures[key](n, env) for _ in range(rounds))
        print(f"{key}={value!r}", flush=True)
