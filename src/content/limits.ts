/**
 * Length and count bounds for pack content, chosen so that everything fits Discord when rendered:
 * a concept card (summary + key points) fits an embed description (4,096) and the whole card stays under an
 * embed's 6,000; sources fit one embed field (1,024); a question with all its options fits an embed
 * description; a title fits an autocomplete choice (100); the roadmap shows one embed field per stage (25).
 */
export const LIMITS = {
  slug: 60,
  title: 80,
  packDescription: 1000,
  stageSummary: 500,
  topicSummary: 2000,
  keyPoint: 200,
  keyPoints: 8,
  sources: 4,
  document: 100,
  section: 120,
  documents: 20,
  prompt: 500,
  option: 200,
  minOptions: 2,
  maxOptions: 5,
  explanation: 1000,
  stages: 25,
  topicsPerStage: 50,
  questionsPerTopic: 100,
  challengeQuestions: 5,
  studyPlanDays: 1000,
  challenges: 200,
} as const;

/** Rules a curriculum we bundle must also meet (not needed for an imported trivia list). */
export const CURRICULUM_RULES = {
  minQuestionsPerTopic: 5,
  minTopicsPerStage: 1,
} as const;
