"""Small building blocks several apps share (no models, no app of its own)."""
