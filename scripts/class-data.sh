# Sourced by start-local.sh and bench/run.sh, after java-env.sh. Each service keeps the classes it loads at start
# and maps them at the next start instead of loading them again: on JDK 25 an AOT cache (the classes loaded and
# linked, with the methods' profiles), on earlier JDKs a dynamic class-data archive. Either is written as the JVM
# exits, by a start that has none yet.
if java -XX:+PrintFlagsFinal -version 2>/dev/null | grep -qw AOTCacheOutput; then
  CLASS_DATA_KIND=aot
else
  CLASS_DATA_KIND=jsa
fi

# class_data_file BASE BUILD: the file for BASE (BASE.aot or BASE.jsa), removed first when the build in directory
# BUILD is newer: the JVM refuses one of an older build, and does not make it again by itself.
class_data_file() {
  local file="$1.$CLASS_DATA_KIND"
  if [ -f "$file" ] && [ -n "$(find "$2" -type f -newer "$file" | head -1)" ]; then
    rm -f "$file"
  fi
  echo "$file"
}

# class_data_opts FILE: the JVM options that map FILE, or that write it as the JVM exits when there is none yet.
class_data_opts() {
  if [ "$CLASS_DATA_KIND" = jsa ]; then
    echo "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$1"
  elif [ -f "$1" ]; then
    echo "-XX:AOTCache=$1"
  else
    echo "-XX:AOTCacheOutput=$1"
  fi
}
