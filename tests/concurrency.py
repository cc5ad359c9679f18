"""Calls raced against each other on the real database: the tests of what
a unique constraint, a row lock or a conditional UPDATE guarantees. They
run on PostgreSQL (mark them `postgres`): SQLite serialises writes and
would hide the race."""

import threading

from django.db import connection


def at_once(*calls):
    """Run each of `calls` (callables without arguments) in a thread of its
    own, all released together, and return what each returned, in the
    order given. Each thread closes its database connection; an exception
    in one is raised here once all have finished."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)
    errors = []

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except BaseException as error:  # noqa: BLE001 (raised again below)
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
