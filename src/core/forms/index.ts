export * from './fields';
export * from './mapping';
export * from './read';
export { formPreview, decodeBase64 } from './preview';
// The zod shapes (FormFileInput, FormPreview, and FormMapping's schema) are in ./contract, for a feature's slice.
export { FormFileInput, FormPreview } from './contract';
