"""The systemd units in deploy/systemd run management commands that exist,
and every service that a timer starts has its timer and the other way
round."""

import re
from pathlib import Path

from django.core.management import get_commands

UNITS = Path(__file__).resolve().parents[2] / "deploy" / "systemd"
MANAGE = re.compile(r"^ExecStart=\S+ manage\.py (\S+)", re.MULTILINE)


def test_every_command_a_unit_runs_exists():
    commands = get_commands()
    run = {
        name
        for unit in UNITS.glob("*.service")
        for name in MANAGE.findall(unit.read_text())
    }
    assert "purge_date_changes" in run
    assert sorted(run - set(commands)) == []


def test_every_timer_has_its_service():
    timers = {unit.stem for unit in UNITS.glob("*.timer")}
    services = {unit.stem for unit in UNITS.glob("*.service")}
    assert "librarians-date-changes" in timers
    assert timers <= services
