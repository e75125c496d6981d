"""Input and output: raw text frames from a package, and files written safely.

Reading (containment and bounds live here and only here), CSV and Parquet, remote fetching,
source snapshots, the bundled data, CSV text as this package writes it.
"""
