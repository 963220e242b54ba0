"""A minimal client of the running Streamlit app's own protocol (the websocket the browser
uses): one new session per link, the link's query string in the rerun request, and every
element the run sends examined. A thousand links cost minutes this way, not the half hour a
browser would take; the browser subset (``xss.py``) checks what a page then runs."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import aiohttp

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED = ForwardMsg.ScriptFinishedStatus


@dataclass
class RunResult:
    """What one run of the app under one query string showed."""

    finished: bool = False
    exceptions: list[str] = field(default_factory=list)  # st.exception elements (tracebacks)
    errors: list[str] = field(default_factory=list)  # st.error boxes
    warnings: list[str] = field(default_factory=list)
    elements: int = 0
    texts: list[str] = field(default_factory=list)  # markdown/text bodies, to look for raw payloads


def _walk(msg: ForwardMsg, out: RunResult) -> None:
    if not msg.HasField("delta") or not msg.delta.HasField("new_element"):
        return
    el = msg.delta.new_element
    out.elements += 1
    kind = el.WhichOneof("type")
    if kind == "exception":
        out.exceptions.append(f"{el.exception.type}: {el.exception.message}"[:300])
    elif kind == "alert":
        body = el.alert.body
        (out.errors if el.alert.format == 1 else out.warnings).append(body[:300])
    elif kind == "markdown":
        out.texts.append(el.markdown.body)


async def run_link(session: aiohttp.ClientSession, base: str, query: str, timeout: float) -> RunResult:
    """Open a session, run the app with ``query`` as its query string, collect what it shows."""
    out = RunResult()
    ws_url = base.replace("http://", "ws://") + "/_stcore/stream"
    async with session.ws_connect(ws_url, protocols=("streamlit",), max_msg_size=0, heartbeat=None) as ws:
        back = BackMsg()
        back.rerun_script.query_string = query
        back.rerun_script.page_script_hash = ""
        await ws.send_bytes(back.SerializeToString())

        async def read() -> None:
            async for frame in ws:
                if frame.type != aiohttp.WSMsgType.BINARY:
                    continue
                msg = ForwardMsg()
                msg.ParseFromString(frame.data)
                _walk(msg, out)
                if msg.HasField("script_finished") and msg.script_finished in (
                        FINISHED.FINISHED_SUCCESSFULLY, FINISHED.FINISHED_WITH_COMPILE_ERROR):
                    out.finished = msg.script_finished == FINISHED.FINISHED_SUCCESSFULLY
                    return

        await asyncio.wait_for(read(), timeout)
    return out


async def run_links(base: str, queries: list[str], *, timeout: float, parallel: int = 2):
    """(query, RunResult or the exception) for each query, ``parallel`` sessions at a time."""
    sem = asyncio.Semaphore(parallel)
    results: list = [None] * len(queries)
    async with aiohttp.ClientSession() as session:
        async def one(i: int, q: str) -> None:
            async with sem:
                try:
                    results[i] = (q, await run_link(session, base, q, timeout))
                except Exception as exc:  # noqa: BLE001 - a hang or a dropped socket is a finding
                    results[i] = (q, exc)

        await asyncio.gather(*(one(i, q) for i, q in enumerate(queries)))
    return results
