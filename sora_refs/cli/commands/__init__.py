"""One module per command; each exports one click command."""
