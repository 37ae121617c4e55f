/** The benchmark's one median (mean of the two middle values for an even count; NaN for none). */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * A paired A/B's figures, as the paired tools print them (bench/xray-pair.ts, xray-page-pair.ts, open-pair.ts):
 * `A 540 ms, B 458 ms; B ÷ A per round: median 0.854 (0.71–1.02)`, the ratios those of each pair, `unit` what
 * a pair is called.
 */
export function pairedSummary(as: readonly number[], bs: readonly number[], unit = 'round'): string {
  const ratios = bs.map((b, i) => b / as[i]!);
  return (
    `A ${median([...as]).toFixed(0)} ms, B ${median([...bs]).toFixed(0)} ms; B ÷ A per ${unit}: median ` +
    `${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`
  );
}
