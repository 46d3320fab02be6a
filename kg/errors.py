"""The errors plankg raises for the person using it, and the exit status of a command that stops on one.

Every such error derives from PlankgError: its message is meant to be read as it is (it names the file, the query
or the URL, and says what to do), and its exit_code says what went wrong:

- 1 (FAILED): the work ran and failed: a document that does not load (plankg.loaders.errors.LoadError), a remote
  store or endpoint out of reach or refusing (plankg.remote.push.PushError, plankg.query.library.EndpointError),
  a fault of the machine such as a full disk or a store in use (plankg.graph.faults.Fault);
- 2 (USAGE): what was asked cannot be done as asked: an unknown query or parameter, bad SPARQL
  (plankg.query.library.QueryError), a result format that does not fit the query (plankg.query.results.FormatError),
  a SERVICE pattern not allowed (plankg.graph.service.ServiceRefused).

A command exits 0 when its work succeeded; the command line (plankg.cli) prints any PlankgError as one line.
"""

from __future__ import annotations

FAILED = 1
USAGE = 2


class PlankgError(Exception):
    """Something plankg was asked to do did not happen; the message says what and why."""

    exit_code = FAILED


class UsageProblem(PlankgError):
    """What was asked cannot be done as asked (a name, a parameter, a query or a format that does not fit)."""

    exit_code = USAGE
