"""Licensing-board directory: data files, schema, loader, routing and citations.

Everything other layers need is exported here; import from `complaint_helper.boards`.
"""

from complaint_helper.boards.citations import Citation, citations_for
from complaint_helper.boards.directory import CoverageRow, Directory, load_directory
from complaint_helper.boards.routing import (
    RoutedBoard,
    Routing,
    route_to_boards,
)
from complaint_helper.boards.schema import (
    DEGREES,
    PROFESSION_LABELS,
    PROFESSIONS,
    STATES,
    Board,
    BoardDataError,
    Profession,
    Source,
)
from complaint_helper.vocabulary import ROUTABLE_PROFESSIONS

__all__ = [
    "DEGREES",
    "PROFESSIONS",
    "PROFESSION_LABELS",
    "ROUTABLE_PROFESSIONS",
    "STATES",
    "Board",
    "BoardDataError",
    "Citation",
    "CoverageRow",
    "Directory",
    "Profession",
    "RoutedBoard",
    "Routing",
    "Source",
    "citations_for",
    "load_directory",
    "route_to_boards",
]
