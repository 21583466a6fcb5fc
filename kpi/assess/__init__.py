"""Services that judge: the verdicts of every target as known at a moment."""
