#!/usr/bin/env bash
# Installs what the notebooks in notebooks/ need, for the current user:
#   1. Jupyter with nbconvert, from Debian's packages, when `jupyter nbconvert` is missing (apt-get; sudo when not root);
#   2. the Java kernel io.github.padreati:rapaio-jupyter-kernel (MIT, from Maven Central, via mvn dependency:copy);
#   3. its kernel spec `storyline-java` under $(jupyter --data-dir)/kernels, written by hand (java with the JVM flags
#      Spark needs on Java 17);
#   4. target/notebook-jars: links to the jars the notebooks load with %jar (Spark from target/local-classpath.txt,
#      XChart), built by scripts/notebook-jars.sh.
# Idempotent: run it again after `mvn clean`. Options: --no-apt (never install packages), --no-jars (skip step 4).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KERNEL_GROUP=io.github.padreati
KERNEL_ARTIFACT=rapaio-jupyter-kernel
KERNEL_VERSION=3.0.1
KERNEL_NAME=storyline-java
APT=1
JARS=1
for arg in "$@"; do
  case "$arg" in
    --no-apt) APT=0 ;;
    --no-jars) JARS=0 ;;
    *) echo "install-notebooks: unknown option $arg (use --no-apt, --no-jars)" >&2; exit 2 ;;
  esac
done

# Debian's jupyter runs on /usr/bin/python3; a pyenv or venv python3 earlier on PATH does not see it.
has_nbconvert() {
  command -v jupyter >/dev/null 2>&1 && jupyter nbconvert --version >/dev/null 2>&1
}

if ! has_nbconvert; then
  if [[ $APT -eq 0 ]]; then
    echo "install-notebooks: jupyter nbconvert is missing and --no-apt was given" >&2
    exit 1
  fi
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    SUDO=(sudo)
  fi
  PACKAGES=(jupyter-notebook jupyter-nbconvert python3-ipykernel)
  echo "install-notebooks: installing ${PACKAGES[*]} (apt-get)" >&2
  if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"; then
    "${SUDO[@]}" apt-get update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
  fi
  hash -r
  has_nbconvert || { echo "install-notebooks: jupyter nbconvert still missing after apt-get" >&2; exit 1; }
fi

DATA_DIR="$(jupyter --data-dir)"
KERNEL_DIR="$DATA_DIR/kernels/$KERNEL_NAME"
JAR="$KERNEL_DIR/$KERNEL_ARTIFACT-$KERNEL_VERSION.jar"
mkdir -p "$KERNEL_DIR"
if [[ ! -f "$JAR" ]]; then
  echo "install-notebooks: fetching $KERNEL_GROUP:$KERNEL_ARTIFACT:$KERNEL_VERSION (mvn dependency:copy)" >&2
  (cd "$ROOT" && mvn -q -B dependency:copy -Dartifact="$KERNEL_GROUP:$KERNEL_ARTIFACT:$KERNEL_VERSION" \
    -DoutputDirectory="$KERNEL_DIR")
fi

JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVA_BIN="$(command -v "$JAVA_BIN")"
# The JVM flags Spark needs on Java 17 (as bin/storyline), one JSON string each.
# shellcheck source=scripts/java-opens.sh
source "$ROOT/scripts/java-opens.sh"
FLAGS=(-Xmx"${STORYLINE_NOTEBOOK_MEMORY:-3g}" "${JAVA_OPENS[@]}"
  -Djava.awt.headless=true -Dlog4j2.configurationFile="$ROOT/conf/log4j2-test.properties")
{
  echo '{'
  echo '  "argv": ['
  printf '    "%s",\n' "$JAVA_BIN" "${FLAGS[@]}" -jar "$JAR"
  echo '    "{connection_file}"'
  echo '  ],'
  echo "  \"display_name\": \"Java (Storyline, rapaio $KERNEL_VERSION)\","
  echo '  "language": "java",'
  echo '  "interrupt_mode": "message",'
  echo '  "env": {'
  echo '    "SPARK_LOCAL_IP": "127.0.0.1",'
  echo '    "RJK_CLASSPATH": "",'
  echo '    "RJK_COMPILER_OPTIONS": "",'
  echo '    "RJK_INIT_SCRIPT": "",'
  echo '    "RJK_TIMEOUT_MILLIS": "-1"'
  echo '  }'
  echo '}'
} > "$KERNEL_DIR/kernel.json"
echo "install-notebooks: kernel '$KERNEL_NAME' installed in $KERNEL_DIR" >&2

if [[ $JARS -eq 1 ]]; then
  "$ROOT/scripts/notebook-jars.sh"
fi
