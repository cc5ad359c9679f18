from .pages import ProgramPage, RoundPage

__all__ = ["ProgramPage", "RoundPage"]
