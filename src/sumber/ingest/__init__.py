"""Readers that turn files, feeds, archives and URLs into ``Article`` records. They never analyze."""
