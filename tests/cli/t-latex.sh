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
(cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error fig-relu-eoc-rate.tex >flog.txt 2>&1) \
    || { echo "FAIL figure does not compile"; tail -30 "$tmp/flog.txt"; exit 1; }
[ -s "$tmp/doc.pdf" ] && [ -s "$tmp/fig-relu-eoc-rate.pdf" ] || { echo "FAIL no PDF"; exit 1; }
echo "2 passed, 0 failed"
