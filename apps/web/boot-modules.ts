/**
 * The modules of boot's own chunk (src/boot.ts and what it imports): the early entry that asks for the session while
 * the rest downloads. vite.config.ts keeps them out of the first paint's chunk; src/first-bundle.unit.test.ts fails
 * when boot's imports and this list part ways (a module boot gains would otherwise land in the big chunk, and boot
 * would wait for it).
 */
export const BOOT_MODULES = /[\\/]src[\\/](boot|app[\\/]identity|ui[\\/]paths)\.ts$/;
