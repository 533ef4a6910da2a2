"""The desktop app: the only package that imports Qt. It talks to ``rallyorg.services`` only."""
