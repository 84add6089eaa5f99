/** Which core and examples sources the bench was built from (set by tsup.config.ts). */
declare const __BENCH_SOURCES__: string;
