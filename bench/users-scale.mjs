// Driver for bench/users-scale.sh: creates users through the admin API, times list pages and reads, writes a report.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, v, i, all) => (i % 2 ? pairs : [...pairs, [v.replace(/^--/, ''), all[i + 1]]]), []));
const base = args.base;
const users = Number(args.users);
const headers = { 'x-admin-key': args['admin-key'], 'content-type': 'application/json' };
const concurrency = 32;
const samples = 25;

async function call(method, path, body) {
  const response = await fetch(base + path, { method, headers, body: body && JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

async function waitForAdmin() {
  for (let i = 0; i < 120; i++) {
    try { await call('GET', '/admin/api/users?limit=1'); return; } catch { await new Promise(r => setTimeout(r, 500)); }
  }
  throw new Error('the admin API never answered');
}

function stats(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = q => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

async function time(path, check) {
  const ms = [];
  let last;
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    last = await call('GET', path);
    ms.push(performance.now() - start);
  }
  check?.(last);
  return { ...stats(ms), body: last };
}

await waitForAdmin();
const rssBefore = rssMiB(args.pid);

// Every 1,000th user is disabled; names carry a unique tag so a search can match exactly one.
let next = 0, created = 0, firstId, middleId;
const createMs = [];
// When each tenth of the users was done: shows whether a create gets slower as the index and directory shards grow.
const tenth = Math.max(1, Math.floor(users / 10));
const started = performance.now();
const tenthsAt = [started];
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (true) {
    const n = next++;
    if (n >= users) return;
    const t = performance.now();
    const made = await call('POST', '/admin/api/users', { name: `scale user ${n} tag${n.toString(36)}x`, limits: { requestsPerMinute: 1000 } });
    createMs.push(performance.now() - t);
    if (n % 1000 === 999) await call('POST', `/admin/api/users/${made.id}/disable`);
    created++;
    if (created % tenth === 0) tenthsAt.push(performance.now());
  }
}));
const createSeconds = (performance.now() - started) / 1000;
const rssAfterCreate = rssMiB(args.pid);

const fail = message => { throw new Error(message); };
const first = await time('/admin/api/users?limit=100', b => b.total === users || fail(`total ${b.total} != ${users}`));
// A cursor half-way through the id order (ids are random, so walk to it once with the biggest page).
let cursor = null;
for (let walked = 0; walked < users / 2; walked += 500) {
  const page = await call('GET', '/admin/api/users?limit=500' + (cursor ? `&after=${cursor}` : ''));
  cursor = page.next;
}
const deep = await time(`/admin/api/users?limit=100&after=${cursor}`, b => b.users.length === 100 || fail('deep page short'));
const big = await time('/admin/api/users?limit=500');
const target = Math.floor(users * 0.7);
const search = await time(`/admin/api/users?search=tag${target.toString(36)}x&limit=100`, b => b.total === 1 || fail(`search total ${b.total}`));
const disabled = await time('/admin/api/users?disabled=true&limit=100', b => b.total === Math.floor(users / 1000) || fail(`disabled total ${b.total}`));
const one = search.body.users[0].id;
const read = await time(`/admin/api/users/${one}`);
const rssEnd = rssMiB(args.pid);

const create = stats(createMs);
const f = x => x.toFixed(1);
const row = (what, s, note = '') => `| ${what} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.max)} | ${note} |`;
const report = `# Users at scale — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit \`${args.commit}\`

\`bench/users-scale.sh --users ${users}\`: one standalone gateway (embedded silo, in-memory storage) in \`user_token\` mode on
127.0.0.1, ${cpus().length} cores, load average ${loadavg().map(x => x.toFixed(1)).join(' ')} at the end. Users are created through the admin API
by ${concurrency} concurrent clients (every 1,000th then disabled); each figure below is ${samples} sequential requests.

| step | figure |
|---|--:|
| users created | ${created.toLocaleString('en-US')} in ${createSeconds.toFixed(1)} s (${Math.round(created / createSeconds).toLocaleString('en-US')}/s; p50 ${f(create.p50)} ms, p95 ${f(create.p95)} ms per create) |
| creates per second in each tenth, first to last | ${tenthsAt.slice(1).map((at, i) => Math.round(tenth / ((at - tenthsAt[i]) / 1000)).toLocaleString('en-US')).join(' · ')} |
| gateway memory (RSS) before / after creating / at the end | ${Math.round(rssBefore)} / ${Math.round(rssAfterCreate)} / ${Math.round(rssEnd)} MiB |

| request (ms) | p50 | p95 | max | |
|---|--:|--:|--:|---|
${row('first page, 100 users, `total`', first, `total ${first.body.total.toLocaleString('en-US')}`)}
${row('page half-way through (cursor), 100 users', deep)}
${row('first page, 500 users (the maximum)', big)}
${row('search matching 1 user (scans every shard)', search, 'total 1')}
${row('disabled=true, 100 rows', disabled, `total ${disabled.body.total}`)}
${row('one user (`GET /admin/api/users/{id}`)', read)}

A page costs one call per index shard plus one view per listed user (the user grains answer in parallel), so its
time does not grow with the number of users behind the cursor; a filter scans each shard's rows in memory (search
and \`total\` for a filtered list).
`;
writeFileSync(args.out, report);
console.log(report);
