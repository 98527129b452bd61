"""Tools for people working on the app: rendering documents as their readers see them."""
