# Sourced by start-local.sh and bench/run.sh, after java-env.sh.
# aot_cache_opts MODULE: the JVM option that maps MODULE's trained AOT cache (scripts/build.sh), or nothing when its
# build has none, or one older than its jars (a later build without the integration tests): the JVM refuses those.
aot_cache_opts() {
  local app="$1/target/quarkus-app"
  if [ -f "$app/app.aot" ] && [ -z "$(find "$app" -name '*.jar' -newer "$app/app.aot" | head -1)" ]; then
    echo "-XX:AOTCache=$app/app.aot"
  fi
}
