"""Authoring: ``content/NN-topic.py`` -> ``source/NN-topic/topic.ipynb`` and the index."""
