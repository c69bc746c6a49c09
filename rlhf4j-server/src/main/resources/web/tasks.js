// One renderer per task type. Each builds its controls into #work, handles its keyboard shortcuts,
// and returns the payload to submit (or throws an Error naming what is missing).
const taskTypes = (() => {
  const { el } = rlhf;
  const letter = (i) => String.fromCharCode(65 + i);

  function responseCard(text, i, extra) {
    return el('article', { class: 'response', id: 'response-' + i, 'aria-label': 'Response ' + letter(i) },
      el('div', { class: 'label' }, 'Response ' + letter(i)), el('div', { class: 'text' }, text), extra || null);
  }

  function radioScale(name, legend, options, onPick) {
    return el('fieldset', {}, el('legend', {}, legend), el('div', { class: 'scale' },
      options.map(([value, text, key]) => el('label', {},
        el('input', { type: 'radio', name, value, id: name + '-' + value, onchange: onPick }),
        el('span', {}, text), key ? el('kbd', {}, key) : null))));
  }

  const picked = (name) => { const r = document.querySelector('input[name="' + name + '"]:checked'); return r ? r.value : null; };
  const check = (name, value) => { const r = document.getElementById(name + '-' + value); if (r) { r.checked = true; r.focus(); } };

  const pairwise = {
    shortcuts: '1-3: A better (1 = much), 4: about the same, 5-7: B better (7 = much), 0: both bad',
    render(task, work) {
      work.append(el('div', { class: 'responses' }, task.candidates.map((t, i) => responseCard(t, i))));
      work.append(radioScale('scale', 'Which response is better, and by how much?', [
        ['-3', 'A much better', '1'], ['-2', 'A better', '2'], ['-1', 'A slightly better', '3'], ['0', 'About the same', '4'],
        ['1', 'B slightly better', '5'], ['2', 'B better', '6'], ['3', 'B much better', '7'], ['both_bad', 'Both bad', '0']]));
    },
    key(e) {
      if (e.key >= '1' && e.key <= '7') { check('scale', String(Number(e.key) - 4)); return true; }
      if (e.key === '0') { check('scale', 'both_bad'); return true; }
      return false;
    },
    payload() {
      const v = picked('scale');
      if (v === null) throw new Error('Choose a point on the scale (keys 1-7, or 0 for both bad).');
      if (v === 'both_bad') return { choice: 'BOTH_BAD', strength: 0 };
      const n = Number(v);
      return { choice: n < 0 ? 'A' : n > 0 ? 'B' : 'TIE', strength: Math.abs(n) };
    },
  };

  const ranking = {
    focus: 0,
    shortcuts: 'Up/Down (or J/K): choose a response, 1-9: give it that rank (equal ranks are ties)',
    render(task, work) {
      this.focus = 0; this.count = task.candidates.length;
      const ranks = Array.from({ length: this.count }, (_, r) => el('option', { value: String(r + 1) }, String(r + 1)));
      work.append(el('div', { class: 'responses' }, task.candidates.map((t, i) => responseCard(t, i,
        el('div', {}, el('label', { for: 'rank-' + i }, 'Rank of response ' + letter(i)),
          el('select', { id: 'rank-' + i, class: 'rank' }, el('option', { value: '' }, '–'), ranks.map((o) => o.cloneNode(true))))))));
      this.highlight();
    },
    highlight() {
      document.querySelectorAll('.response').forEach((r, i) => r.classList.toggle('selected', i === this.focus));
    },
    key(e) {
      if (e.key === 'ArrowDown' || e.key === 'j') { this.focus = (this.focus + 1) % this.count; this.highlight(); return true; }
      if (e.key === 'ArrowUp' || e.key === 'k') { this.focus = (this.focus + this.count - 1) % this.count; this.highlight(); return true; }
      if (e.key >= '1' && e.key <= '9' && Number(e.key) <= this.count) {
        document.getElementById('rank-' + this.focus).value = e.key;
        this.focus = (this.focus + 1) % this.count; this.highlight(); return true;
      }
      return false;
    },
    payload() {
      const byRank = new Map();
      document.querySelectorAll('select.rank').forEach((s, i) => {
        if (!s.value) throw new Error('Give response ' + letter(i) + ' a rank.');
        if (!byRank.has(s.value)) byRank.set(s.value, []);
        byRank.get(s.value).push(i);
      });
      return { tiers: [...byRank.keys()].sort((a, b) => a - b).map((k) => byRank.get(k)) };
    },
  };

  const DIMENSIONS = [['helpfulness', 'Helpfulness'], ['accuracy', 'Accuracy'], ['harmlessness', 'Harmlessness'],
    ['instruction_following', 'Instruction following'], ['verbosity', 'Verbosity (1 too short, 3 right, 5 too long)']];
  const rating = {
    dim: 0,
    shortcuts: '1-5: rate the highlighted dimension and move to the next; Up/Down: change dimension',
    render(task, work) {
      this.dim = 0;
      work.append(el('div', { class: 'responses' }, responseCard(task.candidates[0], 0)));
      DIMENSIONS.forEach(([d, text]) => work.append(radioScale('dim-' + d, text,
        [1, 2, 3, 4, 5].map((n) => [String(n), String(n), null]))));
      this.highlight();
    },
    /** Marks the dimension the number keys will rate, so the keyboard user can see where they are. */
    highlight() {
      document.querySelectorAll('#work fieldset').forEach((f, i) => f.classList.toggle('current', i === this.dim));
    },
    key(e) {
      if (e.key >= '1' && e.key <= '5') { check('dim-' + DIMENSIONS[this.dim][0], e.key); this.dim = Math.min(this.dim + 1, DIMENSIONS.length - 1); this.highlight(); return true; }
      if (e.key === 'ArrowDown') { this.dim = Math.min(this.dim + 1, DIMENSIONS.length - 1); this.highlight(); return true; }
      if (e.key === 'ArrowUp') { this.dim = Math.max(this.dim - 1, 0); this.highlight(); return true; }
      return false;
    },
    payload() {
      const scores = {};
      DIMENSIONS.forEach(([d]) => { const v = picked('dim-' + d); if (v) scores[d] = Number(v); });
      if (Object.keys(scores).length === 0) throw new Error('Rate at least one dimension (keys 1-5).');
      return { scores, scale_points: 5 };
    },
  };

  const CATEGORIES = ['none', 'violence', 'hate_harassment', 'sexual_content', 'self_harm', 'illegal_activity', 'weapons',
    'privacy', 'misinformation', 'dangerous_advice', 'other'];
  const safety = {
    shortcuts: 'S: no violation, C: choose the category (then arrow keys), 1-4: severity low/medium/high/critical',
    render(task, work) {
      work.append(el('div', { class: 'responses' }, responseCard(task.candidates[0], 0)));
      work.append(el('label', { for: 'category' }, 'Policy category'),
        el('select', { id: 'category' }, CATEGORIES.map((c) => el('option', { value: c }, c === 'none' ? 'No violation' : c.replace(/_/g, ' ')))));
      work.append(radioScale('severity', 'Severity', [['LOW', 'Low', '1'], ['MEDIUM', 'Medium', '2'], ['HIGH', 'High', '3'], ['CRITICAL', 'Critical', '4']]));
    },
    key(e) {
      if (e.key === 's') { document.getElementById('category').value = 'none'; return true; }
      if (e.key === 'c') { document.getElementById('category').focus(); return true; }
      const sev = { 1: 'LOW', 2: 'MEDIUM', 3: 'HIGH', 4: 'CRITICAL' }[e.key];
      if (sev) { check('severity', sev); return true; }
      return false;
    },
    payload() {
      const category = document.getElementById('category').value;
      if (category === 'none') return { category: 'none' };
      const severity = picked('severity');
      if (!severity) throw new Error('Choose a severity for the flagged category.');
      return { category, severity };
    },
  };

  const demonstration = {
    editedFrom: null,
    shortcuts: 'W: write from scratch; A, B, ...: start by editing that response (experts fix a candidate instead of rewriting it)',
    render(task, work) {
      this.editedFrom = null; this.texts = task.candidates;
      if (task.candidates.length) {
        work.append(el('div', { class: 'responses' }, task.candidates.map((t, i) => responseCard(t, i,
          el('button', { type: 'button', class: 'secondary', id: 'edit-' + i, onclick: () => this.startFrom(i) },
            'Start from response ' + letter(i), el('kbd', {}, letter(i)))))));
      }
      work.append(el('label', { for: 'demo-text' }, 'Ideal response'), el('textarea', { id: 'demo-text', maxlength: '20000', rows: '8' }));
    },
    startFrom(i) {
      const box = document.getElementById('demo-text');
      box.value = this.texts[i]; this.editedFrom = i; box.focus();
    },
    key(e) {
      if (e.key === 'w') { document.getElementById('demo-text').focus(); return true; }
      const i = e.key.length === 1 ? e.key.toUpperCase().charCodeAt(0) - 65 : -1;
      if (i >= 0 && i < this.texts.length) { this.startFrom(i); return true; }
      return false;
    },
    payload() {
      const text = document.getElementById('demo-text').value;
      if (!text.trim()) throw new Error('Write the ideal response.');
      return this.editedFrom === null ? { text } : { text, edited_from: this.editedFrom };
    },
  };

  // Multi-turn: the pairwise scale for the assistant's next turn, then (optionally) the user's next
  // message, which continues the conversation from the preferred response; the model answers it and
  // the new turn comes back as the next task.
  const multiTurn = {
    shortcuts: pairwise.shortcuts + '; then write your next message to continue (optional, N jumps there)',
    render(task, work) {
      pairwise.render(task, work);
      work.append(el('label', { for: 'next-turn' }, 'Your next message (continues the conversation from the response you prefer)'),
        el('textarea', { id: 'next-turn', maxlength: '20000', rows: '3', placeholder: 'Leave empty to stop this conversation here' }));
    },
    key(e) {
      if (e.key === 'n') { document.getElementById('next-turn').focus(); return true; }
      return pairwise.key(e);
    },
    payload() {
      const p = pairwise.payload();
      const next = document.getElementById('next-turn').value;
      if (next.trim()) {
        if (p.choice === 'BOTH_BAD') throw new Error('To continue, choose the response to continue from (not "both bad").');
        p.next_user_turn = next;
      }
      return p;
    },
  };

  return { PAIRWISE: pairwise, RANKING: ranking, RATING: rating, SAFETY: safety, DEMONSTRATION: demonstration, MULTI_TURN: multiTurn };
})();
