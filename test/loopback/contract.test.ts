import { describe, expect, it } from 'vitest';
import { checkRequestContract } from '../../src/loopback/contract.js';
import { startLoopbackDiscord } from '../../src/loopback/index.js';

const button = (customId: string) => ({ type: 1, components: [{ type: 2, style: 1, label: 'A', custom_id: customId }] });

describe('contract check against discord-api-spec', () => {
  it('accepts a valid message body', () => {
    expect(checkRequestContract({ method: 'POST', path: '/api/v10/channels/123/messages', body: { content: 'hi', components: [button('a')] } })).toEqual([]);
  });

  it('flags a button custom_id of 101 characters with its location', () => {
    const violations = checkRequestContract({ method: 'POST', path: '/channels/123/messages', body: { components: [button('x'.repeat(101))] } });
    expect(violations).toContainEqual(
      expect.objectContaining({ kind: 'schema', at: 'components[0].components[0].custom_id', message: 'must be at most 100 characters' }),
    );
  });

  it('flags 2,001 characters of content as a documented limit the spec leaves at 4,000', () => {
    const violations = checkRequestContract({ method: 'POST', path: '/channels/123/messages', body: { content: 'x'.repeat(2001) } });
    expect(violations).toEqual([expect.objectContaining({ kind: 'limit', at: 'content' })]);
  });

  it('flags an unknown component type', () => {
    const violations = checkRequestContract({ method: 'POST', path: '/channels/1/messages', body: { components: [{ type: 99, components: [] }] } });
    expect(violations.map((v) => v.kind)).toEqual(['schema']);
    expect(violations[0]?.at).toMatch(/^components\[0\]/);
  });

  it('flags an unknown command option type and a misspelt field', () => {
    const command = { name: 'quiz', description: 'Quiz', options: [{ type: 42, name: 'day', description: 'Day' }] };
    expect(checkRequestContract({ method: 'PUT', path: '/applications/1/commands', body: [command] })[0]).toMatchObject({ kind: 'schema', at: '[0].options[0].type' });
    const typo = checkRequestContract({ method: 'POST', path: '/channels/1/messages', body: { content: 'hi', embed: { title: 'old API' } } });
    expect(typo).toEqual([expect.objectContaining({ kind: 'unknown-field', at: 'embed' })]);
  });

  it('checks interaction callbacks by their type and resolves @original before {message_id}', () => {
    const callback = checkRequestContract({ method: 'POST', path: '/interactions/1/tok/callback', body: { type: 4, data: { content: 'x'.repeat(2001) } } });
    expect(callback.map((v) => v.at)).toContain('data.content');
    const edit = checkRequestContract({ method: 'PATCH', path: '/webhooks/1/tok/messages/%40original', body: { content: 'ok' } });
    expect(edit).toEqual([]);
  });

  it('flags routes Discord does not have and bodies sent where none is taken', () => {
    expect(checkRequestContract({ method: 'POST', path: '/channels/1/mesages', body: {} })[0]?.kind).toBe('unknown-route');
    expect(checkRequestContract({ method: 'PUT', path: '/guilds/1/members/2/roles/3', body: { reason: 'x' } })[0]?.kind).toBe('unexpected-body');
  });

  it('the server collects violations per request, and in enforce mode refuses them with 50035', async () => {
    const discord = await startLoopbackDiscord({ contract: 'enforce' });
    try {
      const { channels } = discord.addGuild({ name: 'G' });
      const response = await fetch(`${discord.restUrl}/v10/channels/${channels.general}/messages`, {
        method: 'POST',
        headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'hi', components: [button('y'.repeat(101))] }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 50035 });
      expect(discord.contractViolations).toEqual([expect.objectContaining({ at: 'components[0].components[0].custom_id', request: `POST /channels/${channels.general}/messages` })]);
      expect(discord.state.messagesIn(channels.general!)).toEqual([]);
    } finally {
      await discord.close();
    }
  });
});
