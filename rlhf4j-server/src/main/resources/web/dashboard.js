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
    document.getElementById('metrics').replaceChildren(
      metric('Judgments', String(d.submitted), d.submitted_last_hour + ' in the last hour'),
      metric('Coverage', pct(d.coverage), d.items_complete + ' of ' + d.real_items + ' items fully judged'),
      metric('Pairwise agreement', fmt(d.pairwise_alpha), "Krippendorff's alpha, ordinal"),
      metric('Rating agreement', fmt(d.rating_alpha), "Krippendorff's alpha, helpfulness"),
      metric('Position bias', pct(d.position_bias_share_a), 'share of decided pairs won by A (' + d.decided_pairwise + ')'),
      metric('Median time per task', fmt(d.median_seconds_per_task, 1) + ' s'));
    document.getElementById('annotators').replaceChildren(...d.annotators.map((a) => el('tr', {},
      el('td', {}, a.username), el('td', {}, String(a.submitted)), el('td', {}, String(a.gold_answered)),
      el('td', {}, pct(a.gold_accuracy)), el('td', {}, fmt(a.mean_seconds_per_task, 1)))));
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
