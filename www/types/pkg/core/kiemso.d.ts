// Types of www/pkg/core/kiemso.js: the first-load module (tables only), see ../kiemso.d.ts.
export { check, checkFile, checkJson, checkFileJson, fileText, builtinCatalogue, initSync, wasmFile, default } from '../kiemso';
/** Not in this module (built without the `target` feature): the complete module has it. */
export const target: undefined | typeof import('../kiemso').target;
