// Vite bundles stylesheets imported for their side effect; TypeScript 6 checks
// side-effect imports, so it needs to know that such a module exists.
declare module '*.css';
