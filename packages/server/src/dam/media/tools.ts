import { spawn } from 'node:child_process';
import { MediaError } from './errors.js';

// ffmpeg, ffprobe and poppler run as child processes: no shell, arguments as an array, a time limit and a
// cap on what we buffer from them, so neither a hostile file nor a stuck decoder can hold a job forever.

/** Limits of one tool run. */
export interface ToolOptions {
  /** Kill the tool after this long (default 120 s). */
  timeoutMs?: number;
  /** Most stdout bytes kept in memory (default 64 MiB); past it the tool is killed and the run fails. */
  maxOutputBytes?: number;
  /** Cancels the run. */
  signal?: AbortSignal;
}

const stderrTail = 600;

/**
 * Runs `command args…` and resolves with its stdout when it exits 0; otherwise throws a MediaError with the
 * tail of its stderr (code `tool_missing` when the program is not installed, `timeout` when it ran too long).
 *
 * @example const json = await runTool('ffprobe', ['-v', 'error', '-of', 'json', '-show_format', file])
 */
export function runTool(command: string, args: string[], options: ToolOptions = {}): Promise<Buffer> {
  const { timeoutMs = 120_000, maxOutputBytes = 64 * 1024 * 1024, signal } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let failure: MediaError | undefined;
    const fail = (error: MediaError) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => fail(new MediaError('timeout', `${command} took longer than ${timeoutMs / 1000} s`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxOutputBytes) fail(new MediaError('too_large', `${command} wrote more than ${maxOutputBytes} bytes`));
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-4 * stderrTail);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ENOENT')
        reject(new MediaError('tool_missing', `${command} is not installed (apt-get install ffmpeg poppler-utils)`));
      else reject(failure ?? new MediaError('tool_failed', `${command}: ${error.message}`, { cause: error }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else if (code === 0) resolve(Buffer.concat(out));
      else reject(new MediaError('tool_failed', `${command} exited with ${code}: ${tidy(err)}`));
    });
  });
}

/** The last lines of a tool's stderr, without this machine's paths. */
function tidy(stderr: string): string {
  return stderr
    .replace(/\/[^\s:'"]*\//g, '…/')
    .trim()
    .split('\n')
    .slice(-4)
    .join(' | ')
    .slice(-stderrTail);
}
