"""Widgets of the chair console and the projector view."""
