import { Document, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { ContentStore, QuestionRow } from '../store/content-store.js';
import type { Pack } from './schema.js';

export interface ExportedPack {
  packId: string;
  fileName: string;
  yaml: string;
  questions: number;
  ownQuestions: number;
}

/**
 * The pack a server follows, with the questions its members wrote, as one YAML file that `content:check` accepts
 * and `/content import` takes back. It gets an id of its own (another server importing it must not collide with the
 * original), and each member's question names its author in a comment, since the pack format has no field for it.
 */
export function exportPack(content: ContentStore, guildId: string, packId: string, names: ReadonlyMap<string, string>): ExportedPack {
  const pack = content.pack(packId)!;
  const own = content.serverQuestions(packId).get(guildId) ?? [];
  const byTopic = new Map<string, QuestionRow[]>();
  for (const ref of [...content.liveQuestions(packId), ...own]) {
    const q = content.question(ref.key)!;
    byTopic.set(q.topicId, [...(byTopic.get(q.topicId) ?? []), q]);
  }
  const topics = content.topics(packId);
  const exportId = `${packId.slice(0, 45)}-server-${guildId.slice(-8)}`;
  const shape: Pack = {
    id: exportId,
    title: `${pack.title} (with members' questions)`.slice(0, 80).trim(),
    description: pack.description,
    version: pack.version,
    stages: content.stages(packId).map((stage) => ({
      id: stage.id, title: stage.title, summary: stage.summary,
      topics: topics.filter((t) => t.stageId === stage.id && byTopic.has(t.id)).map((t) => ({
        id: t.id, title: t.title, summary: t.summary, keyPoints: t.keyPoints, sources: t.sources,
        questions: byTopic.get(t.id)!.map((q) => ({ id: q.id, prompt: q.prompt, options: [...q.options], answer: q.answer, explanation: q.explanation, difficulty: q.difficulty as 1 | 2 | 3 })),
      })),
    })).filter((stage) => stage.topics.length > 0),
    studyPlan: content.studyPlan(packId),
    challenges: content.challenges(packId).map((c) => ({ id: c.id, title: c.title, ...(c.stageId ? { stage: c.stageId } : {}), questions: c.questionIds })),
  };
  const doc = new Document(shape);
  doc.commentBefore = ` ${pack.title}, exported from a study group with the questions its members wrote.\n Import it with /content import; check it with npm run content:check.`;
  const authors = new Map(own.map((ref) => [content.question(ref.key)!.id, content.question(ref.key)!.authorId!]));
  for (const stage of items(doc.get('stages', true))) {
    for (const topic of items((stage as YAMLMap).get('topics', true))) {
      for (const question of items((topic as YAMLMap).get('questions', true))) {
        const author = authors.get(String((question as YAMLMap).get('id')));
        if (author) question.commentBefore = ` Suggested by ${names.get(author) ?? 'a member'} (Discord user ${author})`;
      }
    }
  }
  return { packId: exportId, fileName: `${exportId}.yaml`, yaml: doc.toString({ lineWidth: 0 }), questions: [...byTopic.values()].reduce((n, q) => n + q.length, 0), ownQuestions: own.length };
}

const items = (node: unknown): Node[] => (node instanceof YAMLSeq ? (node.items as Node[]) : []);
