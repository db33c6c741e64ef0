#!/usr/bin/env bash
# What a consumer of a released EDP gets from Maven Central, checked in a local repository that a release build
# (`mvn -Prelease install`) wrote: for each published module its jar, -sources.jar and -javadoc.jar, and a pom
# whose effective metadata has what Central requires (name, description, url, licenses, developers, scm).
#   tools/release/check-artifacts.sh REPOSITORY
set -euo pipefail
repo="${1:?usage: check-artifacts.sh LOCAL_REPOSITORY}"
version=0.1.0
published=(edp-events edp-runtime edp-testing edp-pattern edp-provider)
missing=()
for artifact in "${published[@]}"; do
  dir="$repo/dev/edp/$artifact/$version"
  for file in "$artifact-$version.jar" "$artifact-$version-sources.jar" "$artifact-$version-javadoc.jar" "$artifact-$version.pom"; do
    [[ -s "$dir/$file" ]] || missing+=("dev/edp/$artifact/$version/$file")
  done
done
parent="$repo/dev/edp/edp-parent/$version/edp-parent-$version.pom"
[[ -s "$parent" ]] || missing+=("dev/edp/edp-parent/$version/edp-parent-$version.pom")
if (( ${#missing[@]} )); then
  printf 'check-artifacts: missing from the release build: %s\n' "${missing[@]}" >&2
  exit 1
fi
# Central's pom rules, on the parent every published pom inherits them from.
for element in "<name>" "<description>" "<url>" "<licenses>" "<developers>" "<scm>"; do
  grep -q "$element" "$parent" || { echo "check-artifacts: $parent has no $element" >&2; exit 1; }
done
echo "release artifacts: ${#published[@]} modules with jar, sources, javadoc and pom; parent pom metadata complete"
