"""PRISM: question data (:mod:`.data`), judges (:mod:`.judges`), the published metrics (:mod:`.metrics`),
answer files (:mod:`.files`), reports (:mod:`.report`) and runs on any model (:mod:`.run`).

Heavy dependencies (datasets, torch, matplotlib) load only where they are used.
"""
