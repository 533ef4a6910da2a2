"""The parts of a rally's Flyer tab: choices, live preview, warnings, printing, file names.

The tab itself (``gui/rallies/flyer_tab.py``) puts these together; the flyer is drawn by
``rallyorg.flyers`` (no Qt), and these modules only show, save and print its PDF bytes.
"""
