"""Colour contrast as WCAG 2.2 defines it (1.4.3, 1.4.11): the relative
luminance of sRGB colours and the ratio between two of them, 1 to 21.

Normal text needs 4.5:1 against what it is drawn on (AA); the identity
settings (website/models/identity.py) refuse a colour that falls short of
it against any surface the stylesheet draws it on or with.
"""

import re

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
AA_TEXT = 4.5


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour):
    """The relative luminance of '#rrggbb', 0 (black) to 1 (white)."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour, other, share):
    """`colour` with `share` (0 to 1) of `other` mixed in, as '#rrggbb'."""
    channels = []
    for i in (1, 3, 5):
        a, b = int(colour[i : i + 2], 16), int(other[i : i + 2], 16)
        channels.append(round(a + (b - a) * share))
    return "#" + "".join(f"{value:02x}" for value in channels)
