"""A task for the tests of `manage.py devserver`: it leaves a note, so that
a test can see that a worker ran it."""

from pathlib import Path

from django_tasks import task


@task()
def write_note(path, text):
    Path(path).write_text(text)
