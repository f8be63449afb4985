/** The model registry: GTO-compatible git tags (tags.ts), git access (git.ts), the model (registry.ts), writes (client.ts). */
export * from './tags';
export * from './git';
export * from './registry';
export * from './client';
