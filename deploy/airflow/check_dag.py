#!/usr/bin/env python3
"""Checks deploy/airflow/storyline_nightly.py without Airflow (which cannot be installed where CI runs).

1. Compiles the file (a syntax check, as `python3 -m py_compile` does, without writing a .pyc).
2. Loads it twice, against stand-ins for the Airflow 3 and the Airflow 2 module layout. The stand-ins accept only
   the parameters the real classes take (DAG, SparkSubmitOperator of apache-airflow-providers-apache-spark 4.x/5.x,
   BaseOperator, CronDataIntervalTimetable) and reject a Jinja template in a field Airflow does not render.
3. Prints the DAG as JSON, with the application arguments and the Spark conf rendered for one day, so that a test can
   parse them with Storyline's own command line and its reader of spark.storyline.* options (src/test/java/org/storyline/cli/DeployFilesTest.java).

Usage: python3 deploy/airflow/check_dag.py [DAG_FILE] [--ds YYYY-MM-DD]. Exit code 0 when the DAG loads; 1 with a
message otherwise. This is not Airflow: it cannot catch what only a real scheduler would (connections, imports of
other providers); it does catch syntax errors, misspelt parameters, un-rendered templates and missing retries.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import sys
import types

sys.dont_write_bytecode = True

# --- the parameters the real classes accept ---------------------------------------------------------------------

DAG_PARAMS = {
    "dag_id", "description", "schedule", "start_date", "end_date", "template_searchpath", "template_undefined",
    "user_defined_macros", "user_defined_filters", "default_args", "max_active_tasks", "max_active_runs",
    "max_consecutive_failed_dag_runs", "dagrun_timeout", "catchup", "on_success_callback", "on_failure_callback",
    "doc_md", "params", "access_control", "is_paused_upon_creation", "jinja_environment_kwargs",
    "render_template_as_native_obj", "tags", "owner_links", "auto_register", "fail_fast", "dag_display_name",
}
BASE_OPERATOR_PARAMS = {
    "task_id", "owner", "email", "email_on_retry", "email_on_failure", "retries", "retry_delay",
    "retry_exponential_backoff", "max_retry_delay", "start_date", "end_date", "depends_on_past",
    "ignore_first_depends_on_past", "wait_for_past_depends_before_skipping", "wait_for_downstream", "dag", "params",
    "default_args", "priority_weight", "weight_rule", "queue", "pool", "pool_slots", "execution_timeout",
    "on_execute_callback", "on_failure_callback", "on_success_callback", "on_retry_callback",
    "on_skipped_callback", "pre_execute", "post_execute", "trigger_rule", "resources", "run_as_user",
    "max_active_tis_per_dag", "max_active_tis_per_dagrun", "executor", "executor_config", "do_xcom_push",
    "multiple_outputs", "inlets", "outlets", "task_group", "doc", "doc_md", "doc_json", "doc_yaml", "doc_rst",
    "task_display_name", "logger_name", "allow_nested_operators",
}
# apache-airflow-providers-apache-spark: parameters present in 4.x and 5.x (newer ones are left out on purpose, so
# that the DAG runs with older providers too).
SPARK_SUBMIT_PARAMS = {
    "application", "conf", "conn_id", "files", "py_files", "archives", "driver_class_path", "jars", "java_class",
    "packages", "exclude_packages", "repositories", "total_executor_cores", "executor_cores", "executor_memory",
    "driver_memory", "keytab", "principal", "proxy_user", "name", "num_executors", "status_poll_interval",
    "application_args", "env_vars", "verbose", "spark_binary", "properties_file", "yarn_queue", "deploy_mode",
    "use_krb5ccache",
}
SPARK_SUBMIT_TEMPLATE_FIELDS = {
    "application", "conf", "files", "py_files", "jars", "driver_class_path", "packages", "exclude_packages",
    "keytab", "principal", "proxy_user", "name", "application_args", "env_vars", "properties_file",
}


class CheckError(Exception):
    pass


def _unknown(kind, given, allowed):
    bad = sorted(set(given) - allowed)
    if bad:
        raise CheckError(f"{kind} does not take the parameter(s) {', '.join(bad)}")


def _has_template(value):
    if isinstance(value, str):
        return "{{" in value or "{%" in value
    if isinstance(value, (list, tuple)):
        return any(_has_template(v) for v in value)
    if isinstance(value, dict):
        return any(_has_template(k) or _has_template(v) for k, v in value.items())
    return False


# --- stand-ins ----------------------------------------------------------------------------------------------------

_current_dags = []


class DAG:
    def __init__(self, dag_id=None, **kwargs):
        _unknown("DAG", kwargs, DAG_PARAMS)
        if not dag_id or not re.fullmatch(r"[A-Za-z0-9_.\-]+", dag_id):
            raise CheckError(f"bad dag_id: {dag_id!r}")
        if "schedule" not in kwargs:
            raise CheckError("the DAG has no schedule")
        start = kwargs.get("start_date")
        if not isinstance(start, _dt.datetime) or start.tzinfo is None:
            raise CheckError("start_date should be a time-zone aware datetime")
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.default_args = dict(kwargs.get("default_args") or {})
        _unknown("default_args", self.default_args, BASE_OPERATOR_PARAMS | SPARK_SUBMIT_PARAMS)
        self.tasks = []
        LOADED.append(self)

    def __enter__(self):
        _current_dags.append(self)
        return self

    def __exit__(self, *exc):
        _current_dags.pop()
        return False


class CronDataIntervalTimetable:
    def __init__(self, cron, timezone):
        fields = cron.split()
        if len(fields) != 5 or not all(re.fullmatch(r"[0-9*/,\-]+", f) for f in fields):
            raise CheckError(f"not a five-field cron expression: {cron!r}")
        if not isinstance(timezone, str):
            raise CheckError("timezone should be a time zone name")
        self.cron = cron
        self.timezone = timezone

    def __repr__(self):
        return f"CronDataIntervalTimetable({self.cron!r}, timezone={self.timezone!r})"


class SparkSubmitOperator:
    template_fields = tuple(sorted(SPARK_SUBMIT_TEMPLATE_FIELDS))

    def __init__(self, **kwargs):
        _unknown("SparkSubmitOperator", kwargs, SPARK_SUBMIT_PARAMS | BASE_OPERATOR_PARAMS)
        if "task_id" not in kwargs:
            raise CheckError("an operator without task_id")
        for key, value in kwargs.items():
            if _has_template(value) and key not in SPARK_SUBMIT_TEMPLATE_FIELDS:
                raise CheckError(f"{kwargs['task_id']}: {key} holds a template, but Airflow does not render it")
        dag = kwargs.get("dag") or (_current_dags[-1] if _current_dags else None)
        if dag is None:
            raise CheckError(f"{kwargs['task_id']} belongs to no DAG")
        effective = dict(dag.default_args)
        effective.update(kwargs)
        effective.pop("dag", None)
        self.kwargs = effective
        dag.tasks.append(self)


LOADED = []


def _install(airflow3):
    for name in [m for m in sys.modules if m == "airflow" or m.startswith("airflow.")]:
        del sys.modules[name]

    def module(name, **attrs):
        m = types.ModuleType(name)
        m.__dict__.update(attrs)
        sys.modules[name] = m
        return m

    module("airflow", **({} if airflow3 else {"DAG": DAG}))
    if airflow3:
        module("airflow.sdk", DAG=DAG)
    module("airflow.timetables")
    module("airflow.timetables.interval", CronDataIntervalTimetable=CronDataIntervalTimetable)
    for name in ["airflow.providers", "airflow.providers.apache", "airflow.providers.apache.spark",
                 "airflow.providers.apache.spark.operators"]:
        module(name)
    module("airflow.providers.apache.spark.operators.spark_submit", SparkSubmitOperator=SparkSubmitOperator)


def _load(path, airflow3):
    _install(airflow3)
    LOADED.clear()
    namespace = {"__name__": "storyline_nightly_check", "__file__": path}
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), namespace)
    if len(LOADED) != 1:
        raise CheckError(f"expected one DAG, found {len(LOADED)}")
    return LOADED[0]


def _render(value, ds):
    if isinstance(value, str):
        rendered = value.replace("{{ ds }}", ds)
        if "{{" in rendered or "{%" in rendered:
            raise CheckError(f"a template this check cannot render: {value!r}")
        return rendered
    if isinstance(value, list):
        return [_render(v, ds) for v in value]
    if isinstance(value, dict):
        return {k: _render(v, ds) for k, v in value.items()}
    return value


def _describe(dag, ds):
    tasks = []
    for task in dag.tasks:
        k = task.kwargs
        if not k.get("retries"):
            raise CheckError(f"{k['task_id']}: no retries")
        tasks.append({
            "task_id": k["task_id"],
            "java_class": k.get("java_class"),
            "application": k.get("application"),
            "retries": k.get("retries"),
            "retry_delay_seconds": k["retry_delay"].total_seconds() if k.get("retry_delay") else None,
            "execution_timeout_seconds": k["execution_timeout"].total_seconds() if k.get("execution_timeout") else None,
            "executor_memory": k.get("executor_memory"),
            "executor_cores": k.get("executor_cores"),
            "application_args": k.get("application_args"),
            "rendered_application_args": _render(k.get("application_args") or [], ds),
            "conf": k.get("conf"),
            "rendered_conf": _render(k.get("conf") or {}, ds),
            "rendered_name": _render(k.get("name"), ds),
        })
    return {
        "dag_id": dag.dag_id,
        "schedule": repr(dag.kwargs["schedule"]),
        "catchup": dag.kwargs.get("catchup"),
        "max_active_runs": dag.kwargs.get("max_active_runs"),
        "ds": ds,
        "tasks": tasks,
    }


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "storyline_nightly.py")
    ds = "2025-09-03"
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--ds":
            ds = args.pop(0)
        else:
            path = a
    try:
        with open(path, encoding="utf-8") as f:
            compile(f.read(), path, "exec")
        described = None
        for airflow3 in (True, False):
            d = _describe(_load(path, airflow3), ds)
            if described is not None and d != described:
                raise CheckError("the DAG differs between the Airflow 2 and Airflow 3 module layouts")
            described = d
    except (CheckError, SyntaxError, ImportError) as e:
        print(f"check_dag: {path}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(json.dumps(described, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
