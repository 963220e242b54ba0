"""The Streamlit app's page sections (widgets only; the logic lives in dashboard/).

``app.py`` wires them: :mod:`ui.resources` (cached store, gazetteer and queries),
:mod:`ui.state` (link <-> widgets), :mod:`ui.header`, :mod:`ui.sidebar` and one module per tab.
Only ``app.py`` and this package import streamlit.
"""
