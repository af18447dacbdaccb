// The bench's portrait client, in its own process so that receiving PNGs costs the sandbox's event
// loop nothing: fetches distinct 512 px portraits (never the same twice, so no cache helps), 6 at a
// time, until it has fetched <count> or stdin closes; then prints how many it fetched.
//   node bench/fetch-portraits.mjs <sandbox url> <count>
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const assetId = (n) => `med_${n.toString(32).toUpperCase().padStart(26, '0').split('').map((c) => CROCKFORD[parseInt(c, 32)]).join('')}`;

const base = process.argv[2];
const count = Number(process.argv[3] ?? 200);
let stop = false;
let fetched = 0;
let next = Math.floor(Math.random() * 1e9);
const first = next;
process.stdin.on('end', () => (stop = true));
process.stdin.resume();
const fetcher = async () => {
  while (!stop && next - first < count) {
    await (await fetch(`${base}/media/${assetId(next++)}.png`)).arrayBuffer();
    fetched++;
  }
};
await Promise.all(Array.from({ length: 6 }, fetcher));
console.log(String(fetched));
