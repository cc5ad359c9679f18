"""Template tags of the elections: settings explained in plain words
(`voting.explain`)."""

from django import template

from voting import explain as explanations

register = template.Library()

EXPLAINED = {
    "ballot": explanations.ballot,
    "counting": explanations.counting,
    "scores": explanations.scores,
    "electorate": explanations.electorate,
}


@register.simple_tag
def explain(election, setting):
    """`{% explain page "counting" %}`: what one of the election's settings
    (ballot, counting, scores, electorate) means, in a sentence."""
    return EXPLAINED[setting](election)
