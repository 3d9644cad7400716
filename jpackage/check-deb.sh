#!/usr/bin/env bash
# Checks a .deb made by build.sh without installing it: extracts it into a temporary folder and, with no display and
# an empty home, runs its launcher (through a link, as /usr/bin/rerank-workbench is) for --version and a rerank of
# the sample candidates; checks the desktop entry, the .rwb MIME type, the maintainer scripts, the launcher's Java
# options, that only this platform's native libraries are inside, and the installed size.
#
#   jpackage/check-deb.sh [PACKAGE.deb]     (default: the one .deb in target/jpackage/)
#
# Needs dpkg-deb, the JDK's jar tool, and desktop-file-validate (Debian: desktop-file-utils).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# The three bundled models are 147 MB of it (all-MiniLM-L6-v2 90 MB, bge-small-en-v1.5-q 34 MB, the int8
# all-MiniLM-L6-v2-q 23 MB); the Java runtime about 51 MB. The budget leaves ~13 MiB of room over 2026-12-06's 217 MiB.
max_installed_mib=230
app=/opt/rerank-workbench
launcher=$app/bin/rerank-workbench

failures=0
ok() { echo "  ok   $*"; }
bad() { echo "  FAIL $*"; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...
    local what="$1"
    shift
    if "$@"; then ok "$what"; else bad "$what"; fi
}

deb="${1:-}"
if [ -z "$deb" ]; then
    debs=("$root"/target/jpackage/rerank-workbench_*.deb)
    [ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || { echo "check-deb.sh: expected one .deb in target/jpackage/, found: ${debs[*]}" >&2; exit 2; }
    deb="${debs[0]}"
fi
for tool in dpkg-deb jar desktop-file-validate; do
    command -v "$tool" >/dev/null 2>&1 || { echo "check-deb.sh: $tool is needed" >&2; exit 2; }
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "checking $deb"
dpkg-deb -x "$deb" "$tmp/root"
dpkg-deb -e "$deb" "$tmp/control"
tree="$tmp/root$app"

# Package metadata.
field() { sed -n "s/^$1: //p" "$tmp/control/control"; }
check "package name is rerank-workbench" [ "$(field Package)" = rerank-workbench ]
depends="$(field Depends | tr ',|' '\n\n' | sed -e 's/(.*//' -e 's/[[:space:]]//g')"
for dep in libgtk-3-0 libstdc++6 xdg-utils; do
    check "depends on $dep" grep -qxF "$dep" <<<"$depends"
done
check "nothing installed outside $app" [ "$(cd "$tmp/root" && find . -mindepth 1 -maxdepth 1)" = ./opt ]

# The command on the PATH: postinst links /usr/bin/rerank-workbench to the launcher; prerm removes it.
check "postinst links /usr/bin/rerank-workbench to the launcher" \
    grep -qF "ln -sf $launcher /usr/bin/rerank-workbench" "$tmp/control/postinst"
check "prerm removes the link" grep -qF "rm -f /usr/bin/rerank-workbench" "$tmp/control/prerm"
for script in preinst postinst prerm postrm; do
    [ ! -f "$tmp/control/$script" ] || check "$script is valid sh" sh -n "$tmp/control/$script"
done
executable_file() { [ -f "$1" ] && [ -x "$1" ]; }
check "the launcher is an executable file" executable_file "$tmp/root$launcher"
mkdir -p "$tmp/bin" "$tmp/home" "$tmp/tmp"
ln -s "$tmp/root$launcher" "$tmp/bin/rerank-workbench"

# Runs the linked command headless with an empty home (natives are extracted there) and a private temp folder.
run() {
    env -u DISPLAY -u WAYLAND_DISPLAY -u OPT_OUT_TRACKING -u DJL_OFFLINE -u JAVA_TOOL_OPTIONS \
        HOME="$tmp/home" TMPDIR="$tmp/tmp" PATH="$tmp/bin:$PATH" rerank-workbench "$@"
}

version="$(field Version)"
version="${version%-*}"
if out="$(run --version 2>"$tmp/err")"; then
    check "--version prints 'Rerank Workbench $version'" [ "$out" = "Rerank Workbench $version" ]
    check "--version writes nothing to stderr" [ ! -s "$tmp/err" ]
else
    bad "--version failed: $(cat "$tmp/err")"
fi

start=$SECONDS
if run rerank --query "capital of France" --candidates "$root/sample-projects/european-capitals/candidates.txt" \
        --top-k 5 >"$tmp/out" 2>"$tmp/err"; then
    ok "rerank over the sample candidates ran in $((SECONDS - start)) s"
    check "rerank printed a header and 5 rows" [ "$(wc -l <"$tmp/out")" -eq 6 ]
    check "rerank put Paris first" grep -q "Paris is the capital" <(sed -n 2p "$tmp/out")
    check "rerank wrote no errors" [ -z "$(grep -iE 'error|exception' "$tmp/err")" ]
else
    bad "rerank failed: $(cat "$tmp/err")"
fi
sed 's/^/       /' "$tmp/out" | cut -c1-110

# A missing project file is refused by the command line, before any window (what a desktop double-click runs).
refused_missing_project() {
    local code=0
    run "$tmp/missing.rwb" >/dev/null 2>"$tmp/err" || code=$?
    [ "$code" -eq 2 ] && grep -q "missing.rwb: no such project file" "$tmp/err"
}
check "a missing .rwb argument exits 2 with 'no such project file'" refused_missing_project

# The launcher's Java options keep DJL offline and untracked.
cfg="$tree/lib/app/rerank-workbench.cfg"
for option in -Dai.djl.offline=true -DOPT_OUT_TRACKING=true; do
    check "the launcher passes $option" grep -qxF "java-options=$option" "$cfg"
done

# The desktop entry and the .rwb MIME type, as postinst registers them.
desktop="$tree/lib/rerank-workbench-rerank-workbench.desktop"
mimeinfo="$tree/lib/rerank-workbench-rerank-workbench-MimeInfo.xml"
entry() { sed -n "s/^$1=//p" "$desktop"; }
if [ -f "$desktop" ]; then
    check "desktop-file-validate accepts the desktop entry" desktop-file-validate "$desktop"
    check "Name=Rerank Workbench" [ "$(entry Name)" = "Rerank Workbench" ]
    check "Exec runs the launcher with the opened file (%f)" [ "$(entry Exec)" = "$launcher %f" ]
    png() { [ -f "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }
    icon="$(entry Icon)"
    check "Icon $icon is in the package and is a PNG" png "$tmp/root$icon"
    check "MimeType=application/x-rerank-workbench-project" \
        [ "$(entry MimeType | sed 's/;$//')" = application/x-rerank-workbench-project ]
    check "Categories=Development;" [ "$(entry Categories)" = "Development;" ]
    check "StartupWMClass is the window's WM_CLASS" [ "$(entry StartupWMClass)" = io.rerankworkbench.ui.WorkbenchApp ]
    check "postinst installs the desktop entry" \
        grep -qF "xdg-desktop-menu install ${desktop#"$tmp/root"}" "$tmp/control/postinst"
else
    bad "no desktop entry at ${desktop#"$tmp/root"}"
fi
maps_rwb() {
    grep -q '<mime-type type="application/x-rerank-workbench-project">' "$mimeinfo" && grep -qF '<glob pattern="*.rwb">' "$mimeinfo"
}
check "the MIME type maps *.rwb to application/x-rerank-workbench-project" maps_rwb
check "postinst registers the MIME type" grep -qF "xdg-mime install ${mimeinfo#"$tmp/root"}" "$tmp/control/postinst"

# Only this platform's native libraries (build.sh strips the others).
# only_natives JAR FOLDER: the jar holds native libraries, all of them under FOLDER.
only_natives() {
    local all
    [ -f "$1" ] && all="$(jar tf "$1" | grep -E '\.(so|dylib|dll|jnilib)$')" && ! grep -vqF "$2" <<<"$all"
}
lib="$tree/lib/app/lib"
for pattern in 'onnxruntime-*.jar:/linux-x64/' 'tokenizers-*.jar:/linux-x86_64/' 'sqlite-jdbc-*.jar:/Linux/x86_64/' \
        'jna-[0-9]*.jar:/linux-x86-64/'; do
    jars=("$lib"/${pattern%%:*})
    check "${pattern%%:*} holds only ${pattern#*:} natives" only_natives "${jars[0]}" "${pattern#*:}"
done

size_mib="$(du -sm "$tree" | cut -f1)"
echo "  installed size: $(du -sh "$tree" | cut -f1) ($size_mib MiB; runtime $(du -sh "$tree/lib/runtime" | cut -f1), app $(du -sh "$tree/lib/app" | cut -f1))"
check "installed size ≤ $max_installed_mib MiB" [ "$size_mib" -le "$max_installed_mib" ]

if [ "$failures" -gt 0 ]; then
    echo "check-deb.sh: $failures check(s) failed" >&2
    exit 1
fi
echo "check-deb.sh: all checks passed"
