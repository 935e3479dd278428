"""Lesson 03's figures in Python: concurrent.futures' submit and result on
executors of 2 workers, threads and processes, and map in chunks on
processes. The Go twins are in l03_futures.go; lesson 03's python-costs
example runs this program too.

    python3 l03_futures.py executor-submit-threads=10000,1
"""

import concurrent.futures as cf

from common import main, noop, per_op

WARM = 100


def with_executor(kind, job):
    with kind(2) as ex:
        list(ex.map(noop, range(WARM)))
        return job(ex)


def submit_on(kind):
    def figure(n, env):
        def job(ex):
            def run():
                fs = [ex.submit(noop, i) for i in range(n)]
                for f in fs:
                    f.result()
            return per_op(n, run)
        return with_executor(kind, job)
    return figure


def map_on_processes(chunk):
    def figure(n, env):
        def job(ex):
            def run():
                for _ in ex.map(noop, range(n), chunksize=chunk):
                    pass
            return per_op(n, run)
        return with_executor(cf.ProcessPoolExecutor, job)
    return figure


FIGURES = {
    "executor-submit-threads": submit_on(cf.ThreadPoolExecutor),
    "executor-submit-processes": submit_on(cf.ProcessPoolExecutor),
    "executor-map-processes": map_on_processes(1),
    "executor-map-256": map_on_processes(256),
}

if __name__ == "__main__":
    main(FIGURES)
