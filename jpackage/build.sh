#!/usr/bin/env bash
# Builds Rerank Workbench for the OS it runs on with jpackage: a self-contained app image or an installer, each with
# its own trimmed Java runtime, only this platform's native libraries, the icon, the .rwb file association and the
# DJL offline flags. Run after `mvn package` (it needs target/rerank-workbench.jar and target/lib/).
#
#   jpackage/build.sh [--type TYPE] [--dest DIR] [--maintainer EMAIL]
#
#   --type        app-image (any OS) · deb | rpm (Linux) · msi | exe (Windows) · dmg | pkg (macOS).
#                 Default: deb on Linux, msi on Windows, dmg on macOS.
#   --dest        where the result goes (default target/jpackage/).
#   --maintainer  the e-mail address in a .deb's Maintainer field (jpackage writes "Unknown" without it).
#
# A .deb is gzip-compressed: its bulk is already-compressed jars, and xz took 15 times as long for 2% less. Set
# DPKG_DEB_COMPRESSOR_TYPE=xz for the smallest file.
#
# Linux needs fakeroot and dpkg-deb for deb (rpmbuild for rpm); Windows needs the WiX Toolset 3 on the PATH
# for msi/exe; macOS needs Xcode's command-line tools. See jpackage/README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
target="$root/target"

fail() {
    echo "build.sh: $*" >&2
    exit 1
}

usage() {
    awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"
}

type=""
dest="$target/jpackage"
maintainer=""
while [ $# -gt 0 ]; do
    case "$1" in
        --type) [ $# -ge 2 ] || fail "--type needs a value"; type="$2"; shift 2 ;;
        --type=*) type="${1#--type=}"; shift ;;
        --dest) [ $# -ge 2 ] || fail "--dest needs a value"; dest="$2"; shift 2 ;;
        --dest=*) dest="${1#--dest=}"; shift ;;
        --maintainer) [ $# -ge 2 ] || fail "--maintainer needs a value"; maintainer="$2"; shift 2 ;;
        --maintainer=*) maintainer="${1#--maintainer=}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) fail "unknown argument '$1' (see --help)" ;;
    esac
done

case "$(uname -s)" in
    Linux) os=linux; types="app-image deb rpm"; default_type=deb ;;
    Darwin) os=mac; types="app-image dmg pkg"; default_type=dmg ;;
    MINGW*|MSYS*|CYGWIN*) os=windows; types="app-image msi exe"; default_type=msi ;;
    *) fail "unsupported OS: $(uname -s)" ;;
esac
type="${type:-$default_type}"
case " $types " in
    *" $type "*) ;;
    *) fail "--type $type cannot be built on $os (choose one of: $types)" ;;
esac

case "$(uname -m)" in
    x86_64|amd64|AMD64) arch=x64 ;;
    aarch64|arm64) arch=aarch64 ;;
    *) fail "unsupported CPU architecture: $(uname -m)" ;;
esac

# jpackage and java from JAVA_HOME when it is set, else from the PATH.
bin="${JAVA_HOME:+$JAVA_HOME/bin/}"
jpackage="${bin}jpackage"
java="${bin}java"
command -v "$jpackage" >/dev/null 2>&1 || fail "jpackage not found: install a JDK 17+ (Debian: openjdk-17-jdk-headless) or set JAVA_HOME"
case "$type" in
    deb) for tool in fakeroot dpkg-deb; do
             command -v "$tool" >/dev/null 2>&1 || fail "$tool is needed for a .deb (Debian: apt-get install fakeroot)"
         done ;;
    rpm) command -v rpmbuild >/dev/null 2>&1 || fail "rpmbuild is needed for an .rpm (Debian: apt-get install rpm)" ;;
esac

# Paths for the JDK's tools: Windows-style under Git Bash/MSYS, unchanged elsewhere.
native() {
    if [ "$os" = windows ] && command -v cygpath >/dev/null 2>&1; then cygpath -w "$1"; else printf '%s\n' "$1"; fi
}

# Lines of a list file without comments and blank lines.
entries() {
    sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$1"
}

[ -f "$target/rerank-workbench.jar" ] && [ -d "$target/lib" ] || fail "run 'mvn package' first (no target/rerank-workbench.jar or target/lib/)"
version="$(sed -n 's/^version=//p' "$target/classes/io/rerankworkbench/version.properties" 2>/dev/null || true)"
[ -n "$version" ] || fail "no version in target/classes/io/rerankworkbench/version.properties: run 'mvn package' first"
version="${version%%-*}" # installers want plain numbers: 0.1.0-SNAPSHOT → 0.1.0

# The input folder: the app jar and its libraries, with native libraries for other platforms left out.
input="$target/jpackage-input"
work="$target/jpackage-work"
rm -rf "$input" "$work"
mkdir -p "$input/lib" "$work" "$dest"
cp "$target/rerank-workbench.jar" "$input/"
# Only the libraries the app jar's manifest names: target/lib can hold stale jars from earlier builds.
(cd "$work" && "${bin}jar" xf "$(native "$target/rerank-workbench.jar")" META-INF/MANIFEST.MF)
classpath="$(tr -d '\r' <"$work/META-INF/MANIFEST.MF" | awk '/^Class-Path:/ {on = 1; sub(/^Class-Path: /, ""); printf "%s", $0; next}
    on && /^ / {sub(/^ /, ""); printf "%s", $0; next} {on = 0}')"
[ -n "$classpath" ] || fail "target/rerank-workbench.jar has no Class-Path in its manifest"
for jar in $classpath; do
    [ -f "$target/$jar" ] || fail "target/$jar (named in the app jar's manifest) is missing: run 'mvn package'"
    cp "$target/$jar" "$input/lib/"
done

# Platform folder names differ per library.
case "$os-$arch" in
    linux-x64) onnx=linux-x64 tokenizers=linux-x86_64 sqlite=Linux/x86_64 jna=linux-x86-64 ;;
    linux-aarch64) onnx=linux-aarch64 tokenizers=linux-aarch64 sqlite=Linux/aarch64 jna=linux-aarch64 ;;
    mac-x64) onnx=osx-x64 tokenizers=osx-x86_64 sqlite=Mac/x86_64 jna=darwin-x86-64 ;;
    mac-aarch64) onnx=osx-aarch64 tokenizers=osx-aarch64 sqlite=Mac/aarch64 jna=darwin-aarch64 ;;
    windows-x64) onnx=win-x64 tokenizers=win-x86_64 sqlite=Windows/x86_64 jna=win32-x86-64 ;;
    windows-aarch64) onnx=win-aarch64 tokenizers=win-aarch64 sqlite=Windows/aarch64 jna=win32-aarch64 ;;
esac

# strip_natives JAR_PATTERN ROOT KEEP [--libraries-only]: keeps only ROOT/KEEP/ of the natives in the one jar
# matching the pattern (see StripNatives.java).
strip_natives() {
    local jars=("$input/lib/"$1)
    [ ${#jars[@]} -eq 1 ] && [ -f "${jars[0]}" ] || fail "expected one $1 in target/lib, found: ${jars[*]}"
    "$java" "$(native "$here/StripNatives.java")" "$(native "${jars[0]}")" "$(native "$work/stripped.jar")" "${@:2}"
    mv "$work/stripped.jar" "${jars[0]}"
}
strip_natives 'onnxruntime-[0-9]*.jar' ai/onnxruntime/native "$onnx"
strip_natives 'tokenizers-[0-9]*.jar' native/lib "$tokenizers"
strip_natives 'sqlite-jdbc-[0-9]*.jar' org/sqlite/native "$sqlite"
strip_natives 'jna-[0-9]*.jar' com/sun/jna "$jna" --libraries-only

# On Linux jpackage installs the document icon as a 128×128 one, whatever its size.
case "$os" in
    linux) icon="$root/assets/icons/icon-256.png"; document_icon="$root/assets/icons/icon-128.png"; name=rerank-workbench ;;
    mac) icon="$root/assets/icons/rerank-workbench.icns"; document_icon="$icon"; name="Rerank Workbench" ;;
    windows) icon="$root/assets/icons/rerank-workbench.ico"; document_icon="$icon"; name="Rerank Workbench" ;;
esac

associations="$work/rwb-file-association.properties"
cp "$here/rwb-file-association.properties" "$associations"
printf 'icon=%s\n' "$(native "$document_icon" | sed 's/\\/\\\\/g')" >>"$associations"

args=(
    --type "$type"
    --name "$name"
    --app-version "$version"
    --vendor "Rerank Workbench"
    --description "Rerank, explain, compare and label search results"
    --input "$(native "$input")"
    --main-jar rerank-workbench.jar
    --main-class io.rerankworkbench.Main
    --icon "$(native "$icon")"
    --dest "$(native "$dest")"
    --add-modules "$(entries "$here/modules.txt" | paste -sd, -)"
    # jpackage's defaults (strip native commands, debug symbols, man pages, headers) plus compression.
    --jlink-options "--strip-native-commands --strip-debug --no-man-pages --no-header-files --compress=2"
)
while IFS= read -r option; do
    args+=(--java-options "$option")
done < <(entries "$here/java-options.txt")

if [ "$type" != app-image ]; then
    args+=(--file-associations "$(native "$associations")")
    case "$os" in
        linux)
            # JavaFX loads GTK, OpenGL and font libraries at run time, and ONNX Runtime and the tokenizers need the
            # C++ runtime: jpackage cannot see libraries inside jars. It adds what the Java runtime links to itself.
            args+=(
                --linux-package-name rerank-workbench
                --linux-app-category utils
                --linux-menu-group "Development;"
                --linux-shortcut
                --linux-package-deps "libgtk-3-0, libgl1, libxxf86vm1, libfontconfig1, libfreetype6, libstdc++6"
                --resource-dir "$here/resources/linux"
            )
            [ -z "$maintainer" ] || args+=(--linux-deb-maintainer "$maintainer")
            export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
            ;;
        windows)
            args+=(
                --win-menu --win-menu-group "Rerank Workbench" --win-shortcut --win-dir-chooser
                --win-upgrade-uuid 5f0c3c4e-8a52-4d0e-9b1a-2f6f0e3d7c41
                # The main launcher is a GUI program and prints nothing; this one is for the Command Prompt.
                --add-launcher "rerank-workbench=$(native "$here/resources/windows/rerank-workbench-cli.properties")"
            )
            ;;
        mac)
            args+=(--mac-package-identifier io.rerankworkbench.RerankWorkbench --mac-package-name "Rerank Workbench")
            ;;
    esac
fi

# jpackage refuses to overwrite an app image; replace earlier results of this type.
if [ "$type" = app-image ]; then
    rm -rf "${dest:?}/$name" "$dest/$name.app"
else
    rm -f "$dest/$name"*."$type" "$dest"/rerank-workbench*."$type"
fi

start=$SECONDS
"$jpackage" "${args[@]}"
echo "built $type in $((SECONDS - start)) s:"
ls -l "$dest"
