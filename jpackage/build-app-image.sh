#!/usr/bin/env bash
# Builds a self-contained application image (bundled Java runtime, no JDK needed on the target machine) for the
# current OS with jpackage. Run from anywhere after `mvn package`; the image lands in target/jpackage/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/target"
[ -f "$target/rerank-workbench.jar" ] || { echo "run 'mvn package' first" >&2; exit 1; }

input="$target/jpackage-input"
rm -rf "$input" "$target/jpackage"
mkdir -p "$input"
cp "$target/rerank-workbench.jar" "$input/"
cp -r "$target/lib" "$input/"

case "$(uname -s)" in
    Darwin) icon="$root/assets/icons/rerank-workbench.icns" ;;
    MINGW*|MSYS*|CYGWIN*) icon="$root/assets/icons/rerank-workbench.ico" ;;
    *) icon="$root/assets/icons/icon-256.png" ;;
esac

version="$(sed -n 's/^version=//p' "$root/target/classes/io/rerankworkbench/version.properties")"

# shellcheck disable=SC2046
jpackage --type app-image \
    --name "Rerank Workbench" \
    --app-version "${version%%-*}" \
    --vendor "Rerank Workbench" \
    --input "$input" \
    --main-jar rerank-workbench.jar \
    --main-class io.rerankworkbench.Main \
    --icon "$icon" \
    --dest "$target/jpackage" \
    --add-modules "$(paste -sd, "$root/jpackage/modules.txt")" \
    $(sed 's/^/--java-options /' "$root/jpackage/java-options.txt")

echo "app image: $target/jpackage"
