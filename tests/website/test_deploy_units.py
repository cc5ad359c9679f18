"""The systemd units in deploy/systemd run management commands that exist,
and every service that a timer starts has its timer and the other way
round."""

import ipaddress
import re
import runpy
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


DEPLOY = UNITS.parent


def example_environment():
    lines = (DEPLOY / "librarians.env.example").read_text().splitlines()
    return dict(
        line.split("=", 1) for line in lines if line and not line.startswith("#")
    )


def test_app_servers_listen_only_where_the_load_balancer_reaches_them(monkeypatch):
    # Reachable from elsewhere, gunicorn would let clients skip the proxy
    # and write their own X-Forwarded-For.
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["bind"].startswith("127.0.0.1:")
    host = example_environment()["GUNICORN_BIND"].rpartition(":")[0]
    assert ipaddress.ip_address(host).is_private
    assert not ipaddress.ip_address(host).is_unspecified


def test_the_example_believes_x_forwarded_for_only_from_its_load_balancer():
    environment = example_environment()
    assert environment["RATELIMIT_TRUSTED_PROXIES"] == "1"
    proxies = environment["RATELIMIT_TRUSTED_PROXY_ADDRESSES"].split(",")
    assert proxies == [environment["GUNICORN_FORWARDED_ALLOW_IPS"]]
    assert all(ipaddress.ip_network(p).is_private for p in proxies)
