// Admin page: projects (create, guideline versions), prompts (typed or imported), candidates, accounts.
(() => {
  const { api, el, say } = rlhf;
  const TYPES = ['PAIRWISE', 'RANKING', 'RATING', 'SAFETY', 'DEMONSTRATION', 'MULTI_TURN'];
  const value = (id) => document.getElementById(id).value;
  const run = (fn) => async (e) => {
    if (e) e.preventDefault();
    say('status', '');  // a fresh status per action, so "done" always refers to this one
    try { await fn(); } catch (err) { say('status', err.message, 'error'); }
  };

  document.getElementById('p-types').append(...TYPES.map((t) => el('label', {},
    el('input', { type: 'checkbox', id: 'type-' + t, value: t, checked: t === 'PAIRWISE' }), el('span', {}, t.toLowerCase().replace('_', '-')))));

  async function refreshProjects(selectId) {
    const select = document.getElementById('project-select');
    const projects = await api('GET', '/api/projects');
    select.replaceChildren(el('option', { value: '' }, '—'), ...projects.map((p) => el('option', { value: p.id }, p.name)));
    if (selectId) { select.value = selectId; await showProject(); }
  }

  let users = [];

  async function refreshUsers() {
    users = await api('GET', '/api/users');
    document.getElementById('users').replaceChildren(...users.map((u) => el('li', { class: u.disabled ? 'disabled' : null },
      el('span', {}, u.username + ' · ' + u.role.toLowerCase() + (u.disabled ? ' · disabled' : '') +
        (Object.keys(u.expertise).length ? ' · ' + Object.entries(u.expertise).map(([d, l]) => d + ': ' + l.toLowerCase()).join(', ') : '')),
      el('span', { class: 'actions' },
        el('button', { type: 'button', class: 'secondary', id: 'reset-' + u.username, onclick: run(async () => {
          const pw = window.prompt('New password for ' + u.username + ' (8+ characters, not a common one):');
          if (!pw) return;
          await api('POST', '/api/users/' + encodeURIComponent(u.id) + '/password', { password: pw });
          say('status', 'Password of ' + u.username + ' reset; their sessions ended.', 'ok');
        }) }, 'Reset password'),
        el('button', { type: 'button', class: 'secondary', id: 'disable-' + u.username, onclick: run(async () => {
          await api('POST', '/api/users/' + encodeURIComponent(u.id) + '/disabled', { disabled: !u.disabled });
          await refreshUsers();
          say('status', u.username + (u.disabled ? ' enabled.' : ' disabled; their sessions ended.'), 'ok');
        }) }, u.disabled ? 'Enable' : 'Disable')))));
  }

  const lines = (id) => value(id).split('\n').map((l) => l.trim()).filter(Boolean);

  // The prompts are shown a page at a time, so a 10,000-prompt project renders as fast as a small one.
  const PAGE = 20;
  let promptOffset = 0;

  async function showProject() {
    const id = value('project-select');
    const detail = document.getElementById('project-detail');
    if (!id) { detail.classList.add('hidden'); return; }
    const data = await api('GET', '/api/projects/' + encodeURIComponent(id) + '?offset=' + promptOffset + '&limit=' + PAGE);
    const p = data.project;
    document.getElementById('project-settings').textContent = 'Task types: ' + p.task_types.join(', ').toLowerCase() +
      ' · ' + p.overlap + ' annotators per item · justification ' + p.justification.mode.toLowerCase() +
      (p.gold_every ? ' · gold every ' + p.gold_every : '') + ' · lease ' + Math.round(p.lease_seconds / 60) + ' min' +
      ' · qualification pass ' + Math.round(p.qualification_pass * 100) + '%';
    const members = await api('GET', '/api/projects/' + encodeURIComponent(id) + '/members');
    document.getElementById('members-edit').value = members.usernames.join('\n');
    document.getElementById('members-open').checked = !members.members_only;
    document.getElementById('guideline-version').textContent = '(version ' + data.guideline.version + ')';
    document.getElementById('guideline-edit').value = data.guideline.markdown;
    document.getElementById('prompts').replaceChildren(...data.prompts.map((pr, n) => promptCard(id, pr, data.offset + n)));
    const total = data.prompt_count;
    document.getElementById('prompts-range').textContent = total === 0 ? 'No prompts yet.'
      : 'Prompts ' + (data.offset + 1) + '–' + (data.offset + data.prompts.length) + ' of ' + total.toLocaleString('en');
    document.getElementById('prompts-prev').disabled = data.offset === 0;
    document.getElementById('prompts-next').disabled = data.offset + data.prompts.length >= total;
    detail.classList.remove('hidden');
  }

  function promptCard(projectId, prompt, n) {
    const textId = 'cand-text-' + n, modelId = 'cand-model-' + n;
    return el('div', { class: 'card', id: 'prompt-' + n },
      el('p', {}, el('strong', {}, 'Prompt ' + (n + 1) + ' '), el('span', { class: 'muted' }, '(' + prompt.domain + ')')),
      el('div', { class: 'turn user' }, prompt.text),
      el('ul', {}, prompt.candidates.map((c) => el('li', {}, el('span', { class: 'muted' }, c.model + ': '), c.text))),
      el('div', { class: 'row' },
        el('div', {}, el('label', { for: textId }, 'Candidate response'), el('textarea', { id: textId, rows: '2', maxlength: '20000' })),
        el('div', { class: 'side' }, el('label', { for: modelId }, 'Model'), el('input', { id: modelId, type: 'text', value: 'model-a', maxlength: '200' }),
          el('p', {}, el('button', { type: 'button', id: 'attach-' + n, onclick: run(async () => {
            await api('POST', '/api/projects/' + encodeURIComponent(projectId) + '/candidates',
              { candidates: [{ prompt_id: prompt.id, text: value(textId), model: value(modelId) }] });
            await showProject();  // re-render first: the status line is the signal that the page is up to date
            say('status', 'Candidate attached.', 'ok');
          }) }, 'Attach candidate')))),
      prompt.candidates.length >= 2 ? knownAnswer(projectId, prompt, n) : null);
  }

  /**
   * A known answer on the prompt's first two candidates, as a qualification item (answered before any
   * real task) or a gold item (mixed into the queue): "1" or "2 is better". Other task types' known
   * answers go through the API (POST /api/projects/{id}/known-answers).
   */
  function knownAnswer(projectId, prompt, n) {
    const [a, b] = prompt.candidates;
    const kindId = 'known-kind-' + n;
    const add = (choice) => run(async () => {
      const kind = value(kindId);
      await api('POST', '/api/projects/' + encodeURIComponent(projectId) + '/known-answers', {
        kind, prompt_id: prompt.id, task_type: 'pairwise', completion_ids: [a.id, b.id], answer: { choice, strength: 2 } });
      say('status', (kind === 'qualification' ? 'Qualification' : 'Gold') + ' item added.', 'ok');
    });
    return el('div', { class: 'row end known' },
      el('div', { class: 'side' }, el('label', { for: kindId }, 'Known-answer item'),
        el('select', { id: kindId, 'aria-describedby': 'known-help-' + n }, el('option', { value: 'gold' }, 'gold'),
          el('option', { value: 'qualification' }, 'qualification'))),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'secondary', id: 'known-a-' + n, onclick: add('A') }, '"' + short(a.text) + '" is better'),
        el('button', { type: 'button', class: 'secondary', id: 'known-b-' + n, onclick: add('B') }, '"' + short(b.text) + '" is better')),
      el('p', { class: 'muted', id: 'known-help-' + n }, 'Gold items are mixed into the queue (every N tasks) and score annotators;'
        + ' qualification items must be answered, and enough of them right, before any real task.'));
  }

  const short = (t) => (t.length > 28 ? t.slice(0, 27) + '…' : t);

  document.getElementById('project-form').addEventListener('submit', run(async () => {
    const types = TYPES.filter((t) => document.getElementById('type-' + t).checked);
    const p = await api('POST', '/api/projects', {
      name: value('p-name'), task_types: types, overlap: Number(value('p-overlap')), gold_every: Number(value('p-gold')),
      lease_seconds: Math.round(Number(value('p-lease')) * 60), qualification_pass: Number(value('p-qual')),
      justification: { mode: value('p-just'), min_length: Number(value('p-minlen')) }, guideline: value('p-guideline'),
      members_only: !document.getElementById('p-open').checked, usernames: lines('p-members'),
    });
    await refreshProjects(p.id);
    say('status', 'Project "' + p.name + '" created.', 'ok');
  }));

  document.getElementById('user-form').addEventListener('submit', run(async () => {
    const expertise = {};
    value('u-expertise').split('\n').map((l) => l.trim()).filter(Boolean).forEach((l) => {
      const [d, lvl] = l.split('='); expertise[d.trim()] = (lvl || 'expert').trim();
    });
    const u = await api('POST', '/api/users', { username: value('u-name'), password: value('u-password'), role: value('u-role'), expertise });
    say('status', 'Account "' + u.username + '" created.', 'ok');
    document.getElementById('u-password').value = '';
    await refreshUsers();
  }));

  document.getElementById('save-members').addEventListener('click', run(async () => {
    await api('PUT', '/api/projects/' + encodeURIComponent(value('project-select')) + '/members',
      { members_only: !document.getElementById('members-open').checked, usernames: lines('members-edit') });
    say('status', 'Members saved.', 'ok');
  }));
  document.getElementById('project-select').addEventListener('change', run(async () => { promptOffset = 0; await showProject(); }));
  document.getElementById('prompts-prev').addEventListener('click', run(async () => { promptOffset = Math.max(0, promptOffset - PAGE); await showProject(); }));
  document.getElementById('prompts-next').addEventListener('click', run(async () => { promptOffset += PAGE; await showProject(); }));
  document.getElementById('save-guideline').addEventListener('click', run(async () => {
    const g = await api('PUT', '/api/projects/' + encodeURIComponent(value('project-select')) + '/guideline', { markdown: value('guideline-edit') });
    await showProject();  // re-render first: the status line is the signal that the page is up to date
    say('status', 'Guideline saved as version ' + g.version + '.', 'ok');
  }));
  document.getElementById('add-prompts').addEventListener('click', run(async () => {
    const prompts = value('prompt-lines').split('\n').map((l) => l.trim()).filter(Boolean).map((text) => ({ text, domain: value('prompt-domain') }));
    const r = await api('POST', '/api/projects/' + encodeURIComponent(value('project-select')) + '/prompts', { prompts });
    document.getElementById('prompt-lines').value = '';
    await showProject();  // re-render first: the status line is the signal that the page is up to date
    say('status', r.added + ' prompt(s) added.', 'ok');
  }));
  document.getElementById('generate-button').addEventListener('click', run(async () => {
    say('status', 'Generating…');
    const r = await api('POST', '/api/projects/' + encodeURIComponent(value('project-select')) + '/generate', { count: 2 });
    await showProject();  // re-render first: the status line is the signal that the page is up to date
    say('status', 'Generated candidates: ' + r.items_created + ' task item(s) created.', 'ok');
  }));
  document.getElementById('import-button').addEventListener('click', run(async () => {
    const file = document.getElementById('import-file').files[0];
    if (!file) throw new Error('Choose a file to import.');
    const r = await api('POST', '/api/projects/' + encodeURIComponent(value('project-select')) + '/prompts',
      { format: value('import-format'), content: await file.text() });
    await showProject();  // re-render first: the status line is the signal that the page is up to date
    say('status', 'Imported ' + r.added + ' prompt(s) and ' + r.candidates + ' candidate(s).', 'ok');
  }));

  rlhf.session().then(async () => { await refreshProjects(); await refreshUsers(); }).catch((e) => say('status', e.message, 'error'));
})();
