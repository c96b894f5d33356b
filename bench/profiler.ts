// CPU profiles of one phase of a bench process (V8's sampling profiler through node:inspector), so a figure that
// misses its goal comes with where the time went during that phase only, not during preparation.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Starts sampling this process; the returned function stops and writes a `.cpuprofile` to `path`. */
export async function startProfile(): Promise<(path: string) => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async (path) => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    session.disconnect();
  };
}
