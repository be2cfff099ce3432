#!/usr/bin/env bash
# Compile a whole catalogue's export with the real tools; fail on any error or warning.
#
#   scripts/check-latex.sh [CATALOGUE.yaml]     (default: the bundled catalogue)
#
# Runs: the BibTeX export (UTF-8 and --ascii) with bibtex, styles plain and unsrt; the BibTeX
# and the biblatex export with biblatex + biber; all under pdflatex.
# Needs: pdflatex, bibtex, biber (Debian: texlive-latex-base texlive-latex-recommended
# texlive-bibtex-extra biber). SORA_REFS sets the command (default: sora-refs on PATH).
# Exit status: 0 all clean, 1 an error or warning (the log lines are printed), 2 tools missing.
set -u -o pipefail

sora=${SORA_REFS:-sora-refs}
for tool in pdflatex bibtex biber; do
    command -v "$tool" >/dev/null || { echo "check-latex: $tool not found" >&2; exit 2; }
done
catalogue=()
[ $# -ge 1 ] && catalogue=(--catalogue "$(realpath "$1")")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2

# shellcheck disable=SC2086
$sora "${catalogue[@]}" export --format bibtex -o utf8.bib 2>/dev/null || { echo "export failed" >&2; exit 1; }
$sora "${catalogue[@]}" export --format bibtex --ascii -o ascii.bib 2>/dev/null || exit 1
$sora "${catalogue[@]}" export --format biblatex -o biblatex.bib 2>/dev/null || exit 1
$sora "${catalogue[@]}" export --format biblatex --ascii -o biblatex-ascii.bib 2>/dev/null || exit 1

failed=0
fail() { echo "FAIL $1"; shift; printf '    %s\n' "$@"; failed=1; }

latex() {  # name: run pdflatex quietly, return its status
    pdflatex -interaction=nonstopmode -halt-on-error "$1" >/dev/null 2>&1
}

# Warnings in a LaTeX log, minus the ones a bibliography run cannot cause.
latex_warnings() {
    grep -E "Warning|^! |undefined|Missing character" "$1.log" \
        | grep -vE "Rerun to get|There were undefined references|Please \(re\)run" || true
}

check_bibtex() {  # bib style
    local name="bibtex-$2-$1"
    cat >"$name.tex" <<EOF
\documentclass{article}
\usepackage[utf8]{inputenc}
\begin{document}
\nocite{*}
\bibliographystyle{$2}
\bibliography{$1}
\end{document}
EOF
    latex "$name" || { fail "$name: pdflatex (first run)" "$(grep -A2 '^!' "$name.log" | head -6)"; return; }
    bibtex "$name" >"$name.bibtex-out" 2>&1
    local status=$?
    local problems
    problems=$(grep -E "Warning--|error message|I was expecting|I'm skipping|Illegal|Repeated entry" "$name.blg")
    if [ $status -ne 0 ] || [ -n "$problems" ]; then
        fail "$name: bibtex (status $status)" "$problems"; return
    fi
    latex "$name" && latex "$name" || { fail "$name: pdflatex" "$(grep -A2 '^!' "$name.log" | head -6)"; return; }
    problems=$(latex_warnings "$name")
    [ -n "$problems" ] && { fail "$name: pdflatex warnings" "$problems"; return; }
    echo "ok   $name ($(grep -c '^\\bibitem' "$name.bbl") entries)"
}

check_biber() {  # bib
    local name="biber-$1"
    cat >"$name.tex" <<EOF
\documentclass{article}
\usepackage[utf8]{inputenc}
\usepackage[backend=biber,style=numeric]{biblatex}
\addbibresource{$1.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
EOF
    latex "$name" || { fail "$name: pdflatex (first run)" "$(grep -A2 '^!' "$name.log" | head -6)"; return; }
    # --validate-datamodel: warn about missing required fields, as bibtex does.
    biber --validate-datamodel "$name" >"$name.biber-out" 2>&1
    local status=$?
    local problems
    problems=$(grep -E "WARN|ERROR" "$name.blg")
    if [ $status -ne 0 ] || [ -n "$problems" ]; then
        fail "$name: biber (status $status)" "$problems"; return
    fi
    latex "$name" && latex "$name" || { fail "$name: pdflatex" "$(grep -A2 '^!' "$name.log" | head -6)"; return; }
    problems=$(latex_warnings "$name")
    [ -n "$problems" ] && { fail "$name: pdflatex warnings" "$problems"; return; }
    echo "ok   $name ($(grep -c '\\entry{' "$name.bbl") entries)"
}

for style in plain unsrt; do
    check_bibtex utf8 "$style"
    check_bibtex ascii "$style"
done
for bib in utf8 biblatex biblatex-ascii; do
    check_biber "$bib"
done
exit $failed
