// The search words marked in a cell, for the index pages' searches: td holds the text with each occurrence of q in a
// <mark>, built from text nodes, so nothing from a document is parsed as HTML; `lower` is what is searched (the text
// or its Simplified form, of the same length, lowercased). Returns td.
function plankgMark(td, text, lower, q) {
  "use strict";
  td.replaceChildren();
  let at = 0;
  for (let i = q ? lower.indexOf(q) : -1; i >= 0; i = lower.indexOf(q, at)) {
    td.append(text.slice(at, i));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(i, i + q.length);
    td.append(mark);
    at = i + q.length;
  }
  td.append(text.slice(at));
  return td;
}
