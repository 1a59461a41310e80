import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { closeAuditStores } from '@/lib/audit/log';
import { findSetting, SETTINGS, settingsTable } from '@/lib/config/settings';
import { heapBoundMiB, imageNodeOptions } from '@/scripts/lib/image-node-options';

/*
 * The deployment files against Kubernetes' schemas and against the app itself: the Dockerfile lints, every
 * manifest is a valid object with no misspelt field, every variable the image, compose and Kubernetes set is a
 * setting Archway reads (lib/config/settings.ts, the README's table), and every probe path answers.
 */

const ROOT = path.resolve(__dirname, '../..');
const KUSTOMIZE_DIR = path.join(ROOT, 'deploy/kubernetes');
/** Read by Node and Next themselves, not by Archway's code: the image sets them for the server. */
const PLATFORM_VARIABLES = new Set(['NODE_ENV', 'NODE_OPTIONS', 'NEXT_TELEMETRY_DISABLED']);

type K8sObject = { apiVersion: string; kind: string; metadata?: { name?: string }; spec?: Record<string, unknown> };

function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => {
    expect(doc.errors, `${file}: ${doc.errors.join('; ')}`).toEqual([]);
    return doc.toJS();
  });
}

/** The objects of the kustomize base: rendered by kubectl where it exists, else the listed resources as written. */
function kubernetesObjects(): K8sObject[] {
  const kustomization = readYamlDocuments(path.join(KUSTOMIZE_DIR, 'kustomization.yaml'))[0] as { resources: string[] };
  const written = kustomization.resources.flatMap((file) => readYamlDocuments(path.join(KUSTOMIZE_DIR, file))) as K8sObject[];
  if (spawnSync('sh', ['-c', 'command -v kubectl']).status !== 0) return written;
  const rendered = parseAllDocuments(execFileSync('kubectl', ['kustomize', KUSTOMIZE_DIR], { encoding: 'utf8' })).map((d) => d.toJS() as K8sObject);
  expect(rendered.map((o) => `${o.kind}/${o.metadata?.name}`).sort()).toEqual(written.map((o) => `${o.kind}/${o.metadata?.name}`).sort());
  return rendered;
}

/** The model class of an object, from the maintained kubernetes-models package. */
async function modelOf(object: K8sObject): Promise<new (data: unknown) => { validate(): void }> {
  const models = (await import(`kubernetes-models/${object.apiVersion}`)) as Record<string, new (data: unknown) => { validate(): void }>;
  const model = models[object.kind];
  if (!model) throw new Error(`kubernetes-models has no ${object.apiVersion} ${object.kind}`);
  return model;
}

/**
 * Key paths the Kubernetes client's serializer does not know: it keeps only the fields of the API types, so a
 * round trip drops a misspelt `replica:` that the schema validation lets through.
 */
async function unknownFields(object: K8sObject): Promise<string[]> {
  // A deep import: the package's main entry needs Node 22 (undici 8); the serializer does not.
  const { ObjectSerializer } = await import('@kubernetes/client-node/dist/gen/models/ObjectSerializer.js');
  const version = object.apiVersion.split('/').pop()!;
  const typeName = `${version.charAt(0).toUpperCase()}${version.slice(1)}${object.kind}`;
  const kept: unknown = ObjectSerializer.serialize(ObjectSerializer.deserialize(object, typeName, ''), typeName, '');
  return keyPaths(object).filter((key) => !keyPaths(kept).includes(key));
}

function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => keyPaths(item, `${prefix}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  // Labels, annotations and a Secret's data are free-form maps: their keys are data, not fields.
  return Object.entries(value).flatMap(([key, child]) => [`${prefix}/${key}`, ...(FREE_FORM.has(key) ? [] : keyPaths(child, `${prefix}/${key}`))]);
}
const FREE_FORM = new Set(['labels', 'annotations', 'matchLabels', 'selector', 'stringData', 'data']);

type Container = { env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] };
type PodSpec = { containers: Container[] };

function deploymentOf(objects: K8sObject[]): { spec: { replicas: number; template: { spec: PodSpec & Record<string, unknown> } } } & K8sObject {
  const deployment = objects.find((o) => o.kind === 'Deployment');
  expect(deployment).toBeDefined();
  return deployment as never;
}

function dockerfileEnvNames(): string[] {
  const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  return [...text.matchAll(/^ENV\s+(.+)$/gm)].flatMap((m) => [...m[1]!.matchAll(/([A-Z_][A-Z0-9_]*)=/g)].map((n) => n[1]!));
}

function composeEnvNames(): string[] {
  const compose = readYamlDocuments(path.join(ROOT, 'deploy/compose.yaml'))[0] as { services: Record<string, { environment?: Record<string, string> }> };
  return Object.keys(compose.services.archway?.environment ?? {});
}

/** Every ARCHWAY_* name (and the few unprefixed ones) the server's code mentions outside tests. */
function variablesInCode(): Set<string> {
  const names = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|suite\.ts$/.test(entry.name)) {
        for (const match of readFileSync(file, 'utf8').matchAll(/\b(ARCHWAY_[A-Z0-9_]+|LOG_LEVEL|DOCKER_CONFIG|DOCKER_AUTH_CONFIG)\b/g)) names.add(match[1]!);
      }
    }
  };
  for (const dir of ['lib', 'app', 'components']) visit(path.join(ROOT, dir));
  return names;
}

describe('Dockerfile', () => {
  it('passes dockerfile-utils lint without errors and runs as a non-root user with a health check', () => {
    const lint = spawnSync(path.join(ROOT, 'node_modules/.bin/dockerfile-utils'), ['lint', path.join(ROOT, 'Dockerfile')], { encoding: 'utf8' });
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(text).toMatch(/^USER 10001:10001$/m);
    expect(text).toMatch(/^HEALTHCHECK .*\n.*\/api\/v1\/health/m);
    expect(text).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(text).toMatch(/^FROM node:\$\{NODE_VERSION\}-bookworm-slim AS runtime$/m);
  });

  it('runs the Node.js major that the scripts and the tests run (.nvmrc, scripts/ensure-node.sh)', () => {
    const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const major = readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim().replace(/^v/, '').split('.')[0];
    expect(text.match(/^ARG NODE_VERSION=(\S+)$/m)?.[1]).toBe(major);
    // The tests themselves run on it too, or they would test another runtime than the one deployed.
    expect(process.versions.node.split('.')[0]).toBe(major);
  });
});

describe('Kubernetes base', () => {
  it('renders objects that the Kubernetes schemas accept, with no unknown field', async () => {
    const objects = kubernetesObjects();
    expect(objects.map((o) => o.kind).sort()).toEqual(['Deployment', 'PodDisruptionBudget', 'Service']);
    for (const object of objects) {
      const Model = await modelOf(object);
      expect(() => new Model(object).validate(), `${object.kind} ${object.metadata?.name}`).not.toThrow();
      expect(await unknownFields(object), `${object.kind}: fields Kubernetes does not know`).toEqual([]);
    }
  });

  it('flags a misspelt field the schema alone would let through (the check above can fail)', async () => {
    const deployment = deploymentOf(kubernetesObjects());
    const misspelt = { ...deployment, spec: { ...deployment.spec, replica: 3 } } as K8sObject;
    expect(await unknownFields(misspelt)).toEqual(['/spec/replica']);
  });

  it('runs two non-root replicas on a read-only root filesystem, probes the health route and keeps secrets in a Secret', () => {
    const deployment = deploymentOf(kubernetesObjects());
    expect(deployment.spec.replicas).toBe(2);
    const pod = deployment.spec.template.spec as PodSpec & { securityContext: { runAsNonRoot: boolean } };
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    const container = pod.containers[0] as Container & Record<string, never>;
    const c = container as unknown as {
      securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean };
      readinessProbe: { httpGet: { path: string } };
      livenessProbe: { httpGet: { path: string } };
      resources: { requests: Record<string, string> };
    };
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(c.readinessProbe.httpGet.path).toBe('/api/v1/health');
    expect(c.livenessProbe.httpGet.path).toBe('/api/v1/health');
    expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
    for (const variable of container.env ?? []) {
      if (findSetting(variable.name)?.isSecret) expect(variable.valueFrom?.secretKeyRef, `${variable.name} must come from a Secret`).toBeDefined();
    }
    expect(objectsOfKind('PodDisruptionBudget')).toHaveLength(1);
  });

  it('runs Node with the same options in the image and in Kubernetes, its heap bound well below the container’s memory limit', () => {
    const container = deploymentOf(kubernetesObjects()).spec.template.spec.containers[0] as Container & {
      resources: { limits: { memory: string } };
    };
    const manifestOptions = container.env?.find((e) => e.name === 'NODE_OPTIONS')?.value ?? '';
    expect(manifestOptions).toBe(imageNodeOptions());
    expect(imageNodeOptions()).toMatch(/(^| )--max-semi-space-size=\d+( |$)/);
    const fromImage = heapBoundMiB(imageNodeOptions());
    const fromManifest = heapBoundMiB(manifestOptions);
    expect(fromImage).toBeGreaterThan(0);
    expect(fromManifest).toBe(fromImage);
    const limit = /^(\d+)Mi$/.exec(container.resources.limits.memory);
    expect(limit, 'limits.memory in Mi').not.toBeNull();
    // The rest of the limit is code, native buffers and the content cache's bytes, which live outside the heap.
    expect(fromManifest!).toBeLessThanOrEqual(0.75 * Number(limit![1]));
  });
});

function objectsOfKind(kind: string): K8sObject[] {
  return kubernetesObjects().filter((o) => o.kind === kind);
}

describe('settings', () => {
  it('lists every variable the image, compose and Kubernetes set', () => {
    const container = deploymentOf(kubernetesObjects()).spec.template.spec.containers[0]!;
    const set = [...dockerfileEnvNames(), ...composeEnvNames(), ...(container.env ?? []).map((e) => e.name)];
    expect(set.length).toBeGreaterThan(5);
    const unknown = set.filter((name) => !PLATFORM_VARIABLES.has(name) && !findSetting(name));
    expect(unknown, 'variables set by deployment files that Archway does not read').toEqual([]);
  });

  it('lists every variable the code reads, and only those', () => {
    const inCode = variablesInCode();
    const listed = new Set(SETTINGS.map((s) => s.name));
    expect([...inCode].filter((name) => !listed.has(name)), 'read by the code but missing from lib/config/settings.ts').toEqual([]);
    const unread = SETTINGS.filter((s) => !inCode.has(s.name) && !['PORT', 'HOSTNAME'].includes(s.name)).map((s) => s.name);
    expect(unread, 'listed in lib/config/settings.ts but read nowhere').toEqual([]);
  });

  it('is the README’s configuration table', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(settingsTable());
  });
});

describe('probes', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'archway-probes-'));
    process.env.ARCHWAY_DATA_DIR = dataDir;
  });
  afterAll(async () => {
    await closeAuditStores();
    delete process.env.ARCHWAY_DATA_DIR;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every probe path of the manifests and the image is a route that answers 200', async () => {
    const container = deploymentOf(kubernetesObjects()).spec.template.spec.containers[0] as unknown as Record<string, { httpGet?: { path: string } }>;
    const paths = new Set(['readinessProbe', 'livenessProbe', 'startupProbe'].flatMap((p) => (container[p]?.httpGet ? [container[p]!.httpGet!.path] : [])));
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    for (const match of dockerfile.matchAll(/(\/api\/v1\/[a-z]+)/g)) paths.add(match[1]!);
    expect(paths).toEqual(new Set(['/api/v1/health']));
    for (const probe of paths) {
      const routeFile = path.join(ROOT, 'app', probe, 'route.ts');
      expect(existsSync(routeFile), routeFile).toBe(true);
      const route = (await import(routeFile)) as { GET: (request: NextRequest) => Promise<Response> };
      const response = await route.GET(new NextRequest(`http://localhost${probe}`));
      expect(response.status, `${probe}: ${await response.clone().text()}`).toBe(200);
    }
  });
});
