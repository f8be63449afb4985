import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ContractChecker, inferContract, loadContract, writeContract, type CheckResult, type Contract } from '../../../shared/src/contract';
import { readDataset } from '../../../shared/src/data/read-dataset';
import { expandGlobs } from '../../../shared/src/files/globs';
import { relativePath } from '../../../shared/src/files/paths';
import { quote, VerdictFailure } from '../../../shared/src/errors';
import { mergeProfiles, Profiler, readProfile, referenceBinEdges, writeProfile, type Profile } from '../../../shared/src/profile';
import { readReference } from './reference';
import { createActionRuntime, runWrapper, type ActionRuntime } from '../../../shared/src/runtime';
import { profileDrift, type DriftEntry } from './drift';
import { datasetSummary } from './inference';
import { readValidateSettings, type ValidateSettings } from './inputs';
import { annotate, buildReport, setValidateOutputs, summaryMarkdown, writeReport } from './report';

export function run(): Promise<void> {
  return runWrapper('validate-data', () => validateData(createActionRuntime()));
}

/** validate-data's steps; `runtime` supplies every side effect, so tests and the local runner reuse it. */
export async function validateData(runtime: ActionRuntime): Promise<void> {
  const { logger } = runtime;
  const settings = readValidateSettings(runtime.inputs, runtime.context.workspace);
  const relative = (file: string): string => relativePath(settings.workspace, file);
  const contract = settings.contract ? await logger.group('Load the contract', () => loadContract(settings.contract as string, 'contract', relative(settings.contract as string))) : undefined;
  if (settings.githubToken) logger.mask(settings.githubToken);
  const found = await readReference(settings, runtime);
  const reference = found?.profile;
  const now = runtime.clock.now();

  let profile: Profile;
  let checks: CheckResult[] = [];
  let inferred: Contract | undefined;
  if (settings.merge.length > 0) {
    profile = await logger.group('Merge the shard profiles', () => mergeShardProfiles(settings, runtime));
    if (contract) checks = new ContractChecker(contract).datasetResults(finishContext(profile, reference, now));
    // From the profile of the whole, as a run over all the data would infer it (the data is not read here).
    if (settings.inferContract) inferred = await logger.group('Infer a contract', () => writeInferredContract(settings, profile, now));
  } else {
    const pass = await logger.group('Read and check the data', () => readAndCheck(settings, contract, reference, runtime));
    profile = pass.profile;
    checks = pass.checks;
    if (settings.inferContract) {
      inferred = await logger.group('Infer a contract', () => writeInferredContract(settings, profile, now));
      // A new user starts in one step: without a contract of their own, the data is checked against the inferred one.
      if (!contract) checks = (await logger.group('Check the data against the inferred contract', () => readAndCheck(settings, inferred, reference, runtime))).checks;
    }
  }

  const drift: DriftEntry[] = reference && !settings.shard ? await logger.group('Measure drift against the reference', async () => profileDrift(reference, profile, contract ?? inferred)) : [];
  await writeProfile(settings.profile, profile);
  const report = buildReport({
    failOn: settings.failOn,
    mode: settings.merge.length > 0 ? 'merge' : settings.shard ? 'shard' : 'full',
    ...(settings.shard ? { shard: `${settings.shard.index}/${settings.shard.count}` } : {}),
    rows: profile.rows,
    files: profile.files,
    contract: settings.contract ? relative(settings.contract) : null,
    ...(settings.inferContract ? { inferredContract: relative(settings.inferContract) } : {}),
    reference: found?.label ?? null,
    profile: relative(settings.profile),
    checks,
    drift,
  });
  await writeReport(settings.report, report);

  annotate(report, logger);
  setValidateOutputs(runtime.outputs, report, relative(settings.profile), relative(settings.report));
  runtime.summary.append(summaryMarkdown(report));
  await runtime.summary.write();
  if (!report.passed) {
    throw new VerdictFailure(
      `The data failed validation: ${report.errors} error${report.errors === 1 ? '' : 's'} and ${report.warnings} warning${report.warnings === 1 ? '' : 's'} with fail-on: ${report.failOn}; see ${relative(settings.report)}`,
    );
  }
}

/** One pass over the data: profile every column and run the contract's checks on every row, batch by batch. */
async function readAndCheck(settings: ValidateSettings, contract: Contract | undefined, reference: Profile | undefined, runtime: ActionRuntime): Promise<{ profile: Profile; checks: CheckResult[] }> {
  // With a reference, the histograms use its deciles, so drift compares counts on the same bins exactly.
  const profiler = new Profiler({ binEdges: reference ? referenceBinEdges(reference) : undefined });
  const checker = contract ? new ContractChecker(contract) : undefined;
  for await (const batch of readDataset(settings.data, { cwd: settings.workspace, logger: runtime.logger, clock: runtime.clock, shard: settings.shard })) {
    profiler.add(batch);
    checker?.add(batch);
  }
  const profile = profiler.result();
  runtime.logger.info(`${profile.rows.toLocaleString('en-US')} rows in ${profile.files.length} file${profile.files.length === 1 ? '' : 's'}`);
  // A shard leaves the rules on the whole dataset (rows, rows-change, freshness) to the merge step, which has it.
  const checks = !checker ? [] : settings.shard ? checker.rowResults() : checker.finish(finishContext(profile, reference, runtime.clock.now()));
  return { profile, checks };
}

function finishContext(profile: Profile, reference: Profile | undefined, now: number) {
  const columns = new Map(profile.columns.map((column) => [column.name, column]));
  return {
    rows: profile.rows,
    referenceRows: reference?.rows,
    now,
    newestTimestamp: (column: string) => columns.get(column)?.timestamps?.max ?? undefined,
  };
}

async function mergeShardProfiles(settings: ValidateSettings, runtime: ActionRuntime): Promise<Profile> {
  const files = await expandGlobs(settings.merge, settings.workspace, { label: 'merge' });
  const profiles = await Promise.all(files.map((file) => readProfile(path.resolve(settings.workspace, file), 'merge', file)));
  // Quoted: file names come from downloaded artifacts, and a raw newline in one would start a workflow command.
  runtime.logger.info(`Merging ${profiles.length} shard profiles: ${files.map((file) => quote(file)).join(', ')}`);
  return mergeProfiles(profiles);
}

async function writeInferredContract(settings: ValidateSettings, profile: Profile, now: number): Promise<Contract> {
  const file = settings.inferContract as string;
  const source = settings.merge.length > 0 ? `the shard profiles ${settings.merge.join(', ')}` : settings.data.join(', ');
  const contract = inferContract(datasetSummary(profile), { source, date: new Date(now).toISOString().slice(0, 10) });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, writeContract(contract));
  return contract;
}
