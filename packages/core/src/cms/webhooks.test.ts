import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhook } from '../index.js';

// verifyWebhook runs in hosts, often without our server nearby: checked here against signatures made the
// way the server makes them (node:crypto), in the header format Stripe's receivers already parse.

const body = JSON.stringify({
  id: 'evt_1',
  type: 'entry.published',
  createdAt: '2026-01-01T00:00:00.000Z',
  data: { entries: [{ id: 'e1', contentTypeId: 't1', locale: 'en', slug: 'hello' }], surrogateKeys: ['entry-e1', 'type-t1'] },
});
const now = new Date('2026-01-01T00:00:10Z');
const t = Math.floor(now.getTime() / 1000) - 10;
const sign = (secret: string) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

describe('verifyWebhook', () => {
  it('returns the event for a valid signature, also when a second v1 is signed with an old secret', async () => {
    const event = await verifyWebhook('secret-new-0123456789abcdef', `t=${t},v1=${sign('secret-new-0123456789abcdef')}`, body, { now });
    expect(event.data.surrogateKeys).toEqual(['entry-e1', 'type-t1']);
    const rotating = `t=${t}, v1=${sign('secret-old-0123456789abcdef')}, v1=${sign('secret-new-0123456789abcdef')}`;
    await expect(verifyWebhook('secret-new-0123456789abcdef', rotating, body, { now })).resolves.toMatchObject({ id: 'evt_1' });
  });

  it('refuses a missing header, a moved timestamp and a body that is not an event', async () => {
    const secret = 'secret-0123456789abcdefghij';
    await expect(verifyWebhook(secret, undefined, body, { now })).rejects.toThrow(/malformed/);
    // The timestamp is signed with the body: changing it to look fresh breaks the signature.
    await expect(verifyWebhook(secret, `t=${t + 5},v1=${sign(secret)}`, body, { now })).rejects.toThrow(/does not match/);
    const other = '{"hello":"world"}';
    const signed = createHmac('sha256', secret).update(`${t}.${other}`).digest('hex');
    await expect(verifyWebhook(secret, `t=${t},v1=${signed}`, other, { now })).rejects.toThrow();
  });
});
