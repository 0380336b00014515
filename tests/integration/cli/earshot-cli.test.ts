import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations/index.ts';

const CLI = resolve(import.meta.dirname, '../../../electron/core/cli.ts');

/** Runs the real `earshot` command (as `npm run earshot -- …` does) with Node 24. */
function earshot(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ...env }, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

describe('earshot CLI', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'earshot-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrate creates the database and prints its schema version', () => {
    const r = earshot(['migrate', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ data_dir: dataDir, schema_version: MIGRATIONS.length });
  });

  it('tenants create / list', () => {
    expect(earshot(['tenants', 'create', 'acme', '--name', 'Acme Ltd', '--data-dir', dataDir]).json()).toMatchObject({ id: 'acme', name: 'Acme Ltd' });
    expect(earshot(['tenants', 'list', '--data-dir', dataDir]).json().map((t: { id: string }) => t.id)).toEqual(['default', 'acme']);
    const dup = earshot(['tenants', 'create', 'acme', '--data-dir', dataDir]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/tenant 'acme' already exists/);
  });

  it('keys create prints a working key once, with the scopes asked for', () => {
    const r = earshot(['keys', 'create', '--tenant', 'default', '--scopes', 'read,write', '--name', 'crm', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const key = r.json();
    expect(key).toMatchObject({ tenant_id: 'default', name: 'crm', scopes: ['read', 'write'], rate_limit_per_minute: 600 });
    expect(key.key).toMatch(/^esk_/);
    expect(r.stderr).toMatch(/shown only once/);
    const bad = earshot(['keys', 'create', '--tenant', 'default', '--scopes', 'read,root', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--scopes takes a comma list of read, write, admin/);
    const noTenant = earshot(['keys', 'create', '--tenant', 'ghost', '--scopes', 'read', '--data-dir', dataDir]);
    expect(noTenant.stderr).toMatch(/no tenant 'ghost'/);
  });

  it('keys create sets hourly and daily limits, none unless asked, and refuses bad numbers', () => {
    const limited = earshot(['keys', 'create', '--tenant', 'default', '--scopes', 'read', '--per-hour', '500', '--per-day', '5000', '--data-dir', dataDir]);
    expect(limited.code).toBe(0);
    expect(limited.json()).toMatchObject({ rate_limit_per_hour: 500, rate_limit_per_day: 5000 });
    const plain = earshot(['keys', 'create', '--tenant', 'default', '--scopes', 'read', '--data-dir', dataDir]);
    expect(plain.json()).toMatchObject({ rate_limit_per_hour: null, rate_limit_per_day: null });
    const bad = earshot(['keys', 'create', '--tenant', 'default', '--scopes', 'read', '--per-day', '0', '--data-dir', dataDir]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--per-day must be/);
  });

  it('agents create with a login and an encrypted SIP account; list shows it without secrets', () => {
    const r = earshot([
      'agents', 'create', '--name', 'Bob Supervisor', '--extension', '2001', '--role', 'supervisor', '--skills', 'billing, escalations',
      '--username', 'bob', '--password', 'bobpw1234', '--sip-uri', 'sip:bob@127.0.0.1', '--sip-password', 'bobpw', '--sip-ws-url', 'ws://127.0.0.1:8088',
      '--data-dir', dataDir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ name: 'Bob Supervisor', role: 'supervisor', skills: ['billing', 'escalations'], sip: { username: 'bob', has_password: true } });
    const list = earshot(['agents', 'list', '--data-dir', dataDir]);
    expect(list.stdout).not.toContain('bobpw');
    expect(list.json()).toHaveLength(1);
    expect(earshot(['agents', 'create', '--name', 'X', '--role', 'boss', '--data-dir', dataDir]).stderr).toMatch(/--role is one of agent, supervisor, admin/);
    expect(earshot(['agents', 'create', '--name', 'X', '--sip-uri', 'sip:x@y', '--data-dir', dataDir]).stderr).toMatch(/needs --sip-uri, --sip-ws-url and --sip-password/);
  });

  it('doctor checks the data dir, database, port, SIP and AI, and fails when SIP is unreachable', () => {
    earshot(['agents', 'create', '--name', 'A', '--sip-uri', 'sip:a@127.0.0.1', '--sip-password', 'x', '--sip-ws-url', 'ws://127.0.0.1:1', '--data-dir', dataDir]);
    const r = earshot(['doctor', '--data-dir', dataDir, '--port', '7399'], { OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' });
    expect(r.stdout).toMatch(/ ok +data dir/);
    expect(r.stdout).toMatch(new RegExp(` ok +database +schema v${MIGRATIONS.length}, integrity ok`));
    expect(r.stdout).toMatch(/ ok +port +127\.0\.0\.1:7399 is free/);
    expect(r.stdout).toMatch(/FAIL +sip +ws:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(r.stdout).toMatch(/warn +ai +http:\/\/127\.0\.0\.1:1\/v1 is unreachable/);
    expect(r.code).toBe(1);
  });

  it('rejects unknown commands and bad numbers with a usage message', () => {
    const r = earshot(['serve', '--port', 'eighty']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--port must be a whole number/);
    expect(earshot(['frobnicate']).stderr).toMatch(/unknown command|too many arguments/);
  });
});
