"""Pandera schemas users can apply to their own frames: raw text tables and typed tables."""
