import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { loadConfig, settings } from '../../src/server/config.ts';

/**
 * No Docker engine runs here, so the deployment files are held to the code instead: every variable and
 * path they use must exist, and the endpoint must accept the configuration they give it.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEPLOY = join(ROOT, 'src/authentik/deploy');
const COMPOSE_FILES = { '2024.12': 'compose-2024.12.yaml', '2026': 'compose-2026.yaml' } as const;

type Environment = Record<string, string>;
interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Environment | string[];
  volumes?: string[];
  ports?: string[];
  expose?: string[];
  networks?: string[];
}
interface Compose {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean } | null>;
}

const load = (file: string): Compose => parse(readFileSync(join(DEPLOY, file), 'utf8')) as Compose;

function environment(service: Service | undefined): Environment {
  const env = service?.environment ?? {};
  if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
  return Object.fromEntries(env.map((line) => [line.split('=')[0]!, line.slice(line.indexOf('=') + 1)]));
}

/** The compose variables (`${NAME}`, `${NAME:?message}`, `${NAME:-default}`) a value uses; `$${...}` is an escaped `$`. */
const VARIABLE = /(?<!\$)\$\{(\w+)(?::?[-?][^}]*)?\}/g;
const variablesIn = (value: string) => [...value.matchAll(VARIABLE)].map((match) => match[1]!);

/** What compose would substitute, given an env file with these values. */
const SAMPLE_ENV: Environment = {
  PG_PASS: 'pg-password',
  AUTHENTIK_SECRET_KEY: 'authentik-secret-key',
  AVATARS_TOKEN: 'a'.repeat(64),
  IMGPROXY_KEY: 'ab'.repeat(32),
  IMGPROXY_SALT: 'cd'.repeat(32),
  AVATARS_PUBLIC_URL: 'https://avatars.example.org',
};
const interpolate = (value: string) =>
  value.replace(/\$\{(\w+)(?::-([^}]*))?(?::\?[^}]*)?\}/g, (_match, name: string, fallback?: string) => SAMPLE_ENV[name] ?? fallback ?? '');

const hostOf = (url: string) => new URL(url).hostname;
const portOf = (url: string) => new URL(url).port;

for (const [version, file] of Object.entries(COMPOSE_FILES)) {
  describe(`${file} (authentik ${version})`, () => {
    const compose = load(file);
    const { services } = compose;
    const avatars = environment(services.avatars);
    const imgproxy = environment(services.imgproxy);

    it('runs authentik server and worker on a pinned image of that version, with postgres, plus avatars and imgproxy', () => {
      const expected = ['avatars', 'imgproxy', 'postgresql', 'server', 'worker', ...(version === '2024.12' ? ['redis'] : [])].sort();
      assert.deepEqual(Object.keys(services).sort(), expected);
      for (const name of ['server', 'worker']) {
        const tag = new RegExp(`^ghcr\\.io/goauthentik/server:${version.replace('.', '\\.')}\\.\\d+(\\.\\d+)?$`);
        assert.match(services[name]!.image!, tag);
      }
      assert.match(services.imgproxy!.image!, /^ghcr\.io\/imgproxy\/imgproxy:v\d+\.\d+\.\d+$/, 'imgproxy pinned to a release');
    });

    it('gives the avatars service only variables the endpoint reads (src/server/config.ts settings)', () => {
      const unknown = Object.keys(avatars).filter((name) => !Object.hasOwn(settings, name));
      assert.deepEqual(unknown, [], `not in settings: ${unknown.join(', ')}`);
    });

    it('gives the avatars service a configuration the endpoint accepts in production, in imgproxy mode', () => {
      const env = Object.fromEntries(Object.entries(avatars).map(([key, value]) => [key, interpolate(value)]));
      const config = loadConfig({ NODE_ENV: 'production', ...env });
      assert.equal(config.processor, 'imgproxy');
      assert.equal(config.publicUrl, SAMPLE_ENV.AVATARS_PUBLIC_URL);
    });

    it('pins imgproxy to the endpoint’s private listener: allowed sources = SOURCE_URL plus a trailing slash', () => {
      assert.equal(imgproxy.IMGPROXY_ALLOWED_SOURCES, `${avatars.SOURCE_URL}/`);
      assert.equal(hostOf(avatars.SOURCE_URL!), 'avatars', 'imgproxy reaches the avatars service by its name');
      assert.equal(portOf(avatars.SOURCE_URL!), avatars.SOURCE_PORT);
      assert.equal(hostOf(avatars.IMGPROXY_URL!), 'imgproxy');
      assert.equal(`:${portOf(avatars.IMGPROXY_URL!)}`, imgproxy.IMGPROXY_BIND);
    });

    it('keeps imgproxy off the host and off the internet: no ports, internal networks only', () => {
      assert.equal(services.imgproxy!.ports, undefined);
      assert.equal(services.imgproxy!.expose, undefined);
      for (const network of services.imgproxy!.networks ?? []) assert.equal(compose.networks[network]?.internal, true, `${network} must be internal`);
      assert.ok((services.imgproxy!.networks ?? []).length > 0);
    });

    it('signs imgproxy URLs with the same key and salt on both sides, from the env file', () => {
      for (const name of ['IMGPROXY_KEY', 'IMGPROXY_SALT']) {
        assert.deepEqual(variablesIn(avatars[name]!), [name]);
        assert.deepEqual(variablesIn(imgproxy[name]!), [name]);
      }
    });

    it('holds imgproxy to the endpoint’s own size limits', () => {
      assert.equal(imgproxy.IMGPROXY_MAX_SRC_FILE_SIZE, avatars.MAX_UPLOAD_BYTES);
      assert.ok(Number(imgproxy.IMGPROXY_MAX_SRC_RESOLUTION) * 1e6 >= Number(avatars.MAX_PIXELS));
    });

    it('publishes the endpoint on loopback only (for the reverse proxy) and never the private listener', () => {
      const ports = services.avatars!.ports ?? [];
      assert.ok(ports.length > 0 && ports.every((port) => port.startsWith('127.0.0.1:')), JSON.stringify(ports));
      assert.ok(ports.every((port) => port.endsWith(`:${avatars.PORT}`)));
    });

    it('tells authentik (policy and scope mapping) where the endpoint is, with the same token and public URL', () => {
      for (const name of ['server', 'worker']) {
        const authentik = environment(services[name]);
        assert.equal(authentik.AVATARS_URL, `http://avatars:${avatars.PORT}`);
        assert.deepEqual(variablesIn(authentik.AVATARS_TOKEN!), variablesIn(avatars.AVATARS_TOKEN!));
        assert.deepEqual(variablesIn(authentik.AVATARS_PUBLIC_URL!), variablesIn(avatars.PUBLIC_URL!));
      }
    });

    it('mounts the template override at /templates and the blueprints under /blueprints, read-only', () => {
      for (const name of ['server', 'worker']) {
        const mounts = Object.fromEntries((services[name]!.volumes ?? []).map((volume) => volume.split(':')).map(([source, target, mode]) => [target!, { source: source!, mode }]));
        assert.equal(relative(ROOT, resolve(DEPLOY, mounts['/templates']!.source)), 'src/authentik/templates');
        assert.equal(mounts['/templates']!.mode, 'ro');
        const blueprints = Object.entries(mounts).find(([target]) => target.startsWith('/blueprints/'));
        assert.ok(blueprints, 'a mount below /blueprints/');
        assert.equal(relative(ROOT, resolve(DEPLOY, blueprints[1].source)), 'src/authentik/blueprints');
        assert.equal(blueprints[1].mode, 'ro');
      }
    });

    it('mounts only repository paths that exist, and builds the endpoint from the repository root', () => {
      for (const [name, service] of Object.entries(services)) {
        for (const volume of service.volumes ?? []) {
          const source = volume.split(':')[0]!;
          if (!source.startsWith('.') && !source.startsWith('/')) continue; // a named volume
          const path = resolve(DEPLOY, source);
          assert.ok(!relative(ROOT, path).startsWith('..'), `${name}: ${source} is outside the repository`);
          assert.ok(existsSync(path), `${name}: ${source} does not exist`);
        }
      }
      const build = services.avatars!.build!;
      assert.equal(resolve(DEPLOY, build.context), resolve(ROOT));
      assert.ok(existsSync(join(ROOT, build.dockerfile)), build.dockerfile);
    });

    it('documents every variable it needs in env.example', () => {
      const documented = readFileSync(join(DEPLOY, 'env.example'), 'utf8');
      for (const name of new Set(variablesIn(readFileSync(join(DEPLOY, file), 'utf8')))) {
        assert.match(documented, new RegExp(`^#? ?${name}=`, 'm'), `${name} is not in env.example`);
      }
    });
  });
}

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+ /.test(line));
  const all = (keyword: string) => instructions.filter((line) => line.startsWith(`${keyword} `)).map((line) => line.slice(keyword.length + 1).trim());

  it('is a multi-stage build on node:20-bookworm-slim that installs with npm ci and builds with npm run build', () => {
    const stages = all('FROM');
    assert.ok(stages.length >= 2, 'multi-stage');
    assert.ok(stages.every((from) => from.startsWith('node:20-bookworm-slim ')), stages.join(', '));
    assert.ok(all('RUN').some((run) => run.startsWith('npm ci ')));
    assert.ok(all('RUN').some((run) => run.includes('npm ci --omit=dev')), 'the final image has production dependencies only');
    assert.ok(all('RUN').includes('npm run build'));
  });

  it('runs as a non-root user', () => {
    const user = all('USER').at(-1);
    assert.ok(user && user !== 'root' && user !== '0', `USER ${user}`);
  });

  it('has a HEALTHCHECK that asks the endpoint’s /healthz', () => {
    const [healthcheck] = all('HEALTHCHECK');
    assert.ok(healthcheck, 'HEALTHCHECK');
    assert.match(healthcheck, /CMD .*\/healthz/);
  });

  it('starts the server and copies only paths that exist in the repository', () => {
    assert.match(all('CMD').at(-1)!, /src\/server\/main\.ts/);
    for (const copy of all('COPY').filter((line) => !line.startsWith('--from'))) {
      const sources = copy.split(/\s+/).slice(0, -1);
      for (const source of sources) assert.ok(existsSync(join(ROOT, source)), `COPY ${source}: not in the repository`);
    }
  });

  it('leaves production mode on, so the endpoint refuses to start without AVATARS_TOKEN', () => {
    assert.match(dockerfile, /ENV NODE_ENV=production/);
  });
});

describe('deploy folder', () => {
  it('holds the Dockerfile, both compose examples, the S3 variant (test/server/s3-compose.test.ts) and env.example', () => {
    assert.deepEqual(readdirSync(DEPLOY).sort(), ['Dockerfile', 'compose-2024.12.yaml', 'compose-2026-s3.yaml', 'compose-2026.yaml', 'env.example']);
  });
});
