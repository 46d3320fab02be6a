"""The one error a loader raises for bad input: it names the file and says what is wrong."""

from plankg.errors import PlankgError


class LoadError(PlankgError):
    """A document could not be loaded; the message is meant for the person who gave us the file."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem
