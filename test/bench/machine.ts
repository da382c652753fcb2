import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';
import sharp from 'sharp';

const firstLine = (command: string, args: string[]): string => {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  return `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n')[0] ?? '';
};

/** Lines describing the machine and the versions of everything measured, for the table header. */
export function describeMachine(chromium: string, imgproxy: string, loadAtStart: number[]): string[] {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const debian = readFileSync('/etc/debian_version', 'utf8').trim();
  const [one, five] = loadAtStart;
  const [oneNow] = loadavg();
  return [
    `Machine: ${cpu}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}, Debian ${debian}; load average ${one!.toFixed(2)} (1 min) / ${five!.toFixed(2)} (5 min) at start, ${oneNow!.toFixed(2)} at end`,
    `Versions: node ${process.version}, ${chromium} (headless, --disable-gpu), sharp ${sharp.versions.sharp} with libvips ${sharp.versions.vips}, system libvips ${firstLine('pkg-config', ['--modversion', 'vips']) || 'n/a'}, ${firstLine('nginx', ['-v']).replace('nginx version: ', '') || 'nginx n/a'}, ${firstLine('wrk', ['-v']).split(' [')[0] || 'wrk n/a'}`,
    `imgproxy measured: ${imgproxy}`,
  ];
}
