"""Reporting: what a person reads (rich renderables; the CLI decides where they go)."""
