#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { agentsCreate, agentsList, keysCreate, migrateCommand, tenantsCreate, tenantsList, UsageError } from './cli/admin.commands.ts';
import { runDoctor } from './cli/doctor.command.ts';
import { serve } from './cli/serve.command.ts';
import { defaultDataDir } from './config/data-dir.ts';
import { EARSHOT_VERSION } from './version.ts';

const DEFAULT_PORT = 7300;
const DEFAULT_HOST = '127.0.0.1';

const int = (what: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}`);
  return n;
};
const collect = (v: string, all: string[]) => [...all, v];

const program = new Command('earshot')
  .description('Earshot: softphone and supervisor console core (hub, admin commands)')
  .version(EARSHOT_VERSION)
  .showHelpAfterError();

const dataDirOption = ['--data-dir <dir>', 'where the database and keys live', defaultDataDir()] as const;

program
  .command('serve', { isDefault: true })
  .description('run the hub: API and console in one server')
  .option('--port <port>', 'TCP port', int('--port', 0, 65535), DEFAULT_PORT)
  .option('--host <host>', 'address to bind; anything but loopback opens the hub to the LAN', DEFAULT_HOST)
  .option(...dataDirOption)
  .option('--allowed-host <name>', 'extra Host name browsers may use (repeatable)', collect, [])
  .option('--allowed-origin <origin>', 'extra Origin allowed for browser requests (repeatable)', collect, [])
  .option('--no-renderer', 'API only, do not serve the console')
  .option('--rtp-address <ip>', 'address headless seats use for RTP (the PBX must reach it)', '127.0.0.1')
  .option('--sip-ca-file <pem>', 'CA certificate (PEM) that signed the PBX certificate, for wss:// to a self-signed PBX')
  .action(serve);

program.command('migrate').description('create or upgrade the database and print its schema version').option(...dataDirOption).action((o) => migrateCommand(o.dataDir));

const tenants = program.command('tenants').description('manage tenants');
tenants.command('create <id>').option('--name <name>', 'display name').option(...dataDirOption).action((id, o) => tenantsCreate(o.dataDir, id, o.name));
tenants.command('list').option(...dataDirOption).action((o) => tenantsList(o.dataDir));

const keys = program.command('keys').description('manage API keys');
keys
  .command('create')
  .requiredOption('--tenant <id>', 'tenant the key belongs to')
  .requiredOption('--scopes <list>', 'comma list of read, write, admin')
  .option('--name <name>', 'what the key is for')
  .option('--rate-limit <n>', 'requests per minute', int('--rate-limit', 1, 100_000))
  .option('--per-hour <n>', 'requests per hour (no hourly limit unless set)', int('--per-hour', 1, 10_000_000))
  .option('--per-day <n>', 'requests per day (no daily limit unless set)', int('--per-day', 1, 100_000_000))
  .option(...dataDirOption)
  .action((o) => keysCreate(o.dataDir, o));

const agents = program.command('agents').description('manage agents (people with seats)');
agents
  .command('create')
  .requiredOption('--name <name>', 'display name')
  .option('--tenant <id>', 'tenant', 'default')
  .option('--extension <ext>', 'extension number')
  .option('--role <role>', 'agent, supervisor or admin', 'agent')
  .option('--skills <list>', 'comma list of skills')
  .option('--max-calls <n>', 'concurrent calls', int('--max-calls', 1, 50))
  .option('--username <name>', 'console login')
  .option('--password <password>', 'console password')
  .option('--sip-uri <uri>', 'SIP address of record, e.g. sip:1001@pbx.lan')
  .option('--sip-username <user>', 'SIP auth user (default: user part of the URI)')
  .option('--sip-password <password>', 'SIP password (stored encrypted)')
  .option('--sip-ws-url <url>', 'PBX SIP-over-WebSocket URL, e.g. wss://pbx.lan:8089/ws')
  .option(...dataDirOption)
  .action((o) => agentsCreate(o.dataDir, o));
agents.command('list').option('--tenant <id>', 'tenant', 'default').option(...dataDirOption).action((o) => agentsList(o.dataDir, o.tenant));

program
  .command('doctor')
  .description('check data dir, database, port, SIP and AI reachability')
  .option(...dataDirOption)
  .option('--host <host>', 'address the hub binds', DEFAULT_HOST)
  .option('--port <port>', 'port the hub uses', int('--port', 1, 65535), DEFAULT_PORT)
  .action(async (o) => {
    const checks = await runDoctor(o);
    for (const c of checks) process.stdout.write(`${c.ok ? (c.warn ? 'warn' : ' ok ') : 'FAIL'}  ${c.name.padEnd(9)} ${c.detail}\n`);
    if (checks.some((c) => !c.ok)) process.exitCode = 1;
  });

program.parseAsync().catch((err: unknown) => {
  process.stderr.write(`earshot: ${err instanceof UsageError ? err.message : err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
