// Dashboard page: the project's quality numbers, annotator table, model leaderboard, export download.
(() => {
  const { api, el, say } = rlhf;
  const fmt = (x, d = 2) => (x === null || x === undefined ? 'n/a' : Number(x).toFixed(d));
  const pct = (x) => (x === null || x === undefined ? 'n/a' : Math.round(x * 100) + '%');
  const project = () => document.getElementById('project-select').value;

  function metric(label, value, note) {
    return el('div', { class: 'metric' }, el('div', { class: 'muted' }, label), el('div', { class: 'value' }, value), note ? el('div', { class: 'muted' }, note) : null);
  }

  async function refresh() {
    if (!project()) return;
    const d = await api('GET', '/api/projects/' + encodeURIComponent(project()) + '/dashboard');
    const q = await api('GET', '/api/projects/' + encodeURIComponent(project()) + '/quality');
    document.getElementById('metrics').replaceChildren(
      metric('Judgments', String(d.submitted), d.submitted_last_hour + ' in the last hour'),
      metric('Coverage', pct(d.coverage), d.items_complete + ' of ' + d.real_items + ' items fully judged'),
      metric('Pairwise agreement', fmt(d.pairwise_alpha), "Krippendorff's alpha, ordinal"),
      metric('Rating agreement', fmt(d.rating_alpha), "Krippendorff's alpha, helpfulness"),
      metric('Position bias', pct(d.position_bias_share_a), 'share of decided pairs won by A (' + d.decided_pairwise + ')'),
      metric('Length bias', pct(q.share_longer), 'share of decided pairs won by the longer response'),
      metric('Disputed items', String(q.disputed_items), q.adjudicated_items + ' adjudicated by reviewers'),
      metric('Median time per task', fmt(d.median_seconds_per_task, 1) + ' s'));
    const flagText = (f) => f.toLowerCase().replace(/_/g, ' ');
    document.getElementById('annotators').replaceChildren(...q.annotators.map((a) => el('tr', { class: a.weight === 0 ? 'excluded' : null },
      el('td', {}, a.username), el('td', {}, String(a.submitted)),
      el('td', {}, pct(a.gold_accuracy) + (a.gold_answered ? ' of ' + a.gold_answered : '')),
      el('td', {}, pct(a.peer_agreement)), el('td', {}, pct(a.share_shown_first)), el('td', {}, pct(a.share_longer)),
      el('td', {}, fmt(a.median_seconds_per_task, 1)),
      el('td', {}, a.flags.length ? a.flags.map((f) => el('span', { class: 'flag' }, flagText(f))) : '–'),
      el('td', {}, fmt(a.weight)))));
    const lb = await api('GET', '/api/projects/' + encodeURIComponent(project()) + '/leaderboard');
    document.getElementById('battles').textContent = lb.battles + ' battles from pairwise and ranking judgments; ' + lb.bootstrap_rounds + ' bootstrap rounds.';
    document.getElementById('leaderboard').replaceChildren(...lb.models.map((m) => el('tr', {},
      el('td', {}, String(m.rank)), el('td', {}, m.model), el('td', {}, fmt(m.rating, 0)),
      el('td', {}, fmt(m.lower, 0) + ' – ' + fmt(m.upper, 0)), el('td', {}, String(m.battles)))));
    say('status', 'Updated ' + new Date().toLocaleTimeString() + '.', 'ok');
  }

  async function download() {
    const data = await api('GET', '/api/projects/' + encodeURIComponent(project()) + '/export');
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const a = el('a', { href: url, download: project() + '-export.json' });
    document.body.append(a); a.click(); a.remove();
    say('status', 'Export with ' + data.items.length + ' items downloaded.', 'ok');
  }

  const guard = (fn) => () => fn().catch((e) => say('status', e.message, 'error'));
  document.getElementById('refresh').addEventListener('click', guard(refresh));
  document.getElementById('export').addEventListener('click', guard(download));
  document.getElementById('project-select').addEventListener('change', guard(refresh));
  rlhf.session().then(async () => {
    const projects = await api('GET', '/api/projects');
    document.getElementById('project-select').replaceChildren(...projects.map((p) => el('option', { value: p.id }, p.name)));
    await refresh();
  }).catch((e) => say('status', e.message, 'error'));
})();
