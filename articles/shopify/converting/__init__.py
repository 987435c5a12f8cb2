"""
An article's HTML turned into body blocks: html.py reads it as its readers see it, mapping.py
cuts it into blocks by the wordings rules.py keeps as data, and survival.py checks afterwards
that every word of the source reached the page. Nothing of the text is ever dropped; what does
not fit a structured block stays plain blocks, with a warning.
"""
