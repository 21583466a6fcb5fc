"""The dashboard's Streamlit helpers: caching, controls, tables, downloads, sign-in.

Only this package, ``app.py`` and the page scripts import Streamlit."""
