#!/bin/sh
# The LaTeX tables and a pgfplots figure written by verify compile with
# pdflatex (exit 77 = skipped when pdflatex or a package is missing).
exe="$1"; dir="$2"
command -v pdflatex >/dev/null 2>&1 || { echo "pdflatex not found: skipped"; exit 77; }
for sty in booktabs siunitx pgfplots standalone; do
    kpsewhich "$sty.sty" >/dev/null 2>&1 || { echo "$sty.sty not installed: skipped"; exit 77; }
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$exe" verify --quiet --claims "$dir/relu.ini" --out "$tmp" >/dev/null
[ -s "$tmp/summary.tex" ] || { echo "FAIL no summary.tex"; exit 1; }
cat > "$tmp/doc.tex" <<'TEX'
\documentclass{article}
\usepackage[margin=2cm]{geometry}
\usepackage{booktabs}
\usepackage{siunitx}
\begin{document}
\input{summary.tex}
\input{user.tex}
\end{document}
TEX
(cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error doc.tex >log.txt 2>&1) \
    || { echo "FAIL tables do not compile"; tail -30 "$tmp/log.txt"; exit 1; }
# the figures: expressions in typewriter type (relu-eoc-rate), the claim's
# LaTeX (ntk-limit), a refuted claim; none for the identities
n=0
for f in fig-relu-eoc-rate fig-ntk-limit fig-wrong-constant; do
    [ -s "$tmp/$f.tex" ] || { echo "FAIL no $f.tex"; exit 1; }
    (cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error $f.tex >flog.txt 2>&1) \
        || { echo "FAIL $f does not compile"; tail -30 "$tmp/flog.txt"; exit 1; }
    [ -s "$tmp/$f.pdf" ] || { echo "FAIL no $f.pdf"; exit 1; }
    n=$((n + 1))
done
for f in fig-ntk-diagonal fig-wrong-identity; do
    [ -e "$tmp/$f.tex" ] && { echo "FAIL $f.tex written for an identity"; exit 1; }
done
grep -q 'Theta^L_{12}/L' "$tmp/fig-ntk-limit.tex" || { echo "FAIL quantity_tex not used"; exit 1; }
grep -q '^% caption: ntk-limit (holds' "$tmp/fig-ntk-limit.tex" || { echo "FAIL no caption line"; exit 1; }
[ -s "$tmp/doc.pdf" ] || { echo "FAIL no PDF"; exit 1; }
echo "$((n + 1)) passed, 0 failed"
