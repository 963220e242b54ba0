"""Hostile values: script payloads (each sets ``window.__xss`` or calls ``alert`` if it ever
runs), terminal control sequences, and generated hostile links."""
from __future__ import annotations

import random
from urllib.parse import quote

_RUN = "window.__xss=1"

# Tags and attributes that run script, breakouts from attributes, JS strings, JSON in a
# script element, Markdown, template engines, and encodings that a careless decoder undoes.
XSS: list[str] = [
    f"<script>{_RUN}</script>",
    f"<SCRIPT>{_RUN}</SCRIPT>",
    f"<script src=data:text/javascript,{_RUN}></script>",
    f'<img src=x onerror="{_RUN}">',
    f"<img src=x onerror={_RUN}//",
    f"<svg onload={_RUN}>",
    f"<svg><script>{_RUN}</script></svg>",
    f'<svg><a xlink:href="javascript:{_RUN}"><text y=20>x</text></a></svg>',
    f"<body onload={_RUN}>",
    f"<iframe srcdoc=\"<script>parent.{_RUN}</script>\"></iframe>",
    f"<iframe src=\"javascript:parent.{_RUN}\"></iframe>",
    f"<details open ontoggle={_RUN}>",
    f"<input autofocus onfocus={_RUN}>",
    f"<video><source onerror={_RUN}></video>",
    f"<audio src=x onerror={_RUN}>",
    f"<marquee onstart={_RUN}>x</marquee>",
    f"<object data=\"javascript:{_RUN}\"></object>",
    f"<embed src=\"javascript:{_RUN}\">",
    f"<math><mtext><table><mglyph><style><img src=x onerror={_RUN}>",
    f"<a href=\"javascript:{_RUN}\">click</a>",
    f"<a href=\"jav&#x09;ascript:{_RUN}\">click</a>",
    f"<a href=\"&#106;avascript:{_RUN}\">x</a>",
    f"<form action=\"javascript:{_RUN}\"><button>go</button></form>",
    f"<meta http-equiv=refresh content=\"0;url=javascript:{_RUN}\">",
    f"<base href=\"javascript:{_RUN}//\">",
    f"<style>@import 'javascript:{_RUN}';</style>",
    f"<div style=\"background:url(javascript:{_RUN})\">x</div>",
    f"<template><img src=x onerror={_RUN}></template>",
    f"<noscript><p title=\"</noscript><img src=x onerror={_RUN}>\">",
    f"<!--<img src=\"--><img src=x onerror={_RUN}//\">",
    f"\"><img src=x onerror={_RUN}>",
    f"'><img src=x onerror={_RUN}>",
    f"\" onmouseover=\"{_RUN}\" x=\"",
    f"' onfocus='{_RUN}' autofocus='",
    f"</script><script>{_RUN}</script>",
    f"</SCRIPT ><script>{_RUN}</script>",
    f"<!--<script>{_RUN}</script>-->",
    f"\";{_RUN};//",
    f"';{_RUN};//",
    f"`;{_RUN};//",
    f"${{{_RUN}}}",
    "\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E",
    "\u2028<script>window.__xss=1</script>\u2029",
    f"[click](javascript:{_RUN})",
    f"![x](javascript:{_RUN})",
    f"<javascript:{_RUN}>",
    "{{ cycler.__init__.__globals__ }}{% raw %}<script>window.__xss=1</script>",
    "{{7*7}}<img src=x onerror=window.__xss=1>",
    f"javascript:{_RUN}",
    f"JaVaScRiPt:{_RUN}",
    f"data:text/html,<script>{_RUN}</script>",
    f"vbscript:{_RUN}",
    f"<img src=x onerror=alert(1)>",
    f"<x contenteditable onblur={_RUN}>x</x>",
    f"<select autofocus onfocus={_RUN}>",
]

# What a hostile file could print on an analyst's terminal.
TERMINAL = [
    "\x1b]0;all clear\x07Bab al-Hadid",
    "\x1b[2J\x1b[HBustan al-Basha",
    "Karm\x1b[1A\x1b[2Krejected    0",
    "\x9b31mAl-Ansari",
    "Hay\u202e0 detcejer",
]


def window_trap() -> str:
    """An init script for every frame: records any payload that runs, in ``__xss_hits``."""
    return """
    (() => {
      const hits = [];
      Object.defineProperty(window, '__xss_hits', {value: hits});
      Object.defineProperty(window, '__xss', {set(v) { hits.push('__xss=' + v); }, get() { return undefined; }});
      for (const f of ['alert', 'confirm', 'prompt', 'print']) {
        window[f] = (...a) => { hits.push(f + ':' + a.join(',')); };
      }
      try { if (window.parent && window.parent !== window) {
        Object.defineProperty(window.parent, '__xss_child', {value: hits, configurable: true}); } } catch (e) {}
    })();
    """


_PARAMS = ("from", "to", "actor", "type", "subtype", "district", "precision", "minfat", "q", "source",
           "lat", "lon", "zoom", "layers", "shade", "coarsen", "lang")
_ODD = ["", " ", "%", "%%", "%00", "\x00", "'", '"', "\\", "<", ">", "&", "#", "?", "=", "../../etc/passwd",
        "9" * 400, "-1", "1e308", "NaN", "Infinity", "-0", "0x10", "１２", "٣", "2016-02-30", "2016-13-01",
        "0000-00-00", "9999-12-31", "1900-01-01", "2016-10-07T00:00:00Z", "true", "null", "[]", "{}",
        "tiles,tiles,heat", "none", "all", "ar", "he", "en-US", "x" * 5000, "\u202e", "\ufeff", "\ud800".encode(
            "utf-8", "surrogatepass").decode("latin-1")]


def hostile_links(n: int, seed: int = 15) -> list[str]:
    """``n`` distinct query strings: payloads, odd values, repeats, unknown and huge parameters."""
    rng = random.Random(seed)
    out: list[str] = []
    seen: set[str] = set()
    pool = XSS + TERMINAL + _ODD
    while len(out) < n:
        parts: list[tuple[str, str]] = []
        kind = len(out) % 6
        if kind == 0:  # one parameter, one hostile value
            parts.append((rng.choice(_PARAMS), rng.choice(pool)))
        elif kind == 1:  # many values of a multi-valued parameter (long filters)
            name = rng.choice(("actor", "district", "source", "type", "subtype", "precision"))
            parts += [(name, f"{rng.choice(pool)[:40]} {i}") for i in range(rng.choice((50, 130, 400, 700)))]
        elif kind == 2:  # every parameter at once
            parts += [(p, rng.choice(pool)) for p in _PARAMS]
        elif kind == 3:  # unknown and repeated parameter names
            parts += [(rng.choice(pool)[:30] or "x", rng.choice(pool)) for _ in range(rng.randint(1, 60))]
        elif kind == 4:  # a plausible view with one poisoned value
            parts += [("from", "2016-01-01"), ("to", "2016-12-31"), ("district", "Hanano"),
                      (rng.choice(_PARAMS), rng.choice(pool)), ("zoom", str(rng.randint(-5, 40)))]
        else:  # raw, badly encoded query strings
            raw = "&".join(rng.choice(["%", "%zz", "&&", "==", "a=%E0%A4%A", "actor=%C0%AF", "q=%ff%fe",
                                       "lat=1&lat=2&lon=", ";", "+"]) for _ in range(rng.randint(1, 8)))
            if raw not in seen:
                seen.add(raw)
                out.append(raw)
            continue
        qs = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in parts)
        if qs not in seen:
            seen.add(qs)
            out.append(qs)
    return out
