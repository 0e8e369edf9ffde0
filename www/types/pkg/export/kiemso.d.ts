// Types of www/pkg/export/kiemso.js: the complete module and the writers, see ../kiemso.d.ts.
export * from '../kiemso';
export { default } from '../kiemso';
