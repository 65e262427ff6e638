/**
 * The validation stage: SHACL over the quads a build produces, against the
 * output contract in `ontology/shapes.ttl`.
 */
export { GraphValidator, validateQuads, termText, type Severity, type ValidateOptions, type ValidationReport, type ValidationResult } from './validate.ts';
export { loadShapes, LOASH, SH, SHAPES_FILE, type Shapes } from './shapes.ts';
