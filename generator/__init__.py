"""Build a Thai public agency's OIT disclosure pages from YAML data."""
