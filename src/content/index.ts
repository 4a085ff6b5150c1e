// Runtime-neutral entry point (safe for Workers). Node code that reads templates/ from disk imports
// `loadContentFromDisk` from "./node.ts" instead.
export {
  AUTHORS_PATH,
  authorById,
  type CampaignTemplate,
  type Content,
  ContentError,
  type ContentProblem,
  campaignTemplateById,
  type Lesson,
  lessonById,
  loadContent,
  parseDuration,
  splitFrontMatter,
} from "./loader.ts";
export { PRIVACY_PATH, type PrivacyNotice } from "./privacy.ts";
export type { Author, RawContentFile, Source } from "./schema.ts";
export { TOPICS_PATH, type Topic, type Topics, topicById } from "./topics.ts";
