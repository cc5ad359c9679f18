// The layout checks of tests/browser/layout.py, run in the page: a list
// of problems, empty when there are none.
(() => {
  const problems = [];
  const root = document.documentElement;
  const name = (el) => el.tagName.toLowerCase()
    + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const hidden = (el) => {
    if (el.closest('.visually-hidden, .skip-link, .comment-form__trap, [hidden], noscript, template')) return true;
    const style = getComputedStyle(el);
    return style.display === 'none' || style.visibility === 'hidden';
  };
  const scrollsItself = (el) => {
    for (let box = el.parentElement; box; box = box.parentElement) {
      if (box === document.body || box === root) return false;
      const x = getComputedStyle(box).overflowX;
      if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true;
    }
    return false;
  };
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`horizontal scroll: the page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
  }
  const width = root.clientWidth;
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    if (el.closest('#wagtail-userbar, wagtail-userbar')) continue;
    if (hidden(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (scrollsItself(el)) continue;
    if (rect.left < -1 || rect.right > width + 1) {
      problems.push(`${name(el)} reaches past the window (${Math.round(rect.left)} to ${Math.round(rect.right)} of ${width}px)`);
      continue;
    }
    const style = getComputedStyle(el);
    if (style.overflowX === 'visible' && el.clientWidth > 0
        && el.scrollWidth > el.clientWidth + 1 && style.display !== 'inline') {
      problems.push(`${name(el)} overflows: content ${el.scrollWidth}px in a ${el.clientWidth}px box`);
    }
  }
  const footer = document.querySelector('.site-footer');
  if (!footer) {
    problems.push('no footer');
  } else {
    const bottom = footer.getBoundingClientRect().bottom + window.scrollY;
    const pageEnd = Math.max(root.scrollHeight, window.innerHeight);
    if (Math.abs(bottom - pageEnd) > 1) {
      problems.push(`the footer ends at ${Math.round(bottom)}px, the page at ${pageEnd}px`);
    }
  }
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])';
  const targets = [...document.body.querySelectorAll(selector)].filter(
    (el) => !hidden(el) && !el.closest('#wagtail-userbar, wagtail-userbar') && el.tagName !== 'MAIN'
  ).map((el) => ({el, rect: el.getBoundingClientRect()})).filter(({rect}) => rect.width > 0 && rect.height > 0);
  const small = ({rect}) => rect.width < 23.5 || rect.height < 23.5;
  const centre = ({rect}) => [rect.left + rect.width / 2, rect.top + rect.height / 2];
  const distanceToRect = ([x, y], rect) => Math.hypot(
    Math.max(rect.left - x, 0, x - rect.right), Math.max(rect.top - y, 0, y - rect.bottom));
  for (const target of targets) {
    const {el} = target;
    if (!small(target)) continue;
    // The spacing exception: a 24px circle on the target's centre meets no
    // other target, nor another small target's circle.
    const here = centre(target);
    const crowded = targets.some((other) => other !== target
      && !other.el.contains(el) && !el.contains(other.el)
      && (distanceToRect(here, other.rect) < 12
          || (small(other) && Math.hypot(here[0] - centre(other)[0], here[1] - centre(other)[1]) < 24)));
    if (!crowded) continue;
    const rect = target.rect;
    // A link in a sentence is exempt (2.5.8, "Inline"): inline, with text
    // of its block around it.
    if (getComputedStyle(el).display === 'inline') {
      const block = el.parentElement.closest('p, li, dd, td, th, figcaption, span, div, label, small, h1, h2, h3, h4, legend');
      // The block's own words, not those of other links and buttons.
      let text = '';
      if (block) {
        const words = block.cloneNode(true);
        words.querySelectorAll('a, button, input, select').forEach((target) => target.remove());
        text = words.textContent.trim();
      }
      if (text.length > 0) continue;
    }
    problems.push(`${name(el)} "${(el.textContent || el.value || '').trim().slice(0, 30)}" is a ${Math.round(rect.width)}x${Math.round(rect.height)}px target`);
  }
  return [...new Set(problems)];
})
