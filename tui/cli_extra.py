"""Sub-commands beyond the core contracts (documents, archive); importing registers them."""
