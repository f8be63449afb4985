import { escapeMarkdown, markdownCode, markdownTable } from '../../../shared/src/markdown';
import type { JobSummary, OutputSink } from '../../../shared/src/ports';
import type { RunRecord } from '../../../shared/src/run-record';

/** Sets the action's outputs from the run record. */
export function setTrainOutputs(outputs: OutputSink, record: RunRecord, runRecordPath: string, cacheHit: boolean): void {
  outputs.set('cache-hit', cacheHit);
  outputs.set('run-id', record.runId);
  outputs.set('model-digest', record.model?.digest ?? '');
  outputs.set('metrics', JSON.stringify(record.metrics?.values ?? {}));
  outputs.set('run-record', runRecordPath);
  outputs.set('duration-seconds', record.durationSeconds);
}

/** The job summary: what ran (or was restored), the model digest and the metrics. Every user value is escaped. */
export function appendTrainSummary(summary: JobSummary, record: RunRecord, cacheHit: boolean): void {
  const rows: string[][] = [
    ['Run', markdownCode(record.runId)],
    ['Command', markdownCode(record.command)],
    ['Training', cacheHit ? 'skipped: the same command, parameters and inputs were trained before; outputs restored from the cache' : `ran in ${record.durationSeconds.toFixed(1)} s`],
  ];
  if (record.peakMemoryBytes !== null && !cacheHit) rows.push(['Peak memory', `${(record.peakMemoryBytes / 2 ** 20).toFixed(0)} MiB`]);
  if (record.model) rows.push(['Model', `${markdownCode(record.model.path)} ${markdownCode(record.model.digest)}`]);
  rows.push(['Cache key', markdownCode(record.cacheKey)]);
  const parts = [`### Train ${cacheHit ? '(restored from cache)' : ''}`.trim(), '', markdownTable(['', ''], rows)];
  const metrics = Object.entries(record.metrics?.values ?? {});
  if (metrics.length > 0) {
    parts.push('', markdownTable(['Metric', 'Value'], metrics.map(([name, value]) => [escapeMarkdown(name), formatNumber(value)])));
  }
  summary.append(`${parts.join('\n')}\n`);
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
}
