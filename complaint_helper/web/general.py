"""Pages that belong to no case: welcome, launch, quick exit, lock, idle status, the neutral exit
page; and the case bar every page of an open case shows (its nickname and the links to the
progress, boards and documents pages, see templates/base.html).
"""

from __future__ import annotations

import math
from typing import Any

from flask import (
    Blueprint,
    Response,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from complaint_helper.web.app_state import current_settings, current_state
from complaint_helper.web.security import launch_response, own_navigation
from complaint_helper.web.session import current_case, lock_session, registry


def make_blueprint() -> Blueprint:
    bp = Blueprint("general", __name__)

    @bp.app_context_processor
    def case_bar() -> dict[str, Any]:
        # The open case, for the case bar on every page (base.html); None when none is open.
        return {"open_case": current_case()}

    @bp.get("/")
    def welcome() -> str:
        return render_template("general/welcome.html", has_case=current_case() is not None)

    @bp.get("/launch")
    def launch() -> BaseResponse:
        return launch_response(current_state().launch, registry(), request.args.get("token", ""))

    @bp.get("/opening")
    def opening() -> str:
        # After a launch that came from outside (the redirect page the app opens is a file:// page,
        # so `cross-site`), the browser withholds the SameSite=Strict cookie on the redirect that
        # follows; a move from this page of our own carries it.
        return render_template("general/opening.html")

    @bp.get("/exit")
    def exit_page() -> BaseResponse:
        # Quick exit without JavaScript: a plain link. Locking is its only effect. SameSite=Strict
        # does not keep a page on another port of 127.0.0.1 from loading it (as an <img>, say), so
        # it locks only when the person's browser says it is the person's own navigation.
        if g.get("browser_session") is not None and own_navigation():
            lock_session(quick_exit=True)
        return redirect(current_settings().exit_url, code=303)

    @bp.post("/exit-beacon")
    def exit_beacon() -> Response:
        lock_session(quick_exit=True)
        return Response(status=204)

    @bp.post("/resume")
    def resume() -> BaseResponse:
        g.browser_session.exited = False
        return redirect(url_for("general.welcome"), code=303)

    @bp.post("/lock")
    def lock() -> BaseResponse:
        lock_session()
        return redirect(url_for("general.locked"), code=303)

    @bp.get("/locked")
    def locked() -> str:
        return render_template("general/locked.html")

    @bp.post("/keepalive")
    def keepalive() -> Response:
        return Response(status=204)

    @bp.get("/idle-status")
    def idle_status() -> Response:
        session = g.browser_session
        sessions = registry()
        # Rounded up: 0 only once the session is idle, so the move to /locked (a request, which
        # would otherwise count as activity) always finds the case already due to lock.
        left = max(0, math.ceil(sessions.idle_lock_seconds - (sessions.now() - session.last_seen)))
        return jsonify(
            case_open=current_case() is not None,
            seconds_left=left,
            warn_at=sessions.warning_seconds,
        )

    @bp.get("/away")
    def away() -> str:
        return render_template("general/away.html")

    return bp
