/**
 * How an OpenAI model id starts, as a regular-expression source: for rules that find a model named in prose
 * ("does not have access to the gpt-4o model", "model in use: gpt-4o"), where only a known family keeps ordinary
 * words out. Shared by the catalogue and the model extractor, so a family one rule knows the others know too.
 */
export const OPENAI_MODEL_PREFIX =
  '(?:gpt|o\\d|chatgpt|text-|dall-e|whisper|tts-|davinci|babbage|curie|ada|ft:|codex|computer-use|omni-|sora)';
