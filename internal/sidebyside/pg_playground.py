"""The playground's figures in Python: its CPU-bound cell, counting the
primes below n by trial division. CPython interprets it, as yaegi does in
the playground; the Go twins (interpreted and compiled) are in
pg_playground.go.

    python3 pg_playground.py primes-interpreted=300000,1
"""

from common import main, timed


def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


def count(n):
    c = 0
    for v in range(n):
        if is_prime(v):
            c += 1
    return c


def primes(n, env):
    return timed(lambda: count(n))


FIGURES = {
    "primes-interpreted": primes,
    "primes-compiled": primes,
}

if __name__ == "__main__":
    main(FIGURES)
