"""Documents for meetings: the briefing poster, slides and A4."""
