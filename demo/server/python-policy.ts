import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runner = fileURLToPath(new URL('../authentik/run_prompt_validation.py', import.meta.url));

export interface PolicyUser {
  username: string;
  email: string;
  name: string;
  pk: number;
  /** authentik's user uuid: the policy names the avatar's owner with it, so it must stay the same. */
  uuid: string;
  attributes: Record<string, unknown>;
}

export interface PolicyOutcome {
  passing: boolean;
  messages: string[];
  prompt_data: Record<string, unknown>;
}

/** Runs a real Python policy file through the authentik evaluator harness in a Python process. */
export function runPromptPolicy(
  policy: string,
  user: PolicyUser | null,
  promptData: Record<string, unknown>,
  env: Record<string, string>,
): Promise<PolicyOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.PYTHON ?? 'python3', [runner], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`policy runner exited with ${code}: ${Buffer.concat(stderr).toString()}`));
      resolve(JSON.parse(Buffer.concat(stdout).toString()) as PolicyOutcome);
    });
    child.stdin.end(JSON.stringify({ policy, user, prompt_data: promptData }));
  });
}
