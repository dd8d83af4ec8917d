// How numbers and times read on the page.

export function duration(seconds) {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  const h = Math.floor(s / 3600);
  return `${h} h ${Math.floor((s % 3600) / 60)} min`;
}

export const dollars = (value) => `$${value.toFixed(value < 10 ? 4 : 2)}`;

export const objective = (value) => (value === undefined ? '–' : Number(value).toPrecision(5));

// Elements from a tag, attributes and children (strings become text): the one way views build DOM.
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on'))
      node.addEventListener(name.slice(2), value);
    else if (name === 'dataset')
      Object.assign(node.dataset, value);
    else
      node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// A region choice whose first option, "every region", leaves the region out of the call.
export function regionSelect(id, onchange) {
  return h('select', {id, 'aria-label': 'region', onchange}, h('option', {value: ''}, 'every region'));
}

// Offers these regions in a region choice, keeping what was chosen.
export function offerRegions(select, regions) {
  const have = [...select.options].map((o) => o.value).filter(Boolean);
  if (have.join() === regions.join()) return;
  const value = select.value;
  select.replaceChildren(
      h('option', {value: ''}, 'every region'),
      ...regions.map((r) => h('option', {value: r, selected: r === value}, r)));
}
