// Small line charts on canvas, drawn by hand: the console loads nothing from the internet.

/** A line of the last `capacity` values, scaled to 0..max (max grows with the data, at least `floor`). */
export class Sparkline {
  constructor(canvas, color, floor = 100, capacity = 60) {
    this.canvas = canvas;
    this.color = color;
    this.floor = floor;
    this.capacity = capacity;
    this.values = [];
  }

  push(value) {
    this.values.push(value);
    if (this.values.length > this.capacity) this.values.shift();
    this.draw();
  }

  draw() {
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth || 230;
    const height = this.canvas.clientHeight || 46;
    this.canvas.width = width * ratio;
    this.canvas.height = height * ratio;
    const g = this.canvas.getContext('2d');
    g.scale(ratio, ratio);
    g.clearRect(0, 0, width, height);
    if (this.values.length === 0) return;
    const max = Math.max(this.floor, ...this.values) || 1;
    const step = width / Math.max(1, this.capacity - 1);
    const x = i => (this.capacity - this.values.length + i) * step;
    const y = v => height - 2 - (Math.max(0, v) / max) * (height - 6);
    g.beginPath();
    this.values.forEach((v, i) => (i === 0 ? g.moveTo(x(i), y(v)) : g.lineTo(x(i), y(v))));
    g.strokeStyle = this.color;
    g.lineWidth = 1.6;
    g.stroke();
    g.lineTo(x(this.values.length - 1), height);
    g.lineTo(x(0), height);
    g.closePath();
    g.globalAlpha = 0.12;
    g.fillStyle = this.color;
    g.fill();
  }
}
