import type { BuiltinTaggerOptions, FromChild, ToChild } from './builtin-tagger.js';
import { MediaError } from './errors.js';
import { createModelTagger } from './tagger-models.js';

// The built-in tagger's child process (forked by createBuiltinTagger): loads the models once, tags each image
// it is sent, and exits when its parent disconnects or goes away.

const send = (message: FromChild) => process.send?.(message);
if (!process.send) {
  console.error('tagger-process runs as the child of createBuiltinTagger(), not on its own');
  process.exit(1);
}
const options = JSON.parse(process.argv[2] ?? '{}') as BuiltinTaggerOptions;
const tagger = createModelTagger({ ...options, onModelLoad: (model, ms) => send({ type: 'load', model, ms }) });

process.on('message', (message: ToChild) => {
  if (message.type !== 'tag') return;
  tagger.tag(message.input).then(
    (tags) => {
      const { tensors, rss, peakRss } = tagger.stats();
      send({ type: 'result', id: message.id, tags, stats: { tensors, rss, peakRss } });
    },
    (error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      send({ type: 'error', id: message.id, error: error instanceof MediaError ? { message: text, code: error.code } : { message: text } });
    },
  );
});
process.on('disconnect', () => process.exit(0));
