"""The engines: each turns raw frames into problems under the same rule catalogue."""
