"""The folium map of Aleppo's districts and the events on it.

:mod:`view` builds the map; one small module per map element (:mod:`layers`,
:mod:`points`, :mod:`legend`); :mod:`data` holds colours and the shared
helpers; :mod:`encode` and :mod:`index` turn events into the compact payload
the page draws.
"""
