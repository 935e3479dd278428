"""Lesson 00's figures in Python: the seed's three programs (vanilla.py,
multithreading.py, multiprocessing.py).
The Go twins are in l00_seed.go; go run ./cmd/sidebyside runs both.

    python3 l00_seed.py seed-vanilla=200,1
"""

import multiprocessing
import os
import threading
import time

from common import main, timed

NUMBERS = [2, 3, 8, 9]
sink = open(os.devnull, "w")


def calc_square(numbers, delay):
    print("calculate square numbers", file=sink)
    for n in numbers:
        time.sleep(delay)
        print("square:", n * n, file=sink)


def calc_cube(numbers, delay):
    print("calculate cube of numbers", file=sink)
    for n in numbers:
        time.sleep(delay)
        print("cube:", n * n * n, file=sink)


def seed_vanilla(n, env):
    def job():
        calc_square(NUMBERS, n / 1000)
        calc_cube(NUMBERS, n / 1000)
    return timed(job)


def seed_with(kind):
    def figure(n, env):
        def job():
            workers = [kind(target=f, args=(NUMBERS, n / 1000)) for f in (calc_square, calc_cube)]
            for w in workers:
                w.start()
            for w in workers:
                w.join()
        return timed(job)
    return figure


FIGURES = {
    "seed-vanilla": seed_vanilla,
    "seed-threads": seed_with(threading.Thread),
    "seed-processes": seed_with(multiprocessing.Process),
}

if __name__ == "__main__":
    main(FIGURES)
