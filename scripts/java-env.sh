# Sourced by the scripts: picks a Java 21+ for Maven and the services.
# An explicit JAVA_HOME wins; otherwise the Temurin 25 JDK where it is installed.
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ -n "${JAVA_HOME:-}" ]; then
  export PATH="$JAVA_HOME/bin:$PATH"
fi
java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
if [ -z "$java_major" ] || [ "${java_major%%.*}" -lt 21 ]; then
  echo "flux-suite needs Java 21 or newer; found '${java_major:-none}'. Set JAVA_HOME to a JDK 21+." >&2
  exit 1
fi
