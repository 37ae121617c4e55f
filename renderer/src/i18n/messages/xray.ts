/** UI text for the X-Ray workspace and live traces (English and Korean; merged in ../index.ts). */
export const en = {
  'live.title': 'Live traces',
  'live.receiving': 'Receiving on {addresses}',
  'live.waiting': 'Waiting for traces. Point an app at it: AWS_XRAY_DAEMON_ADDRESS={udp} for X-Ray SDKs{otlp}.',
  'live.waitingOtlp': ', or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://{otlp}/v1/traces for OpenTelemetry',
  'live.counts': '{accepted} documents received · {traces} of {max} traces kept · {dropped} dropped',
  'live.newest': 'showing the newest {shown}',
  'live.pause': 'Pause',
  'live.resume': 'Resume',
  'live.paused': 'Paused: {count} updates waiting',
  'live.clear': 'Clear',
  'live.unreachable': 'The trace receiver cannot be reached: {message}',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'live.title': '실시간 트레이스',
  'live.receiving': '수신 중: {addresses}',
  'live.waiting':
    '트레이스를 기다리는 중입니다. 앱이 여기로 보내도록 설정하세요: X-Ray SDK는 AWS_XRAY_DAEMON_ADDRESS={udp}{otlp}.',
  'live.waitingOtlp': ', OpenTelemetry는 OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://{otlp}/v1/traces',
  'live.counts': '문서 {accepted}개 수신 · 트레이스 {traces}/{max}개 보관 · {dropped}개 버림',
  'live.newest': '최신 {shown}개 표시',
  'live.pause': '일시 정지',
  'live.resume': '다시 시작',
  'live.paused': '일시 정지됨: 업데이트 {count}건 대기 중',
  'live.clear': '지우기',
  'live.unreachable': '트레이스 수신기에 연결할 수 없습니다: {message}',
};
