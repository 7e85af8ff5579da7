"""Real-server fixtures (filled in below)."""
