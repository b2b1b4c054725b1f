// V8's tiering, tuned for a run that lasts seconds. cli.ts imports this module first, so the setting is in place
// before the engine's functions get hot, in the main thread and in the worker threads (V8's flags are per process).
import { setFlagsFromString } from 'node:v8';

/**
 * How much a function runs before V8 compiles it with its optimizing compiler: about 2.3 times V8's default (132 KiB
 * of bytecode budget). A lint run is short, and with the default, optimizing code (a whole engine's worth, in every
 * worker thread again) took a quarter of the CPU time: more than it saved. Measured on the bench's 2,000-file
 * workspace, in interleaved runs: CPU time -18 to -20% with one thread, wall time -15% with two workers; the wall time
 * of one thread is unchanged (the compiler runs beside it). 600 KiB and more made the wall time worse.
 */
const INTERRUPT_BUDGET = 300_000;

setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
