// A time-series chart in SVG, drawn by hand (no library, nothing from the internet): one polyline per series,
// a vertical mark per alert event (red firing, green cleared), the time axis of the window below.
const Ns = 'http://www.w3.org/2000/svg';
const Width = 800, Height = 170, Left = 56, Right = 10, Top = 10, Bottom = 22;
const Colors = ['#2f6fdb', '#8a4fd8', '#e07b00', '#2e9d8f', '#c2185b', '#5d6d7e', '#7cb342', '#6d4c41'];

/** Draws (or redraws) a chart into `figure`: { title, unit, series: [{ name, points: [{t, v}] }], marks, from, to }. */
export function renderChart(figure, { title, unit, series, marks, from, to }) {
  const t0 = from.getTime(), t1 = Math.max(to.getTime(), t0 + 1);
  const visible = series.map(s => ({ ...s, points: s.points.filter(p => p.t >= t0 && p.t <= t1) }));
  const values = visible.flatMap(s => s.points.map(p => p.v));
  const max = niceCeiling(Math.max(unit === '%' ? 100 : 1, ...values));
  const x = t => Left + ((t - t0) / (t1 - t0)) * (Width - Left - Right);
  const y = v => Top + (1 - Math.max(0, v) / max) * (Height - Top - Bottom);

  const svg = element('svg', { viewBox: `0 0 ${Width} ${Height}`, role: 'img', 'aria-label': `${title} from ${from.toISOString()} to ${to.toISOString()}` });
  svg.append(element('line', { class: 'axis', x1: Left, y1: Height - Bottom, x2: Width - Right, y2: Height - Bottom }));
  svg.append(element('line', { class: 'axis', x1: Left, y1: Top, x2: Left, y2: Height - Bottom }));
  svg.append(text(Left - 4, Top + 8, formatValue(max, unit), 'end'), text(Left - 4, Height - Bottom, '0', 'end'));
  const ticks = timeTicks(t0, t1);
  ticks.forEach((tick, i) => svg.append(text(x(tick), Height - 6, formatTime(tick, t1 - t0), i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle')));

  visible.forEach((s, i) => {
    const line = element('polyline', {
      class: 'series', stroke: Colors[i % Colors.length], 'data-series': s.name, 'data-count': s.points.length,
      points: s.points.map(p => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' '),
    });
    line.append(element('title', {}, s.name));
    svg.append(line);
  });
  for (const mark of marks.filter(m => m.t >= t0 && m.t <= t1)) {
    const line = element('line', {
      class: `alert-mark ${mark.firing ? 'firing' : 'cleared'}`, 'data-rule': mark.rule, 'data-container': mark.container,
      'data-at': new Date(mark.t).toISOString(), x1: x(mark.t), x2: x(mark.t), y1: Top, y2: Height - Bottom,
    });
    line.append(element('title', {}, mark.text));
    svg.append(line);
  }

  const caption = document.createElement('figcaption');
  caption.append(`${title} `, Object.assign(document.createElement('small'), { textContent: unit }));
  visible.forEach((s, i) => {
    const key = Object.assign(document.createElement('span'), { className: 'key', textContent: s.name });
    key.style.setProperty('--key', Colors[i % Colors.length]);
    caption.append(key);
  });
  if (values.length === 0) caption.append(Object.assign(document.createElement('span'), { className: 'muted', textContent: ' no data in this window' }));
  figure.replaceChildren(caption, svg);
}

function element(name, attributes, content) {
  const node = document.createElementNS(Ns, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (content !== undefined) node.textContent = content;
  return node;
}

function text(x, y, content, anchor) {
  return element('text', { x, y, 'text-anchor': anchor, class: 'label' }, content);
}

/** 1, 2 or 5 times a power of ten, at least `value`. */
function niceCeiling(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map(m => m * power).find(n => n >= value);
}

function timeTicks(t0, t1) {
  const ticks = [];
  for (let i = 0; i <= 4; i++) ticks.push(t0 + ((t1 - t0) * i) / 4);
  return ticks;
}

function formatTime(t, span) {
  const iso = new Date(t).toISOString();
  return span > 86_400_000 ? iso.slice(5, 16).replace('T', ' ') : iso.slice(11, span > 3_600_000 ? 16 : 19);
}

function formatValue(v, unit) {
  if (unit === '%') return `${v}%`;
  if (v >= 1_048_576) return `${(v / 1_048_576).toFixed(0)} Mi`;
  if (v >= 1024) return `${(v / 1024).toFixed(0)} Ki`;
  return String(v);
}
