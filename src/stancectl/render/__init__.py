"""Renderers: plain data in, text out. One module per kind of output; only `terminal` uses rich."""
