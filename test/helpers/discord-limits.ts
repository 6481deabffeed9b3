import type { APIEmbed } from 'discord.js';
import type { Reply } from '../../src/discord/command.js';

/** Every way a reply could exceed Discord's documented message limits; empty when it fits. */
export function limitViolations(reply: Reply): string[] {
  const problems: string[] = [];
  const check = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what} is ${length} > ${max}`);
  };
  check('content', reply.content?.length ?? 0, 2000);
  const embeds: APIEmbed[] = reply.embeds ?? [];
  check('embeds', embeds.length, 10);
  let total = 0;
  embeds.forEach((e, i) => {
    check(`embed ${i} title`, e.title?.length ?? 0, 256);
    check(`embed ${i} description`, e.description?.length ?? 0, 4096);
    check(`embed ${i} fields`, e.fields?.length ?? 0, 25);
    check(`embed ${i} footer`, e.footer?.text.length ?? 0, 2048);
    e.fields?.forEach((f, j) => {
      check(`embed ${i} field ${j} name`, f.name.length, 256);
      check(`embed ${i} field ${j} value`, f.value.length, 1024);
      if (f.name.length === 0 || f.value.length === 0) problems.push(`embed ${i} field ${j} is empty`);
    });
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) +
      (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  });
  check('all embeds together', total, 6000);
  const rows = reply.components ?? [];
  check('action rows', rows.length, 5);
  rows.forEach((row, r) => {
    check(`row ${r} components`, row.components.length, 5);
    for (const c of row.components) {
      if ('custom_id' in c && c.custom_id !== undefined) {
        check(`row ${r} custom_id`, c.custom_id.length, 100);
        if (c.custom_id.length === 0) problems.push(`row ${r} has an empty custom_id`);
      }
      if ('label' in c && c.label !== undefined) check(`row ${r} label`, c.label.length, 80);
    }
  });
  return problems;
}
