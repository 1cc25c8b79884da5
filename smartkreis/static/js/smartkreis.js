// Filter panels (details[data-sk-open-wide]) are folded on phones, so the results come first;
// on wider screens they open, as if they were no panel. Without this script they stay folded,
// one click away.
for (const panel of document.querySelectorAll("details[data-sk-open-wide]")) {
  if (window.matchMedia("(min-width: 48rem)").matches) {
    panel.open = true;
  }
}
