"""Interactive explorers: thin ipywidgets wiring over the pure functions in ``npmem``."""
