// Marks, with the attribute `attr`, every element of this document whose shown text contains one of `needles`
// (already lower-case, NFKC, whitespace collapsed) as a whole word, and every text field holding a value; returns the
// marked elements so the caller can unmark exactly those. Bottom-up: the smallest element holding a value is
// marked, and the text of a marked element no longer counts for its ancestors, so a value split over inline
// elements (<b>RCM</b>ACTIVE01) marks their common parent and nothing larger. Reads the page; writes only `attr`.
({ needles, attr }) => {
  const wordChar = /[\p{L}\p{N}]/u;
  const norm = (s) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
  const holds = (raw) => {
    if (!raw) return false;
    const text = norm(raw);
    for (const n of needles) {
      for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + 1)) {
        const before = i > 0 ? text[i - 1] : '';
        const after = text.charAt(i + n.length);
        const openStart = !(before && wordChar.test(before) && wordChar.test(n[0]));
        const openEnd = !(after && wordChar.test(after) && wordChar.test(n[n.length - 1]));
        if (openStart && openEnd) return true;
      }
    }
    return false;
  };
  const skipped = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK']);
  const typedInput = new Set(['', 'text', 'search', 'email', 'tel', 'url', 'number', 'password', 'date', 'datetime-local',
    'month', 'week', 'time']);
  const marked = [];
  const mark = (el) => {
    if (!el.hasAttribute(attr)) {
      el.setAttribute(attr, '');
      marked.push(el);
    }
  };
  // the element's text as its ancestors should read it: '' once the element is marked
  const visit = (el) => {
    if (skipped.has(el.tagName)) return '';
    let text = '';
    const children = el.shadowRoot ? [...el.shadowRoot.childNodes, ...el.childNodes] : el.childNodes;
    for (const node of children) {
      if (node.nodeType === Node.TEXT_NODE) text += node.data;
      else if (node.nodeType === Node.ELEMENT_NODE) text += visit(node);
    }
    const tag = el.tagName;
    if (tag === 'INPUT') {
      const type = (el.getAttribute('type') || '').toLowerCase();
      if ((typedInput.has(type) && el.value !== '') || holds(el.value) || holds(el.placeholder)) mark(el);
    } else if (tag === 'TEXTAREA') {
      if (el.value !== '' || holds(el.placeholder)) mark(el);
    } else if (tag === 'SELECT') {
      if ([...el.selectedOptions].some((o) => holds(o.text))) mark(el);
    } else if (el.isContentEditable && el.textContent.trim() !== '' && !(el.parentElement && el.parentElement.isContentEditable)) {
      mark(el); // a typed-in editor is a filled field
    } else if (holds(text)) {
      mark(el);
    }
    return el.hasAttribute(attr) ? ' ' : text;
  };
  if (document.documentElement) visit(document.documentElement);
  return marked;
}
