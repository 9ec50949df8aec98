// Measures XEP-0199 ping round trips with the stanza client over BOSH, the way ANCHORS.md did:
// warm-up pings, then N sequential pings (p50/p99, per second), then N pings with K in flight.
// Usage: node ping.mjs BOSH_URL JID PASSWORD [count=1000] [warmup=50] [inflight=64]
import * as XMPP from 'stanza';

const [url, jid, password, count = '1000', warmup = '50', inflight = '64'] = process.argv.slice(2);
if (!url || !jid || !password) {
  console.error('usage: node ping.mjs BOSH_URL JID PASSWORD [count] [warmup] [inflight]');
  process.exit(2);
}

const domain = jid.split('@')[1];
const client = XMPP.createClient({ jid, password, transports: { bosh: url, websocket: false } });
const started = new Promise((resolve, reject) => {
  client.once('session:started', resolve);
  client.once('auth:failed', () => reject(new Error('auth failed')));
});
client.connect();
await started;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
for (let i = 0; i < Number(warmup); i++) await client.ping(domain);

const times = [];
const seqStart = process.hrtime.bigint();
for (let i = 0; i < Number(count); i++) {
  const t = process.hrtime.bigint();
  await client.ping(domain);
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const seqSeconds = Number(process.hrtime.bigint() - seqStart) / 1e9;
times.sort((a, b) => a - b);

let next = 0;
const parStart = process.hrtime.bigint();
const worker = async () => { while (next++ < Number(count)) await client.ping(domain); };
await Promise.all(Array.from({ length: Number(inflight) }, worker));
const parSeconds = Number(process.hrtime.bigint() - parStart) / 1e9;

console.log(JSON.stringify({
  client: 'stanza 12.22.1 (BOSH)',
  p50: percentile(times, 0.5), p99: percentile(times, 0.99),
  sequentialPerSecond: Number(count) / seqSeconds,
  inflight: Number(inflight), inflightPerSecond: Number(count) / parSeconds,
}));
try { client.disconnect(); } catch { /* the measurement is done */ }
setTimeout(() => process.exit(0), 200);
