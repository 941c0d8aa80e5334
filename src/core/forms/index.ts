export * from './fields';
export * from './mapping';
export * from './read';
export { formPreview, decodeBase64 } from './preview';
export { FormFileInput, FormMapping, FormPreview } from './contract';
