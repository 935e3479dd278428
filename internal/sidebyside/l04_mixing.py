"""Lesson 04's figures in Python: the seed's multiprocessing_multithreading.py,
a child process per slice of the values and a thread per value inside it,
with the seed's split (len(values) // num_processes + 1). The Go twins are
in l04_mixing.go.

    python3 l04_mixing.py mixing-12345=100,1
"""

import multiprocessing
import threading
import time

from common import main, timed


def do_something(values, name, unit):
    out = []
    for v in values:
        time.sleep(v * unit)
        out.append({name: v * v})
    return out


def make_multi_threads(values, name, unit):
    ts = [threading.Thread(target=do_something, args=([v], name, unit)) for v in values]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def run_multiprocessing_with_multithreading(num_processes, values, name, unit):
    size = len(values) // num_processes + 1
    ps = []
    for i in range(num_processes):
        part = values[i * size:(i + 1) * size]
        p = multiprocessing.Process(target=make_multi_threads, args=(part, name, unit))
        p.start()
        ps.append(p)
    for p in ps:
        p.join()


def mixed(values):
    def figure(n, env):
        return timed(lambda: run_multiprocessing_with_multithreading(2, values, "v", n / 1000))
    return figure


FIGURES = {
    "mixing-12345": mixed([1, 2, 3, 4, 5]),
    "mixing-22222": mixed([2, 2, 2, 2, 2]),
}

if __name__ == "__main__":
    main(FIGURES)
