"""The terminal layer: the CLI, the Textual screens and the documents' commands."""
