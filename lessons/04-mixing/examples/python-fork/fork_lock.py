"""What Python's warning against mixing processes and threads is about,
for lesson 04 ("Why Python warns").

Run from the repository root (POSIX only: it forks):

    python3 lessons/04-mixing/examples/python-fork/fork_lock.py

(go run ./lessons/04-mixing/examples/python-fork runs it too.)

A thread takes a lock and holds it while the main thread starts a child
process with each start method. A forked child is a copy of the parent's
memory, the locked lock included, but not of the thread that holds it:
nobody in the child will ever release it, and a child that waits for it
waits forever (here, for one second). A spawned child is a fresh interpreter
that imports this module again: its lock is a new one. A forkserver child
is forked from a server process started fresh, before any thread of ours:
its lock is new too. Run it with -W always to see Python 3.12's warning.
"""

import multiprocessing
import sys
import threading
import time

lock = threading.Lock()


def child():
    got = lock.acquire(timeout=1)
    print(f"  child: lock.acquire(timeout=1) -> {got}", flush=True)


def main():
    print(f"Python {sys.version.split()[0]}, default start method: {multiprocessing.get_start_method()}")
    holding, release = threading.Event(), threading.Event()

    def hold():
        with lock:
            holding.set()
            release.wait()

    t = threading.Thread(target=hold)
    t.start()
    holding.wait()
    print("a thread holds the lock")
    for method in ("fork", "spawn", "forkserver"):
        print(f"{method}:")
        start = time.perf_counter()
        p = multiprocessing.get_context(method).Process(target=child)
        p.start()
        p.join()
        print(f"  (the child took {time.perf_counter() - start:.1f} s)")
    release.set()
    t.join()


if __name__ == "__main__":
    main()
