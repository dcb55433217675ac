// The gateway through the official openai npm package, called as its documentation shows: base URL and key, nothing
// added for our sake. GATEWAY_URL, API_KEY and EMULATOR_URL say where the suite runs (scripts/smoke-local.sh sets them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI from 'openai';

const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080';
const emulator = process.env.EMULATOR_URL ?? 'http://localhost:8089';
const client = new OpenAI({ baseURL: `${gateway}/v1`, apiKey: process.env.API_KEY });

/** Width and height from a PNG's or a JPEG's header: the bytes are a real image of that size. */
function dimensions(bytes) {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { format: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff], 'neither PNG nor JPEG');
  for (let i = 2; i < bytes.length;) {
    const marker = bytes[i + 1];
    if (marker >= 0xc0 && marker <= 0xc2) {
      return { format: 'jpeg', height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    }
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  assert.fail('a JPEG without a frame header');
}

test('models.list lists the image models', async () => {
  const ids = [];
  for await (const model of client.models.list()) {
    ids.push(model.id);
  }
  assert.ok(ids.includes('FLUX.1-Schnell-CF'), ids.join(', '));
  assert.ok(ids.includes('SD-XL-Lightning-CF'), ids.join(', '));
});

test('images.generate answers base64', async () => {
  const result = await client.images.generate({
    model: 'SD-XL-Lightning-CF', prompt: 'a lighthouse at dawn', size: '512x384', response_format: 'b64_json',
  });
  assert.equal(result.data.length, 1);
  assert.deepEqual(dimensions(Buffer.from(result.data[0].b64_json, 'base64')), { format: 'png', width: 512, height: 384 });
  assert.ok(result.data[0].revised_prompt.includes('lighthouse'));
});

test('images.generate answers a URL that serves the image', async () => {
  const result = await client.images.generate({ model: 'FLUX.1-Schnell-CF', prompt: 'a red fox in the snow' });
  const answer = await fetch(result.data[0].url);
  assert.equal(answer.status, 200);
  const bytes = Buffer.from(await answer.arrayBuffer());
  assert.deepEqual(dimensions(bytes), { format: 'jpeg', width: 1024, height: 1024 });
});

test('chat.completions.create answers the image as Markdown', async () => {
  const completion = await client.chat.completions.create({
    model: 'FLUX.1-Schnell-CF',
    messages: [{ role: 'system', content: 'You are an image generator.' }, { role: 'user', content: 'a castle 16:9' }],
  });
  assert.equal(completion.choices[0].finish_reason, 'stop');
  const url = completion.choices[0].message.content.match(/!\[[^\]]*\]\(([^)]+)\)/)[1];
  assert.equal((await fetch(url)).status, 200);
});

test('chat.completions.create with stream yields chunks whose text holds the image', async () => {
  const stream = await client.chat.completions.create({
    model: 'FLUX.1-Schnell-CF', stream: true, stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'a harbour at night' }],
  });
  let text = '';
  let finish;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  assert.equal(finish, 'stop');
  assert.match(text, /!\[[^\]]*\]\(http[^)]+\/images\/[A-Za-z0-9_-]{22}\)/);
});

test('a conversation as chat front ends send it: the last user text is the prompt', async () => {
  const first = await client.chat.completions.create({
    model: 'FLUX.1-Schnell-CF', messages: [{ role: 'user', content: 'a blue bird' }],
  });
  const completion = await client.chat.completions.create({
    model: 'FLUX.1-Schnell-CF', temperature: 0.7, max_tokens: 1024, n: 1, top_p: 1,
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: 'a blue bird' },
      { role: 'assistant', content: first.choices[0].message.content },
      { role: 'user', content: [
        { type: 'image_url', image_url: { url: first.choices[0].message.content.match(/\(([^)]+)\)/)[1] } },
        { type: 'text', text: 'a green frog on a leaf' },
      ] },
    ],
  });
  assert.match(completion.choices[0].message.content, /\*\*Prompt:\*\* a green frog on a leaf/);
});

test('a wrong key is an AuthenticationError', async () => {
  const wrong = new OpenAI({ baseURL: `${gateway}/v1`, apiKey: 'not-a-key' });
  await assert.rejects(wrong.images.generate({ prompt: 'a cat' }), (error) => {
    assert.ok(error instanceof OpenAI.AuthenticationError, error.constructor.name);
    assert.equal(error.status, 401);
    return true;
  });
});

test('too many images is a BadRequestError that says the limit', async () => {
  await assert.rejects(client.images.generate({ prompt: 'a cat', n: 1000 }), (error) => {
    assert.ok(error instanceof OpenAI.BadRequestError, error.constructor.name);
    assert.match(error.message, /n must be between 1 and 4, not 1000/);
    assert.equal(error.param, 'n');
    return true;
  });
});

test('a consumer over its requests a minute gets a RateLimitError with the wait', { skip: !process.env.PACED_KEY },
  async () => {
    // No retries, so that the SDK hands the error over rather than waiting Retry-After and asking again.
    const paced = new OpenAI({ baseURL: `${gateway}/v1`, apiKey: process.env.PACED_KEY, maxRetries: 0 });
    const ask = () => paced.images.generate({ model: 'SD-XL-Lightning-CF', prompt: 'a paced kite', size: '256x256',
      response_format: 'b64_json' });
    await ask();
    await ask();
    await assert.rejects(ask(), (error) => {
      assert.ok(error instanceof OpenAI.RateLimitError, error.constructor.name);
      assert.equal(error.status, 429);
      assert.equal(error.code, 'rate_limit_exceeded');
      assert.match(error.message, /'smoke-paced' may send 2 requests a minute/);
      const wait = Number(error.headers.get('retry-after'));
      assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait}`);
      return true;
    });
    await assert.rejects(paced.chat.completions.create({ model: 'FLUX.1-Schnell-CF', stream: true,
      messages: [{ role: 'user', content: 'a paced kite' }] }), OpenAI.RateLimitError);
  });

test('a consumer over its images a day gets a RateLimitError that says so', { skip: !process.env.BUDGET_KEY },
  async () => {
    const budgeted = new OpenAI({ baseURL: `${gateway}/v1`, apiKey: process.env.BUDGET_KEY, maxRetries: 0 });
    await assert.rejects(budgeted.images.generate({ model: 'SD-XL-Lightning-CF', prompt: 'many kites', n: 4,
      size: '256x256', response_format: 'b64_json' }).then(() => budgeted.images.generate({
      model: 'SD-XL-Lightning-CF', prompt: 'many kites', n: 4, size: '256x256', response_format: 'b64_json' })),
    (error) => {
      assert.ok(error instanceof OpenAI.RateLimitError, error.constructor.name);
      assert.equal(error.code, 'daily_budget_exhausted');
      assert.match(error.message, /'smoke-budget'/);
      assert.equal(error.headers.get('x-should-retry'), 'false');
      return true;
    });
  });

test('an unknown model is a NotFoundError', async () => {
  await assert.rejects(client.images.generate({ prompt: 'a cat', model: 'no-such-model' }), (error) => {
    assert.ok(error instanceof OpenAI.NotFoundError, error.constructor.name);
    assert.match(error.message, /no-such-model/);
    return true;
  });
});

// Last: it leaves every account of the running suite out of its daily allocation until 00:00 UTC.
test('every account out of quota is a RateLimitError with the retry delay', async () => {
  const fault = await fetch(`${emulator}/emulator/faults`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mode: 'quota-exhausted' }),
  });
  assert.equal(fault.status, 200);
  try {
    await assert.rejects(client.images.generate({ prompt: 'a cat', model: 'SD-XL-Lightning-CF' }), (error) => {
      assert.ok(error instanceof OpenAI.RateLimitError, error.constructor.name);
      assert.equal(error.code, 'insufficient_quota');
      assert.ok(Number(error.headers.get('retry-after')) > 0, `Retry-After: ${error.headers.get('retry-after')}`);
      return true;
    });
  } finally {
    await fetch(`${emulator}/emulator/reset`, { method: 'POST' });
  }
});
