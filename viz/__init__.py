"""Interactive, offline graph views."""
