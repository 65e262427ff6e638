import { checkSync } from 'recheck';
import * as events from '../../src/extract/patterns/events.ts';
import * as pub from '../../src/ingest/publication-date.ts';
for (const re of [events.SENTENCE_END, pub.DATELINE_DMY]) {
  const r = checkSync(re.source, re.flags.replace(/[gy]/g, ''));
  console.log(re.source.slice(0, 80), r.status, r.status === 'vulnerable' ? JSON.stringify([r.complexity, r.attack?.pattern, r.hotspot?.map((h: {start:number;end:number}) => re.source.slice(h.start, h.end))]) : '');
}
