"""Interactive, offline graph views."""

MAX_NODES = 300  # the node cap of one view; larger views are aggregated (see plankg.viz.network)
