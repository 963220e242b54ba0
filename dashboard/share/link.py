"""The shareable link: the whole view state in the page's query parameters.

Thin wrappers over :mod:`dashboard.filters` for the app (which syncs
``st.query_params``) and for anyone building a link by hand. Parsing never
raises; what is ignored comes back as plain-text notices, which quote the
(untrusted) parameter: show them through :func:`notice_markdown` or escape them.
"""
from __future__ import annotations

import html
import re
from typing import Iterable, Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

from ..filters import ViewState, from_query_params

__all__ = ["view_to_params", "params_to_view", "share_url", "notice_markdown", "notice_html"]


def view_to_params(view: ViewState) -> dict[str, list[str] | str]:
    """Query parameters for ``view`` (only what differs from the default view).

    Multi-valued filters are lists: assign them to ``st.query_params[name]`` as
    is (Streamlit writes repeated keys), and read them back with ``get_all``.
    """
    return view.to_query_params()


def params_to_view(mapping: Mapping[str, object], *,
                   districts: Iterable[str] | None = None) -> tuple[ViewState, list[str]]:
    """The view a link describes, and notices for what was ignored. Never raises.

    ``mapping`` maps a name to a string or a list of strings, e.g.
    ``{k: st.query_params.get_all(k) for k in st.query_params}``; ``districts``: the known
    district names (others are ignored with a notice).
    """
    return from_query_params(mapping, districts=districts)


def share_url(base_url: str, view: ViewState) -> str:
    """``base_url`` with its query replaced by ``view``'s parameters (fragment dropped)."""
    parts = urlsplit(base_url or "")
    query = urlencode(view_to_params(view), doseq=True)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or ("/" if parts.netloc else ""), query, ""))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&:$])")


_AUTOLINK = re.compile(r"[a-z][a-z0-9+.\-]*:(?=//)|(?<![\w.])www\.|@", re.IGNORECASE)


def notice_markdown(notice: str) -> str:
    """A notice made safe for Streamlit markdown (``st.warning``/``st.info``).

    Every markdown and HTML character is backslash-escaped so that a hostile
    parameter shows as literal text: no link, no image (no network load), no HTML.
    """
    # GFM also links bare addresses (http://..., www...., a@b.c), and escaping does not stop
    # it (it reads the unescaped text): an invisible word joiner inside each pattern does.
    text = _AUTOLINK.sub(lambda m: m.group(0)[:-1] + "\u2060" + m.group(0)[-1], notice)
    return _MD_SPECIAL.sub(r"\\\1", text)


def notice_html(notice: str) -> str:
    """A notice made safe for HTML."""
    return html.escape(notice, quote=True)
