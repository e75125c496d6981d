"""Starting a Spark session, and the plain message when pyspark or Java is missing."""

from __future__ import annotations

import os
import shutil
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"
"""The master when neither ``--master`` nor ``SPARK_MASTER`` names one."""


class SparkUnavailableError(RuntimeError):
    """pyspark is not installed, or no Java runtime can be found to start it."""


def require_spark() -> None:
    """Raise :class:`SparkUnavailableError`, saying how to fix it, unless pyspark and Java
    are here."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise SparkUnavailableError(
            "the Spark engine needs pyspark, which is not installed: "
            "pip install 'conflict-claims[spark]' (Python 3.11 or later)"
        ) from exc
    java_home = os.environ.get("JAVA_HOME")
    java = shutil.which("java") if not java_home else str(Path(java_home) / "bin" / "java")
    if java is None or not Path(java).exists():
        where = f"JAVA_HOME={java_home} holds no bin/java" if java_home else "no java on PATH"
        raise SparkUnavailableError(
            f"the Spark engine needs a Java runtime (17 or later) and found none ({where}): "
            "install one (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
        )


def spark_session(master: str | None = None) -> SparkSession:
    """The active session, else a new one on ``master``, else ``SPARK_MASTER``, else
    ``local[*]``; raises :class:`SparkUnavailableError` when it cannot start."""
    require_spark()
    # pyspark warns that it does not yet fully support pandas 3: the engine hands it Arrow
    # batches only, never pandas frames
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    chosen = master or os.environ.get("SPARK_MASTER") or DEFAULT_MASTER
    # the workers run the checks: by default with the Python that runs this, where
    # conflict_claims is installed (a cluster's workers need it installed too)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        builder = SparkSession.builder.master(chosen).appName("conflict-claims")
        session = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", os.environ.get("SPARK_SHUFFLE_PARTITIONS", "8"))
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        return session
    except Exception as exc:  # the JVM failed to start: Java too old, no memory, bad master
        raise SparkUnavailableError(f"cannot start Spark on {chosen!r}: {exc}") from exc
