// Public, browser-safe API of the scenario generator. (Node-only file writing: ./node-writer.ts.)

export type {
  GenDialect, LevelName, IncidentKind, ScenarioOptions, Scenario, NodeSpec, ServiceSession, ResourceSpec,
  GroupSpec, NetworkSpec, ScenarioEvent, View, JoinStage, StageMark,
} from './model.ts';
export { GEN_DIALECTS } from './model.ts';
export { buildScenario, groupOwnerAt } from './scenario.ts';
export { renderNodeLog, renderNodeBatches, narrateNode, type RenderOptions, type RenderedLine, type LineTruth, type BucketName } from './render.ts';
export { encodeLines, encodeLineBatches, encodeText, encodedLength, ENCODINGS, EOLS, type EncodingName, type Eol, type EncodeOptions } from './encode.ts';
export { TEMPLATES, renderTemplate, templateById, referenceMessage, type MessageTemplate, type TemplateFamily } from './templates.ts';
export { summarizeScenario, type ScenarioSummary } from './summary.ts';
export { demoPreset, presetOptions, defaultStartFor, PRESETS, type PresetName, type WriteOptions, type NodeFileOptions } from './presets.ts';
export { rngFor, type Rng } from './prng.ts';
