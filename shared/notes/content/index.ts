/**
 * Every bundled exam note, in one list. Content is TypeScript data (not fetched) so the app, the web build and the
 * CLI work offline and a malformed note is a type error at build time.
 */
import type { NoteSource } from '../types.ts';
import { ACCESS_KEY_NOTES } from './access-keys.ts';
import { CLOUDWATCH_NOTES } from './cloudwatch.ts';
import { DATA_FLOW_NOTES } from './data-flow.ts';
import { ENCRYPTION_NOTES } from './encryption.ts';
import { IAM_NOTES } from './iam.ts';
import { IDENTITY_SECRET_NOTES } from './identity-secrets.ts';
import { LAMBDA_NOTES } from './lambda.ts';
import { LOGS_METRICS_NOTES } from './logs-metrics.ts';
import { SECURITY_SERVICE_NOTES } from './security-services.ts';
import { STEP_FUNCTIONS_NOTES } from './step-functions.ts';
import { XRAY_NOTES } from './xray.ts';

/** All notes, grouped roughly as the exam guide orders them; ids are unique (checked by tests). */
export const ALL_NOTES: readonly NoteSource[] = [
  ...IAM_NOTES,
  ...SECURITY_SERVICE_NOTES,
  ...CLOUDWATCH_NOTES,
  ...ENCRYPTION_NOTES,
  ...IDENTITY_SECRET_NOTES,
  ...STEP_FUNCTIONS_NOTES,
  ...XRAY_NOTES,
  ...DATA_FLOW_NOTES,
  ...LAMBDA_NOTES,
  ...ACCESS_KEY_NOTES,
  ...LOGS_METRICS_NOTES,
];
