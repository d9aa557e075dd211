"""Everything that knows about HTTP: security hooks, sessions, one blueprint module per area, forms.

`register_blueprints` is where each area's blueprint joins the app; add an area by adding its
`make_blueprint` to the tuple below. A view reaches the settings and the shared parts through
`web.app_state` (`current_settings()`, `current_state()`), never through a closure or app.config.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Flask

from complaint_helper.web import avenues, cases, documents, general, interview, language, tracker


def register_blueprints(app: Flask) -> None:
    factories: tuple[Callable[[], Blueprint], ...] = (
        general.make_blueprint,
        language.make_blueprint,
        cases.make_blueprint,
        interview.make_blueprint,
        documents.make_blueprint,
        avenues.make_blueprint,
        tracker.make_blueprint,
    )
    for make_blueprint in factories:
        app.register_blueprint(make_blueprint())
