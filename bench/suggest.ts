import { suggest } from '../lib/suggest/engine.ts';
import { demoPlaybook } from '../lib/suggest/playbooks/index.ts';
import { NOW, storyProfiles } from '../test/unit/suggest/fixtures.ts';

// Suggestion engine time per evaluation with the shipped demo playbook (every vertical), next to a baseline
// measured in the same run: one case-insensitive regex of every intent phrase scanned over the same message
// text. The ratio says what the engine costs beyond "just find the keywords"; it carries across machines,
// the microseconds do not.  Run: npx tsx bench/suggest.ts [--seconds 2]

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 2;
const playbook = demoPlaybook();
const profiles = storyProfiles(NOW);
const inputs = [
  { profile: profiles.sofia, messageText: 'Waited for nearly two hours and bags never arrived' },
  { profile: profiles.john, messageText: 'Third time late, cold, and the wrong pizza' },
  { profile: profiles.mary, messageText: 'Filled in your contact form two days ago. Nothing.' },
  { profile: profiles.daniel, messageText: 'Front desk told me to "use the form"' },
  { profile: profiles.tyler, messageText: 'Any chance of a free suite for my followers?' },
  { profile: profiles.priya, messageText: 'App, web, call centre, and still no rebooking' },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const keywords = new RegExp(
  `\\b(?:${playbook.intents
    .flatMap((i) => i.phrases)
    .map((p) => (p.endsWith('*') ? `${escape(p.slice(0, -1))}\\w*` : escape(p)))
    .join('|')})\\b`,
  'giu',
);

function measure(label: string, fn: (i: number) => unknown): number {
  let sink = 0;
  for (let i = 0; i < 2_000; i++) sink += fn(i) ? 1 : 0; // warm-up, lets the JIT settle
  let n = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    for (let k = 0; k < 200; k++, n++) sink += fn(n) ? 1 : 0;
  }
  const micros = ((performance.now() - started) * 1000) / n;
  console.log(
    `${label.padEnd(34)} ${(1e6 / micros).toFixed(0).padStart(9)} evals/s  ${micros.toFixed(2).padStart(8)} µs/eval  (${sink > 0 ? 'ok' : '-'})`,
  );
  return micros;
}

const baseline = measure('baseline: keyword regex scan', (i) => {
  const text = (inputs[i % inputs.length] as (typeof inputs)[number]).messageText;
  return text.match(keywords)?.length ?? 0;
});
const engine = measure('suggest() with the demo playbook', (i) => {
  const input = inputs[i % inputs.length] as (typeof inputs)[number];
  return suggest({ playbook, profile: input.profile, messageText: input.messageText, now: NOW }).suggestions
    .length;
});
const hostileText = `<script>x</script> bags ${'lorem ipsum '.repeat(900)}`;
const hostile = measure(
  'suggest() on 10 kB of text',
  () => suggest({ playbook, profile: profiles.sofia, messageText: hostileText, now: NOW }).suggestions.length,
);
console.log(
  `\nengine / baseline: ${(engine / baseline).toFixed(1)}× the time of a bare keyword scan ` +
    `(${playbook.intents.length} intents, ${playbook.rules.length} rules, ${playbook.offers.length} offers); ` +
    `10 kB text: ${hostile.toFixed(0)} µs`,
);
