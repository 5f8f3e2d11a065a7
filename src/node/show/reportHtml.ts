// The show report as one self-contained HTML page: uPlot (MIT, ~50 kB minified, made for time
// series) and its CSS are inlined from node_modules, the show's data rides in a JSON script tag,
// and a small script draws one chart per figure on the show's time axis with every event marked
// (a line over each chart, its label on hover, and the table of events below). The page opens
// from disk with no network and allows nothing else (its own CSP).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chartPanels } from '../../shared/domain/show/reportCharts';
import { eventLabel, fill, reportText, type ReportText } from '../../shared/domain/show/reportText';
import type { ShowData } from '../../shared/domain/show/showData';

const requireHere = createRequire(import.meta.url);
let uplot: { js: string; css: string } | undefined;

/** uPlot's browser build and stylesheet, read once. */
function uplotSources(): { js: string; css: string } {
  uplot ??= {
    js: fs.readFileSync(requireHere.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
    css: fs.readFileSync(requireHere.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
  };
  return uplot;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON that cannot close its script tag or break a line in old parsers. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
/** Inline scripts must not contain a closing script tag. */
const scriptText = (s: string): string => s.replace(/<\/script/gi, '<\\/script');

export const REPORT_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const PAGE_CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem auto;max-width:1100px;padding:0 1rem;color:#1d2430;background:#fff}
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1rem;margin:1.2rem 0 .3rem}
.facts{color:#4a5568;margin:0 0 1rem}.facts span{margin-right:1.2rem}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;margin:.5rem 0;font-size:.85rem}
.legend i{display:inline-block;width:10px;height:10px;margin-right:.3rem;border-radius:2px;vertical-align:middle}
.chart{min-height:170px}.empty{color:#718096;font-style:italic;margin:.2rem 0}
.mark{position:absolute;top:0;bottom:0;width:0;border-left:2px solid;opacity:.75;pointer-events:auto;cursor:help}
table{border-collapse:collapse;width:100%;margin-top:.5rem;font-size:.9rem}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e2e8f0;vertical-align:top}
`;

/** Runs in the report page (plain ES2017, no modules): draws the charts and the marks. */
const PAGE_SCRIPT = `
(function(){
  var data = JSON.parse(document.getElementById('show-data').textContent);
  var show = data.show, panels = data.panels, text = data.text, labels = data.labels;
  var colors = {goLive:'#2f855a',launch:'#d53f8c',status:'#3182ce',announcement:'#805ad5',pushLost:'#e53e3e',reconnected:'#38a169',autoPause:'#dd6b20',autoResume:'#319795',stop:'#1a202c'};
  var names = text.kinds;
  var lineColors = ['#2b6cb0','#c05621','#2f855a'];
  var x0 = show.startedAt / 1000, x1 = Math.max(show.endedAt / 1000, x0 + 1);
  function clock(ms){ var d = new Date(ms); return d.toLocaleTimeString(document.documentElement.lang); }
  function offset(ms){ var s = Math.max(0, Math.round((ms - show.startedAt) / 1000)); var m = Math.floor(s / 60); return m + ':' + String(s % 60).padStart(2, '0'); }

  var legend = document.getElementById('legend');
  Object.keys(names).forEach(function(k){
    if (!show.events.some(function(e){ return e.kind === k; })) return;
    var s = document.createElement('span'); var i = document.createElement('i'); i.style.background = colors[k];
    s.appendChild(i); s.appendChild(document.createTextNode(names[k])); legend.appendChild(s);
  });

  function marks(u){
    var layer = document.createElement('div'); layer.className = 'marks';
    u.over.appendChild(layer);
    function place(){
      layer.textContent = '';
      show.events.forEach(function(e, n){
        var left = u.valToPos(e.at / 1000, 'x');
        if (!isFinite(left)) return;
        var m = document.createElement('div');
        m.className = 'mark mark-' + e.kind; m.dataset.kind = e.kind; m.dataset.at = String(e.at);
        m.style.left = left + 'px'; m.style.borderColor = colors[e.kind] || '#000';
        m.title = names[e.kind] + ' ' + offset(e.at) + ': ' + labels[n];
        layer.appendChild(m);
      });
    }
    return place;
  }

  var width = function(){ return Math.max(320, document.getElementById('charts').clientWidth); };
  var plots = [];
  panels.forEach(function(p){
    var section = document.createElement('section');
    section.className = 'panel'; section.dataset.panel = p.id; section.setAttribute('aria-label', p.title);
    var h = document.createElement('h2'); h.textContent = p.title; section.appendChild(h);
    var host = document.createElement('div'); host.className = 'chart'; section.appendChild(host);
    var samples = p.x.length;
    section.dataset.samples = String(samples);
    if (!samples) { var e = document.createElement('p'); e.className = 'empty'; e.textContent = p.id === 'viewerDelay' ? text.notMeasured : text.noSamples; section.appendChild(e); }
    document.getElementById('charts').appendChild(section);
    var place;
    var series = [{}].concat(p.series.map(function(s, i){
      var o = { label: s.label, stroke: lineColors[i % lineColors.length], width: 1.5, spanGaps: false };
      if (p.bars) { o.fill = lineColors[i % lineColors.length] + '88'; o.paths = uPlot.paths.bars({ size: [0.25, 40], align: 1, gap: 1 }); o.points = { show: false }; }
      return o;
    }));
    var opts = {
      width: width(), height: 160,
      cursor: { sync: { key: 'show' } },
      scales: { x: { time: true, range: function(){ return [x0, x1]; } }, y: { range: function(u, min, max){ if (min == null || max == null || !isFinite(min) || !isFinite(max)) return [0, 1]; return [Math.min(0, min), max > min ? max * 1.1 : min + 1]; } } },
      series: series,
      axes: [{}, { size: 56 }],
      hooks: { ready: [function(u){ place = marks(u); place(); }], setSize: [function(){ if (place) place(); }] }
    };
    var columns = [p.x].concat(p.series.map(function(s){ return s.values; }));
    plots.push(new uPlot(opts, columns, host));
  });
  window.addEventListener('resize', function(){ plots.forEach(function(u){ u.setSize({ width: width(), height: 160 }); }); });

  var body = document.getElementById('events');
  show.events.forEach(function(e, n){
    var tr = document.createElement('tr'); tr.dataset.kind = e.kind;
    [offset(e.at) + ' (' + clock(e.at) + ')', names[e.kind] || e.kind, labels[n]].forEach(function(t){ var td = document.createElement('td'); td.textContent = t; tr.appendChild(td); });
    body.appendChild(tr);
  });
  document.body.dataset.rendered = String(plots.length);
})();
`;

export function renderReport(show: ShowData, t: ReportText = reportText('en')): string {
  const { js, css } = uplotSources();
  const minutes = Math.max(0, Math.round((show.endedAt - show.startedAt) / 60_000));
  const started = new Date(show.startedAt).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  const parts = show.recording.length
    ? show.recording
        .map((p) => `<li>${escapeHtml(p.error ? fill(t.partNoChapters, { file: p.file, why: p.error }) : fill(t.partChapters, { file: p.file, n: p.chapters }))}</li>`)
        .join('')
    : `<li>${escapeHtml(t.notRecorded)}</li>`;
  const facts = [
    fill(t.started, { when: started }),
    fill(t.minutes, { n: minutes }),
    show.outcome.kind === 'failed' ? fill(t.endedWith, { code: show.outcome.code ?? '?' }) : t.stoppedByHost,
    fill(t.launches, { n: show.events.filter((e) => e.kind === 'launch').length }),
  ];
  const title = fill(t.title, { id: show.id });
  const data = { show, panels: chartPanels(show, t), text: { kinds: t.kinds, notMeasured: t.notMeasured, noSamples: t.noSamples }, labels: show.events.map((e) => eventLabel(t, e)) };
  return `<!doctype html>
<html lang="${escapeHtml(t.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="facts">${facts.map((f) => `<span>${escapeHtml(f)}</span>`).join('')}</p>
<h2>${escapeHtml(t.recording)}</h2><ul>${parts}</ul>
<div id="legend" class="legend" aria-label="${escapeHtml(t.legend)}"></div>
<div id="charts"></div>
<h2>${escapeHtml(t.events)}</h2>
<table><thead><tr><th scope="col">${escapeHtml(t.when)}</th><th scope="col">${escapeHtml(t.what)}</th><th scope="col">${escapeHtml(t.detail)}</th></tr></thead><tbody id="events"></tbody></table>
</main>
<script type="application/json" id="show-data">${scriptJson(data)}</script>
<script>${scriptText(js)}</script>
<script>${scriptText(PAGE_SCRIPT)}</script>
</body>
</html>
`;
}
