"""Storyline's nightly run, as an Airflow DAG (Airflow 2.4+ and 3.x, apache-airflow-providers-apache-spark).

Every night at 02:15 UTC one DAG run submits the Storyline jar with spark-submit for the day that just ended,
``{{ ds }}`` (the start of the run's data interval, so the run of 2025-09-04 02:15 processes 2025-09-03). The
options go through the operator's ``conf`` as ``spark.storyline.<option>`` (Storyline reads them from the Spark
conf; the command line and the config file would win over them), so the job is

    spark-submit --conf spark.storyline.incremental=true --conf spark.storyline.input=INPUT_ROOT/{{ ds }}
      --conf spark.storyline.output=OUTPUT --conf spark.storyline.config=CONFIG ... storyline.jar run

``--incremental`` analyses only the articles not seen before and updates the day, week and month figures they
touch, so a late article for an earlier day lands in that day, and re-running a night (a retry, a manual clear)
changes nothing. No ``--from``/``--to``: they would count late articles as out of range.

Setup:
- a Spark connection (``STORYLINE_SPARK_CONN_ID``, default ``spark_default``) whose host is the master
  (``spark://host:7077``, ``yarn``, ``k8s://https://host:6443``) and whose extra may set the deploy mode, e.g.
  ``{"deploy-mode": "cluster"}``; ``spark-submit`` of the same Spark version as the jar (4.2) on the worker's PATH;
- the settings below, from the worker's environment.

Exit codes of the job: 0 success, 2 bad usage or configuration, 3 an input unreadable, 4 stopped by a quality gate
(the previous report stays published; manifest and metrics say which check failed), 1 any other failure.
spark-submit passes them on in client mode (in cluster mode only success or failure), and any non-zero code fails
the task, which Airflow then retries: a retry of a gate failure passes only if the night's input changed (a feed
that arrived late); otherwise the task fails after its retries and pages. A night published anyway after a look
at the numbers is a manual run with ``--gates off``.
Checked in CI by deploy/airflow/check_dag.py (syntax, and a load against stand-ins for the Airflow API).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

try:  # Airflow 3
    from airflow.sdk import DAG
except ImportError:  # Airflow 2
    from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.timetables.interval import CronDataIntervalTimetable

# The shaded jar built by `mvn -B -DskipTests package` (target/storyline-0.1.0-spark.jar), copied where
# spark-submit can read it (a local path on the worker, or hdfs://, s3a://, local:// inside a Kubernetes image).
STORYLINE_JAR = os.environ.get("STORYLINE_JAR", "/opt/storyline/storyline-0.1.0-spark.jar")
# One landing folder per UTC day: INPUT_ROOT/2025-09-03/...
INPUT_ROOT = os.environ.get("STORYLINE_INPUT_ROOT", "/data/news/incoming")
# The report folder (published atomically; also holds the incremental state).
OUTPUT = os.environ.get("STORYLINE_OUTPUT", "/data/reports/news")
# The job config (YAML or properties, same option names as the command line).
CONFIG = os.environ.get("STORYLINE_CONFIG", "/opt/storyline/job.yaml")
# "true": ship CONFIG with --files and name it relatively, for YARN cluster mode (and Kubernetes cluster mode with
# spark.kubernetes.file.upload.path), where --files land in the driver's working directory. "false": the driver
# reads CONFIG itself (client mode, or a path the driver sees, e.g. baked into the Kubernetes image).
SHIP_CONFIG = os.environ.get("STORYLINE_SHIP_CONFIG", "false").lower() == "true"
SPARK_CONN_ID = os.environ.get("STORYLINE_SPARK_CONN_ID", "spark_default")
# A Prometheus Pushgateway for the run's metrics (http://pushgateway:9091), or empty for none; every run also writes
# OUTPUT/metrics.prom.
PUSHGATEWAY = os.environ.get("STORYLINE_PUSHGATEWAY", "")

# Storyline's options, as Spark conf (spark.storyline.<option>). Logs as JSON lines with run_id and stage, for the
# worker's log shipping.
STORYLINE_CONF = {
    "spark.storyline.incremental": "true",
    "spark.storyline.input": INPUT_ROOT + "/{{ ds }}",
    "spark.storyline.output": OUTPUT,
    "spark.storyline.config": os.path.basename(CONFIG) if SHIP_CONFIG else CONFIG,
    "spark.storyline.log-format": "json",
}
if PUSHGATEWAY:
    STORYLINE_CONF["spark.storyline.metrics-push"] = PUSHGATEWAY

default_args = {
    "owner": "storyline",
    "depends_on_past": False,
    # A night is idempotent: retrying after a lost executor or a full disk is safe.
    "retries": 3,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=1),
    "execution_timeout": timedelta(hours=4),
}

with DAG(
    dag_id="storyline_nightly",
    description="Storyline: analyse the previous day's news articles and update the report tables",
    # An explicit data-interval timetable so that {{ ds }} is the day that just ended on Airflow 2 and 3 alike
    # (Airflow 3 gives plain cron strings a trigger timetable whose ds is the day of the run).
    schedule=CronDataIntervalTimetable("15 2 * * *", timezone="UTC"),
    start_date=datetime(2025, 9, 1, tzinfo=timezone.utc),
    # Missed nights are not replayed one by one: the next incremental run picks up every unseen article of the
    # folders it is given; backfill a day explicitly with `airflow dags backfill` when needed.
    catchup=False,
    # One run at a time: runs share the report folder (on a local file system Storyline also refuses a second
    # writer).
    max_active_runs=1,
    default_args=default_args,
    tags=["storyline", "spark"],
) as dag:
    SparkSubmitOperator(
        task_id="storyline_run",
        conn_id=SPARK_CONN_ID,
        application=STORYLINE_JAR,
        java_class="org.storyline.cli.StorylineCommand",
        name="storyline-nightly-{{ ds }}",
        files=CONFIG if SHIP_CONFIG else None,
        application_args=["run"],
        # Executors hold the NER model (~80 MB of heap, loaded once per executor JVM): 2 cores and 2 GB each
        # (docs/cluster.md explains the sizing).
        executor_cores=2,
        executor_memory="2g",
        driver_memory="2g",
        conf={
            # Periods (day, ISO week, month) are UTC whatever the cluster's zone; Storyline sets it too.
            "spark.sql.session.timeZone": "UTC",
            # The executors' log lines as JSON too (Spark's structured logging; the driver's are Storyline's).
            "spark.log.structuredLogging.enabled": "true",
            **STORYLINE_CONF,
        },
    )
