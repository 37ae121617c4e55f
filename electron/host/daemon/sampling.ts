/**
 * The sampling API the X-Ray SDKs call through the daemon's TCP port (the daemon proxies `POST /GetSamplingRules`
 * and `POST /SamplingTargets` to X-Ray), answered here with X-Ray's default rule so SDKs sample locally as they
 * would in AWS: a reservoir of 1 request per second, then 5 % of the rest (developer guide, "Sampling rules").
 * The rate and reservoir are settable; nothing is forwarded anywhere.
 */
import { isObject } from '../../../shared/json.ts';

export interface SamplingSettings {
  /** Requests per second sampled before the fixed rate applies. */
  reservoir: number;
  /** Fraction (0–1) of requests beyond the reservoir. */
  fixedRate: number;
}

export const DEFAULT_SAMPLING: SamplingSettings = { reservoir: 1, fixedRate: 0.05 };

/** Seconds the SDK may use a reservoir quota before asking again, and how often it reports (X-Ray's values). */
const QUOTA_TTL_SECONDS = 10;
const REPORT_INTERVAL_SECONDS = 10;

const CREATED_AT = Math.floor(Date.UTC(2026, 0, 1) / 1000);

/** The GetSamplingRules answer: X-Ray's `Default` rule with the configured reservoir and rate. */
export function samplingRules(settings: SamplingSettings): unknown {
  return {
    SamplingRuleRecords: [
      {
        SamplingRule: {
          RuleName: 'Default',
          RuleARN: 'arn:aws:xray:local:000000000000:sampling-rule/Default',
          ResourceARN: '*',
          Priority: 10000,
          FixedRate: settings.fixedRate,
          ReservoirSize: settings.reservoir,
          ServiceName: '*',
          ServiceType: '*',
          Host: '*',
          HTTPMethod: '*',
          URLPath: '*',
          Version: 1,
          Attributes: {},
        },
        CreatedAt: CREATED_AT,
        ModifiedAt: CREATED_AT,
      },
    ],
  };
}

/**
 * The GetSamplingTargets (`/SamplingTargets`) answer: one target per rule the SDK reported statistics for, each
 * with the whole reservoir (one local daemon has one client that matters) and the fixed rate.
 */
export function samplingTargets(body: unknown, settings: SamplingSettings, nowSeconds: number): unknown {
  const docs =
    isObject(body) && Array.isArray(body.SamplingStatisticsDocuments) ? body.SamplingStatisticsDocuments : [];
  const names = new Set<string>();
  const unprocessed: unknown[] = [];
  for (const d of docs) {
    if (isObject(d) && typeof d.RuleName === 'string') {
      if (d.RuleName === 'Default') names.add(d.RuleName);
      else
        unprocessed.push({
          RuleName: d.RuleName,
          ErrorCode: '400',
          Message: 'Unknown rule (only Default is served locally).',
        });
    }
  }
  return {
    SamplingTargetDocuments: [...names].map((RuleName) => ({
      RuleName,
      FixedRate: settings.fixedRate,
      ReservoirQuota: settings.reservoir,
      ReservoirQuotaTTL: nowSeconds + QUOTA_TTL_SECONDS,
      Interval: REPORT_INTERVAL_SECONDS,
    })),
    LastRuleModification: CREATED_AT,
    UnprocessedStatistics: unprocessed,
  };
}
