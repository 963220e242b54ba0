"""The time slider above the tabs: step through the filtered period by day, week or month, or play it.

State (session): ``t_step`` (the step), ``t_at`` (the window's first day, None for the whole
period; it goes into the view and the link as ``step``/``at``), ``t_playing``, ``t_speed``
(seconds per step). While playing, a fragment re-runs every half step
(``st.fragment(run_every=...)``); once a step has been on screen for its time it moves
``t_at`` on and reruns the app, so the map, the counts and the legend follow. Each step costs
only the window's queries (cached per window); the period's list of windows is computed once.
"""
from __future__ import annotations

import time
from datetime import date
from functools import partial

import streamlit as st

from dashboard import timeline as tl
from dashboard.i18n import N_

from . import resources as res, state
from .i18n import in_language, num, tr

STEP_LABELS = {"day": N_("Day"), "week": N_("Week"), "month": N_("Month")}
STEP_COUNTS = {"day": N_("{n} days"), "week": N_("{n} weeks"), "month": N_("{n} months")}
SPEEDS = (0.5, 1.0, 1.5, 2.0, 3.0)  # seconds a step stays on screen
DEFAULT_SPEED = 1.0
WHOLE = "whole"
MAP_WAIT = 4.0  # seconds the player waits at most for the browser to draw a step's map  # the slider's first position: no window, the whole period


def _label(value: str, step: str) -> str:
    if value == WHOLE:
        return tr("Whole period")
    return value[:7] if step == "month" else value


def _starts() -> list[date]:
    return st.session_state.get("_t_starts") or []


def _on_slider() -> None:
    value = st.session_state.get("t_slider")
    st.session_state["t_at"] = None if value in (None, WHOLE) else date.fromisoformat(value)


def _on_step() -> None:
    """A new step keeps the window where it was: the new period holding its first day."""
    s = st.session_state
    at = s.get("t_at")
    if at:
        first = s.get("_t_first")
        s["t_at"] = tl.period_start(max(at, first) if first else at, s.get("t_step") or tl.DEFAULT_STEP)


def _move(delta: int) -> None:
    s = st.session_state
    s["t_at"] = tl.shifted_window(_starts(), s.get("t_at"), delta)
    s["t_playing"] = False


def _toggle_play() -> None:
    s = st.session_state
    if s.get("t_playing"):
        s["t_playing"] = False
        return
    starts = _starts()
    if not starts:
        return
    if s.get("t_at") not in starts or s.get("t_at") == starts[-1]:
        s["t_at"] = starts[0]  # play from the start (again, after the end)
    s["t_playing"] = True
    s["_t_shown"] = time.monotonic()


def time_bar(url: str | None, version: tuple) -> None:
    """Draw the time slider for the current filters; resolves ``t_at`` before the view is read."""
    s = st.session_state
    s["_t_run"] = s.get("_t_run", 0) + 1  # counts the app's full runs (see map_reported)
    s.setdefault("t_step", tl.DEFAULT_STEP)
    s.setdefault("t_speed", DEFAULT_SPEED)
    whole = state.current_view().whole_period()
    first, last = res.period(url, version, whole)
    step = s["t_step"] if s["t_step"] in tl.STEPS else tl.DEFAULT_STEP
    starts = tl.windows(first, last, step)
    s["_t_starts"], s["_t_first"] = starts, first
    if s.get("t_at") is not None and s["t_at"] not in starts:
        s["t_at"] = None  # the dates changed under the window: back to the whole period
        s["t_playing"] = False
    if not starts:
        return
    at = s.get("t_at")
    s["t_slider"] = at.isoformat() if at else WHOLE
    playing = bool(s.get("t_playing"))
    # One compact row (labels folded away but read by screen readers), so the map below stays in view;
    # the slider's label says where the window is.
    with st.container(key="time_bar"):
        cols = st.columns([2.4, 0.5, 1.3, 0.5, 7, 1.1], vertical_alignment="bottom", gap="small")
        cols[0].segmented_control(tr("Time step"), tl.STEPS, key="t_step", required=True, on_change=_on_step,
                                  format_func=in_language(lambda v: tr(STEP_LABELS[v])), label_visibility="collapsed",
                                  help=tr("Time step"))
        cols[1].button("⏮", key="t_prev", on_click=_move, args=(-1,),  # a glyph: no icon name read out in English
                       help=tr("Previous step"), disabled=at is None or at == starts[0])
        cols[2].button(tr("Pause") if playing else tr("Play"), key="t_play", on_click=_toggle_play, type="primary",
                       icon=":material/pause:" if playing else ":material/play_arrow:",
                       help=tr("Step through the period on its own; the map follows each step."))
        cols[3].button("⏭", key="t_next", on_click=_move, args=(1,),
                       help=tr("Next step"), disabled=at == starts[-1])
        cols[4].select_slider(_caption(at, step, starts, first, last), [WHOLE, *(d.isoformat() for d in starts)],
                              key="t_slider", format_func=in_language(partial(_label, step=step)),
                              on_change=_on_slider, help=tr(
            "The map, the counts and the legend show the window's events: the dates filter narrowed to one "
            "day, week (Monday to Sunday) or month. Events known only to their week or month count on the "
            "day their source coded."))
        cols[5].selectbox(tr("Speed"), SPEEDS, key="t_speed", format_func=in_language(lambda v: tr("{n} s", n=num(v))),
                          help=tr("Seconds each step stays on screen while playing."), label_visibility="collapsed")


def _caption(at: date | None, step: str, starts: list[date], first: date | None, last: date | None) -> str:
    n = len(starts)
    if at is None:
        return tr("Whole period: {start} to {end} ({count}).", start=first, end=last,
                  count=tr(STEP_COUNTS[step], n=num(n)))
    start, end = tl.window_bounds(at, step, first, last)
    return tr("{step} {i} of {n}: {start} to {end}.", step=tr(STEP_LABELS[step]), i=num(starts.index(at) + 1),
              n=num(n), start=start, end=end)


def map_reported() -> None:
    """Called by the map section after ``st_folium``: a second call within one app run is the map
    reporting back from the browser, i.e. the step's map is drawn (the player waits for it)."""
    s = st.session_state
    run = s.get("_t_run")
    if s.get("_t_map_run") == run:
        s.setdefault("_t_drawn", (run, time.monotonic()))
    s["_t_map_run"] = run


def _tick() -> None:
    """One beat of the player: move to the next window once the current one has had its time
    (on the map tab: counted from when the browser drew the step's map, at most MAP_WAIT more)."""
    s = st.session_state
    if not s.get("t_playing"):
        return
    speed, now, shown = float(s.get("t_speed") or DEFAULT_SPEED), time.monotonic(), s.get("_t_shown", 0.0)
    drawn = s.get("_t_drawn")
    if s.get("_t_map_run") == s.get("_t_run"):  # the map is on screen: wait for it to be drawn
        if drawn and drawn[0] == s.get("_t_run"):
            shown = drawn[1]
        elif now - shown < speed + MAP_WAIT:
            return
    if now - shown < speed * 0.9:
        return
    at, done = tl.next_window(_starts(), s.get("t_at"))
    s["t_at"], s["t_playing"] = at, not done
    s["_t_shown"] = time.monotonic()
    st.rerun(scope="app")


def player() -> None:
    """Call at the end of the app's run: notes when the step was drawn and, while playing, keeps
    a fragment ticking every half step."""
    s = st.session_state
    s["_t_shown"] = time.monotonic()
    s.pop("_t_drawn", None)
    if s.get("t_playing"):
        st.fragment(_tick, run_every=float(s.get("t_speed") or DEFAULT_SPEED) / 2)()
