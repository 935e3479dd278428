"""Lesson 05's figures in Python: stopping worker processes with
terminate() and with an Event they watch (the 5.2 loop, which asks is_set()
between values), and what is_set() costs in a child. The Go twins are in
l05_termination.go.

    python3 l05_termination.py stop-terminate=8,1 event-is-set=5000,1
"""

import multiprocessing as mp
import time

from common import main, per_op, timed


def worker(watch, stop, started):
    started.put(1)
    while not (watch and stop.is_set()):
        time.sleep(0.0001)


def stop_workers(watch):
    def figure(n, env):
        started, stop = mp.Queue(), mp.Event()
        ps = [mp.Process(target=worker, args=(watch, stop, started)) for _ in range(n)]
        for p in ps:
            p.start()
        for _ in ps:
            started.get()

        def job():
            if watch:
                stop.set()
            else:
                for p in ps:
                    p.terminate()
            for p in ps:
                p.join()
        return timed(job)
    return figure


def is_set_many(event, n, out):
    def job():
        for _ in range(n):
            event.is_set()
    out.put(per_op(n, job))


def is_set_in_child(n, env):
    event, out = mp.Event(), mp.Queue()
    p = mp.Process(target=is_set_many, args=(event, n, out))
    p.start()
    s = out.get()
    p.join()
    return s


FIGURES = {
    "stop-terminate": stop_workers(False),
    "stop-event": stop_workers(True),
    "event-is-set": is_set_in_child,
}

if __name__ == "__main__":
    main(FIGURES)
