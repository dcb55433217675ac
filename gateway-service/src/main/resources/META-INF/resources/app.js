// The web page: a form over the gateway's streaming seed API, with a history kept in this browser.
import { TEXT, format } from './i18n.js';

const $ = (id) => document.getElementById(id);
const store = {
  get: (key, fallback) => { try { return JSON.parse(localStorage.getItem(key)) ?? fallback; } catch { return fallback; } },
  set: (key, value) => localStorage.setItem(key, JSON.stringify(value)),
};
const HISTORY_LIMIT = 24;
const RATIOS = [[1, 1], [16, 9], [9, 16], [4, 3], [3, 4], [3, 2], [2, 3]];

let lang = store.get('flux.lang', navigator.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en');
let models = [];
let current = null;

const t = (key, values) => format(TEXT[lang][key] ?? TEXT.en[key] ?? key, values);

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  $('language').textContent = t('switchTo');
  renderModelInfo();
  renderSizes();
  renderHistory();
  if (current) showResult(current);
}

// Sizes the chosen model can make: a few squares and the common ratios at about a megapixel.
function sizesFor(model) {
  const { min, max, multipleOf } = model.sizes;
  if (min === max) return [{ value: '', label: `${min}×${max} (${t('fixedSize')})` }];
  const step = multipleOf || 8;
  const fit = (v) => Math.min(Math.floor(max / step) * step, Math.max(Math.ceil(min / step) * step, Math.round(v / step) * step));
  const sizes = [];
  for (const edge of [512, 768, 1024]) {
    if (edge >= min && edge <= max) sizes.push({ value: `${edge}x${edge}`, label: `${edge}×${edge} (${t('square')})` });
  }
  for (const [w, h] of RATIOS.slice(1)) {
    const width = fit(Math.sqrt(1024 * 1024 * w / h));
    const height = fit(Math.sqrt(1024 * 1024 * h / w));
    sizes.push({ value: `${width}x${height}`, label: `${width}×${height} (${w}:${h})` });
  }
  return sizes;
}

function selectedModel() {
  return models.find((m) => m.id === $('model').value) ?? models[0];
}

function renderModelInfo() {
  const model = selectedModel();
  if (!model) return;
  $('model-info').textContent = t('modelInfo', { family: model.family, steps: model.maxSteps, output: model.output });
  const steps = $('steps');
  steps.max = model.maxSteps;
  if (Number(steps.value) > model.maxSteps || steps.dataset.model !== model.id) steps.value = model.defaultSteps;
  steps.dataset.model = model.id;
  $('steps-value').textContent = steps.value;
  $('negative-row').hidden = !model.negativePrompt;
}

function renderSizes() {
  const model = selectedModel();
  if (!model) return;
  const select = $('size');
  const previous = select.value;
  select.replaceChildren(...sizesFor(model).map(({ value, label }) => new Option(label, value)));
  const defaultSize = `${model.sizes.defaultSize}x${model.sizes.defaultSize}`;
  select.value = [...select.options].some((o) => o.value === previous) ? previous
    : ([...select.options].some((o) => o.value === defaultSize) ? defaultSize : select.options[0].value);
}

async function loadModels() {
  try {
    const response = await fetch('/api/models');
    const body = await response.json();
    models = body.models ?? [];
    $('model').replaceChildren(...models.map((m) => new Option(`${m.name} (${m.id})`, m.id)));
    renderModelInfo();
    renderSizes();
  } catch {
    showError(t('modelsFailed'));
  }
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
}

function describeError(error, retryAfter) {
  const retry = retryAfter ? t('seconds', { n: retryAfter }) : '';
  const key = `err_${error.code}`;
  if (TEXT.en[key]) return t(key, { retry });
  return t('err_generic', { message: error.error ?? error.message ?? String(error) });
}

// Reads the server-sent events of POST /api/image with stream=true.
async function* events(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).trimStart();
      }
      if (data) yield { name, data: JSON.parse(data) };
    }
  }
}

async function generate(event) {
  event.preventDefault();
  $('error').hidden = true;
  const key = store.get('flux.apiKey', '');
  if (!key) { showError(t('keyMissing')); $('api-key').focus(); return; }
  const prompt = $('prompt').value.trim();
  if (!prompt) { showError(t('promptMissing')); $('prompt').focus(); return; }
  const model = selectedModel();
  const body = { messages: [{ role: 'user', content: prompt }], model: model?.id, stream: true,
    steps: Number($('steps').value), enhance: $('enhance').checked };
  if ($('size').value) body.size = $('size').value;
  if ($('seed').value !== '') body.seed = Number($('seed').value);
  if (model?.negativePrompt && $('negative').value.trim()) body.negativePrompt = $('negative').value.trim();

  const button = $('generate');
  button.disabled = true;
  button.textContent = t('generating');
  $('progress').textContent = t('stageTranslating');
  try {
    const response = await fetch('/api/image', { method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` } });
    if (!response.ok) {
      showError(describeError(await response.json().catch(() => ({})), response.headers.get('Retry-After')));
      $('progress').textContent = '';
      return;
    }
    for await (const { name, data } of events(response)) {
      if (name === 'progress') {
        if (data.stage === 'translating') $('progress').textContent = t('stageTranslating');
        if (data.stage === 'translated') $('progress').textContent = t('stageTranslated', { prompt: data.translatedPrompt });
        if (data.stage === 'generating') $('progress').textContent = t('stageGenerating', { model: data.model });
      } else if (name === 'result') {
        $('progress').textContent = '';
        const entry = { id: crypto.randomUUID?.() ?? String(Date.now()), createdAt: Date.now(), prompt: data.prompt,
          translatedPrompt: data.translatedPrompt, model: data.model, size: data.size, seed: data.seed,
          elapsedMs: data.elapsedMs, translation: data.translation,
          image: `data:${data.contentType};base64,${data.image}` };
        showResult(entry);
        remember(entry);
        showBudget();
      } else if (name === 'error') {
        $('progress').textContent = '';
        showError(describeError(data));
      }
    }
  } catch {
    $('progress').textContent = '';
    showError(t('err_network'));
  } finally {
    button.disabled = false;
    button.textContent = t('generate');
  }
}

// "N of M images left today" where the key has a daily budget; nothing where it has none.
async function showBudget() {
  const key = store.get('flux.apiKey', '');
  const budget = $('budget');
  if (!key) { budget.hidden = true; return; }
  try {
    const response = await fetch('/api/usage', { headers: { Authorization: `Bearer ${key}` } });
    const usage = response.ok ? await response.json() : null;
    budget.hidden = !usage?.limits?.imagesPerDay;
    if (!budget.hidden) budget.textContent = t('imagesLeft', { n: usage.left.imagesToday, m: usage.limits.imagesPerDay });
  } catch {
    budget.hidden = true;
  }
}

function showResult(entry) {
  current = entry;
  const image = $('result-image');
  image.src = entry.image;
  image.alt = entry.translatedPrompt;
  $('result-prompt').textContent = entry.translatedPrompt;
  $('result-model').textContent = entry.model;
  $('result-size').textContent = entry.size ?? '';
  $('result-seed').textContent = entry.seed;
  $('result-time').textContent = t('seconds', { n: (entry.elapsedMs / 1000).toFixed(1) });
  $('result-note').textContent = entry.translation?.fallback ? t('notTranslated', { reason: entry.translation.fallbackReason }) : '';
  const download = $('download');
  download.href = entry.image;
  download.download = `flux-suite-${entry.seed}.${entry.image.startsWith('data:image/png') ? 'png' : 'jpg'}`;
  $('result').hidden = false;
}

// Newest first; when the browser's storage is full, the oldest images go.
function remember(entry) {
  const history = [entry, ...store.get('flux.history', [])].slice(0, HISTORY_LIMIT);
  while (history.length > 0) {
    try { store.set('flux.history', history); break; } catch { history.pop(); }
  }
  renderHistory();
}

function renderHistory() {
  const history = store.get('flux.history', []);
  $('history-empty').hidden = history.length > 0;
  $('history-clear').hidden = history.length === 0;
  $('history').replaceChildren(...history.map((entry) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    const thumb = document.createElement('img');
    thumb.src = entry.image;
    thumb.alt = entry.translatedPrompt;
    thumb.loading = 'lazy';
    const caption = document.createElement('span');
    caption.textContent = entry.prompt;
    button.append(thumb, caption);
    button.addEventListener('click', () => { showResult(entry); $('result').scrollIntoView({ behavior: 'smooth' }); });
    item.append(button);
    return item;
  }));
}

function init() {
  $('api-key').value = store.get('flux.apiKey', '');
  showBudget();
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    store.set('flux.apiKey', $('api-key').value.trim());
    $('key-status').textContent = t('keySaved');
    showBudget();
  });
  $('language').addEventListener('click', () => { lang = lang === 'zh' ? 'en' : 'zh'; store.set('flux.lang', lang); applyLanguage(); });
  $('model').addEventListener('change', () => { renderModelInfo(); renderSizes(); });
  $('steps').addEventListener('input', () => { $('steps-value').textContent = $('steps').value; });
  $('generate-form').addEventListener('submit', generate);
  $('generate-form').addEventListener('reset', () => {
    setTimeout(() => { renderModelInfo(); renderSizes(); });
    $('error').hidden = true;
    $('progress').textContent = '';
    $('result').hidden = true;
    current = null;
  });
  $('copy').addEventListener('click', async () => {
    await navigator.clipboard?.writeText(current?.translatedPrompt ?? '');
    $('progress').textContent = t('copied');
  });
  $('history-clear').addEventListener('click', () => { store.set('flux.history', []); renderHistory(); });
  applyLanguage();
  loadModels();
}

init();
